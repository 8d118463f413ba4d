using System.Text.RegularExpressions;

namespace LeNet.Cli.Terminal;

/// <summary>A folder that holds one generated set (strips, pages) beside a user's other files.</summary>
internal static class SetFolder
{
    /// <summary>
    /// Deletes the files of an earlier set that this one did not overwrite: files whose names match
    /// <paramref name="setFile"/> (as the command names them, and only those: a user's other files stay)
    /// and are not in <paramref name="written"/>, so the folder holds exactly the set its labels list.
    /// </summary>
    /// <param name="folder">The set's folder.</param>
    /// <param name="setFile">The names the command gives the set's files.</param>
    /// <param name="written">The files of the set just written.</param>
    /// <param name="what">What one file is, for the error: "a strip", "a page".</param>
    /// <returns>How many files were removed.</returns>
    /// <exception cref="UserError">A file of the earlier set cannot be removed.</exception>
    public static int RemoveStale(string folder, Regex setFile, IReadOnlySet<string> written, string what)
    {
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(folder))
        {
            string name = Path.GetFileName(path);
            if (!setFile.IsMatch(name) || written.Contains(name)) continue;
            try
            {
                File.Delete(path);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"{path}: {what} of an earlier set, cannot be removed ({error.Message}).");
            }
            removed++;
        }
        return removed;
    }
}
