using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LeNet.Files;

/// <summary>
/// Writes files so a reader never sees half of one: the bytes go to a temporary file beside the
/// target (<c>.{name}.{process id}.{guid}.tmp</c>), are flushed to disk, and the temporary file is
/// renamed over the target. A process killed mid-write leaves its temporary file behind; the next
/// write of the same target removes every such leftover whose process is gone.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, creating its folder when needed.</summary>
    /// <exception cref="IOException">The file could not be written; the target, if any, is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable; the target, if any, is unchanged.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => WriteAllBytes(path, bytes, wrap: null);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary><see cref="WriteAllBytes(string, ReadOnlySpan{byte})"/> with a hook that wraps the file stream (tests inject failures through it).</summary>
    internal static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, Func<Stream, Stream>? wrap)
    {
        string destination = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(destination) ?? ".";
        string name = Path.GetFileName(destination);
        Directory.CreateDirectory(folder);
        RemoveLeftovers(folder, name);
        string temporary = Path.Combine(folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (Stream stream = wrap?.Invoke(file) ?? file)
            {
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// The temporary files of earlier writes of <paramref name="name"/> whose writer is no longer running
    /// (killed mid-write), or that carry no process id (written before ids were part of the name).
    /// </summary>
    public static IReadOnlyList<string> Leftovers(string folder, string name)
    {
        if (!Directory.Exists(folder)) return [];
        var leftovers = new List<string>();
        string prefix = "." + name + ".";
        foreach (string file in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
        {
            Match match = TemporarySuffix().Match(Path.GetFileName(file)[prefix.Length..]);
            if (!match.Success) continue;
            Group pid = match.Groups["pid"];
            if (pid.Success && int.TryParse(pid.ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out int id) && IsRunning(id))
                continue;
            leftovers.Add(file);
        }
        return leftovers;
    }

    private static void RemoveLeftovers(string folder, string name)
    {
        foreach (string file in Leftovers(folder, name)) TryDelete(file);
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (IOException) { /* best effort: a stray temporary file is harmless, the destination is intact */ }
        catch (UnauthorizedAccessException) { /* as above */ }
    }

    /// <summary>What follows ".{name}." in a temporary file's name: an optional process id, a 32-digit guid, ".tmp".</summary>
    [GeneratedRegex(@"^(?:(?<pid>[0-9]{1,10})\.)?[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporarySuffix();
}
