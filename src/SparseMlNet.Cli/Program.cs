using System.CommandLine;

namespace SparseMlNet.Cli;

/// <summary>Entry point of the <c>sparsemlnet</c> command: one subcommand per file under Commands/, each a thin layer from arguments to engine options.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("SparseMlNet: truly sparse neural networks (SET-MLP, FixProb, dense baselines, QuickSelection) from the command line.");
        foreach (Command command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root.Parse(args).Invoke();
    }

    private static IEnumerable<Command> Commands()
    {
        yield break;
    }
}
