using System.CommandLine;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;

namespace LeNet.Cli.Commands;

/// <summary>
/// The checkpoint argument every command that reads one takes: a checkpoint file, or the folder
/// <c>lenet train</c> wrote it into. A folder names the one <c>*.ckpt</c> in it, or, among several, the
/// one named after the folder (<c>runs/lenet5/lenet5.ckpt</c>); anything else is a one-line error listing what is there.
/// </summary>
internal static class CheckpointArgument
{
    /// <summary>Most entries of a folder an error message lists.</summary>
    private const int ListedEntries = 8;

    /// <summary>The argument, with <paramref name="what"/> saying which checkpoint it is.</summary>
    public static Argument<string> Create(string what = "A checkpoint written by 'lenet train'") =>
        new("checkpoint") { Description = $"{what}, or the folder holding it (its one *{Checkpoint.Extension} file, or among several the one named after the folder)." };

    /// <summary>The checkpoint file <paramref name="path"/> stands for: itself, or the one in the folder it names.</summary>
    /// <exception cref="UserError">A folder with no checkpoint in it, or several and none named after the folder.</exception>
    public static string Resolve(string path)
    {
        if (!Directory.Exists(path)) return path;
        string[] checkpoints;
        string[] entries;
        try
        {
            checkpoints = [.. Directory.GetFiles(path, "*" + Checkpoint.Extension).Order(StringComparer.Ordinal)];
            entries = [.. Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: the folder cannot be read ({error.Message}).");
        }
        if (checkpoints.Length == 1) return checkpoints[0];
        string folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        string named = Path.Combine(path, folderName + Checkpoint.Extension);
        if (checkpoints.Contains(named, StringComparer.Ordinal)) return named;
        if (checkpoints.Length > 1)
            throw new UserError($"{path} is a folder holding {checkpoints.Length} checkpoints ({List(checkpoints.Select(Path.GetFileName).OfType<string>().ToArray())}) and none named {folderName}{Checkpoint.Extension}; name the one to use.");
        throw new UserError(entries.Length == 0
            ? $"{path} is an empty folder, not a checkpoint."
            : $"{path} is a folder with no checkpoint (*{Checkpoint.Extension}) in it; it holds {List(entries)}.");
    }

    /// <summary>
    /// The folder a command writes into when not told otherwise: the checkpoint's own, as the path names it
    /// (empty, the current folder, for a bare file name). <c>show</c>, <c>sweep</c>, <c>figures</c> and <c>export</c> all follow it.
    /// </summary>
    public static string FolderOf(string checkpointPath) => Path.GetDirectoryName(checkpointPath) ?? "";

    private static string List(string[] names) =>
        names.Length <= ListedEntries
            ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(ListedEntries))} and {names.Length - ListedEntries} more";
}
