namespace LeNet.Cli.Terminal;

/// <summary>
/// A problem the user can fix (a missing file, a bad option value, a corrupt checkpoint): printed
/// as one line on stderr, with a non-zero exit code, never as a stack trace.
/// </summary>
internal sealed class UserError(string message, int exitCode = ExitCodes.UserError) : Exception(message)
{
    /// <summary>The process exit code for this error.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>Bad input: a file, an image, a checkpoint, a data folder, an option value.</summary>
    public const int UserError = 1;
    /// <summary>The command line itself could not be parsed.</summary>
    public const int Usage = 2;
    /// <summary>Training diverged (NaN or infinite loss); nothing was saved.</summary>
    public const int Diverged = 3;
    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Interrupted = 130;
}
