using System.CommandLine;
using System.CommandLine.Help;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;

namespace LeNet.Cli;

/// <summary>Entry point of the <c>lenet</c> tool.</summary>
internal static class Program
{
    /// <summary>The tool's command name: what help, usage lines and messages call it.</summary>
    public const string ToolName = "lenet";

    /// <summary>Runs the command line as the <c>lenet</c> tool and returns its exit code.</summary>
    public static int Main(string[] args) => Run(args, ToolName);

    /// <summary>
    /// Runs the command line under <paramref name="name"/>, the program's name in help and messages;
    /// <paramref name="cancellation"/> stops a command that can be stopped (train) as Ctrl+C does.
    /// </summary>
    internal static int Run(string[] args, string name, CancellationToken cancellation = default)
    {
        Command root = BuildRoot(name);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{name}: {UsageError(parsed)}");
            return ExitCodes.Usage;
        }
        try
        {
            // Errors are ours to print: one line, no stack trace, a meaningful exit code. Ctrl+C is the
            // commands' own to handle (train saves what it has), so the parser installs no handler of its own.
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return parsed.InvokeAsync(configuration, cancellation).GetAwaiter().GetResult();
        }
        catch (UserError error)
        {
            Console.Error.WriteLine($"{name}: {error.Message}");
            return error.ExitCode;
        }
    }

    /// <summary>One line for a command line that does not parse: the first thing wrong, a likely meaning, and where to read more.</summary>
    private static string UsageError(ParseResult parsed)
    {
        Command root = parsed.RootCommandResult.Command, command = parsed.CommandResult.Command;
        string[] commandNames = [.. root.Subcommands.Select(c => c.Name)];
        string commands = string.Join(", ", commandNames);
        if (command == root)
        {
            if (parsed.UnmatchedTokens.Count == 0) return $"no command given; the commands are {commands} (see '{root.Name} --help').";
            string token = parsed.UnmatchedTokens[0];
            if (ToolCommandsAttribute.PackageOf(token) is { } package)
                return $"'{token}' comes with the {package} package, which this program does not reference; the commands are {commands}.";
            return $"'{token}' is not a command{DidYouMean(token, commandNames)}; the commands are {commands} (see '{root.Name} --help').";
        }
        string usage = $"see '{root.Name} {command.Name} --help'";
        if (parsed.UnmatchedTokens.Count == 0) return $"{parsed.Errors[0].Message.TrimEnd('.')} ({usage}).";
        string unmatched = parsed.UnmatchedTokens[0];
        string[] options = unmatched.StartsWith('-')
            ? [.. command.Options.Concat(root.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Prepend(o.Name))]
            : [];
        return $"'{unmatched}' is not an option or argument of '{root.Name} {command.Name}'{DidYouMean(unmatched, options)} ({usage}).";
    }

    /// <summary>" (did you mean '--epochs'?)" when one of <paramref name="candidates"/> is near <paramref name="token"/>, else "".</summary>
    private static string DidYouMean(string token, IEnumerable<string> candidates)
    {
        IReadOnlyList<string> near = Suggestions.Near(token, candidates);
        return near.Count == 0 ? "" : $" (did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?)";
    }

    /// <summary>The root command, named <paramref name="name"/>, with every subcommand, those of the optional assemblies present (<see cref="ToolCommandsAttribute"/>) included.</summary>
    public static Command BuildRoot(string name = ToolName)
    {
        // A plain command rather than RootCommand, whose name is the executable's file name (LeNet.Tool, say) and cannot be changed.
        var root = new Command(name, "LeNet.Generated: LeNet-5 compiled to specialised SIMD code at build time; train, evaluate, predict, visualise.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        Command[] commands =
        [
            TrainCommand.Create(),
            EvalCommand.Create(),
            PredictCommand.Create(),
            StringsCommand.Create(),
            ReadCommand.Create(),
            PageSetCommand.Envelopes(),
            PageSetCommand.Cheques(),
            FindCommand.Create(),
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
