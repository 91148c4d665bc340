namespace SparseMlNet.Training;

/// <summary>Thrown when the training loss becomes NaN or infinite: no model is returned, so a diverged network is never used.</summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What diverged, where, and what to change.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What diverged.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
