namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// Tests that run <c>lenet</c> in-process through <see cref="Program.Main"/> with the console redirected.
/// The console is global, so they share one collection that never runs beside another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>What one run printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The non-empty lines of stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The non-empty lines of stdout.</summary>
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The last stderr line: the error message, after any data-loading log lines.</summary>
    public string LastError => ErrorLines.LastOrDefault() ?? "";

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

internal static class CliRunner
{
    private static readonly Lock Console = new();

    /// <summary>Runs <c>lenet ARGS</c> and captures both streams.</summary>
    public static CliResult Run(params string[] args) => Capture(() => Program.Main(args));

    /// <summary>Runs <c>lenet ARGS</c> with <paramref name="cancellation"/>, the token Ctrl+C cancels, and captures both streams.</summary>
    public static CliResult Run(CancellationToken cancellation, params string[] args) => Capture(() => Program.Run(args, Program.ToolName, cancellation));

    /// <summary>Runs the command line as a program of its own runs it, through <see cref="LeNetTool.Run(string[])"/>.</summary>
    public static CliResult RunAsProgram(params string[] args) => Capture(() => LeNetTool.Run(args));

    private static CliResult Capture(Func<int> run)
    {
        lock (Console)
        {
            TextWriter oldOut = System.Console.Out, oldError = System.Console.Error;
            var output = new StringWriter();
            var error = new StringWriter();
            System.Console.SetOut(output);
            System.Console.SetError(error);
            try
            {
                int code = run();
                return new CliResult(code, output.ToString(), error.ToString());
            }
            finally
            {
                System.Console.SetOut(oldOut);
                System.Console.SetError(oldError);
            }
        }
    }
}
