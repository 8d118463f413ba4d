using System.CommandLine;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;

namespace LeNet.Cli;

/// <summary>Entry point of the <c>lenet</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    public static int Main(string[] args)
    {
        RootCommand root = BuildRoot();
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"lenet: {error.Message}");
            Console.Error.WriteLine("Run 'lenet --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            // Errors are ours to print: one line, no stack trace, a meaningful exit code.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserError error)
        {
            Console.Error.WriteLine($"lenet: {error.Message}");
            return error.ExitCode;
        }
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("LeNet.Generated: LeNet-5 compiled to specialised SIMD code at build time; train, evaluate, predict, visualise.")
        {
            TrainCommand.Create(),
            EvalCommand.Create(),
            PredictCommand.Create(),
            InfoCommand.Create(),
            ShowCommand.Create(),
            SweepCommand.Create(),
            ServeCommand.Create(),
            FiguresCommand.Create(),
            BenchCommand.Create(),
            CheckCommand.Create(),
            ExportCommand.Create(),
        };
        return root;
    }
}
