namespace SparseMlNet.Cli;

/// <summary>A user error found by the CLI itself (for example, a class count that does not match the model).</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException()
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
