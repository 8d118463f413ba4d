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
            Console.Error.WriteLine($"lenet: {UsageError(parsed)}");
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

    /// <summary>One line for a command line that does not parse: the first thing wrong, and where to read more.</summary>
    private static string UsageError(ParseResult parsed)
    {
        Command command = parsed.CommandResult.Command;
        string commands = string.Join(", ", parsed.RootCommandResult.Command.Subcommands.Select(c => c.Name));
        if (command is RootCommand)
        {
            if (parsed.UnmatchedTokens.Count > 0 && ToolCommandsAttribute.PackageOf(parsed.UnmatchedTokens[0]) is { } package)
                return $"'{parsed.UnmatchedTokens[0]}' comes with the {package} package, which this program does not reference; the commands are {commands}.";
            return parsed.UnmatchedTokens.Count > 0
                ? $"'{parsed.UnmatchedTokens[0]}' is not a command; the commands are {commands} (see 'lenet --help')."
                : $"no command given; the commands are {commands} (see 'lenet --help').";
        }
        string usage = $"see 'lenet {command.Name} --help'";
        return parsed.UnmatchedTokens.Count > 0
            ? $"'{parsed.UnmatchedTokens[0]}' is not an option or argument of 'lenet {command.Name}' ({usage})."
            : $"{parsed.Errors[0].Message.TrimEnd('.')} ({usage}).";
    }

    /// <summary>The root command with every subcommand, those of the optional assemblies present (<see cref="ToolCommandsAttribute"/>) included.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("LeNet.Generated: LeNet-5 compiled to specialised SIMD code at build time; train, evaluate, predict, visualise.");
        Command[] commands =
        [
            TrainCommand.Create(),
            EvalCommand.Create(),
            PredictCommand.Create(),
            StringsCommand.Create(),
            ReadCommand.Create(),
            InfoCommand.Create(),
            ShowCommand.Create(),
            SweepCommand.Create(),
            .. ToolCommandsAttribute.Present(),
            FiguresCommand.Create(),
            BenchCommand.Create(),
            CheckCommand.Create(),
            ExportCommand.Create(),
            ModelsCommand.Create(),
        ];
        foreach (Command command in commands)
            root.Subcommands.Add(command);
        OptionRules.ApplyTo(root);
        return root;
    }
}
