using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LeNet.Files;

/// <summary>
/// Writes files so a reader never sees half of one: the bytes go to a temporary file beside the
/// target, <c>.{name}.{32 hex digits}.lenet-tmp</c>, held locked while it is written, flushed to disk
/// and renamed over the target. A process killed mid-write leaves its temporary file behind; every
/// later write into the folder, and <see cref="RemoveLeftovers"/>, removes such leftovers: files of
/// that pattern only, older than the running process and locked by no one.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>How the name of every temporary file ends; no other file is ever removed as a leftover.</summary>
    public const string TemporaryExtension = ".lenet-tmp";

    /// <summary>When this process started: a temporary file written since may belong to a write still under way.</summary>
    private static readonly DateTime ProcessStartUtc = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, creating its folder when needed.</summary>
    /// <exception cref="IOException">The file could not be written; the target, if any, is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable; the target, if any, is unchanged.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => WriteAllBytes(path, bytes, wrap: null);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/>.</summary>
    /// <exception cref="IOException">As <see cref="WriteAllBytes(string, ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">As <see cref="WriteAllBytes(string, ReadOnlySpan{byte})"/>.</exception>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary><see cref="WriteAllBytes(string, ReadOnlySpan{byte})"/> with a hook that wraps the file stream (tests inject failures through it).</summary>
    internal static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, Func<Stream, Stream>? wrap)
    {
        using PendingFile file = Create(path);
        Stream stream = wrap?.Invoke(file.Stream) ?? file.Stream;
        stream.Write(bytes);
        stream.Flush();
        file.Commit();
    }

    /// <summary>
    /// Starts writing <paramref name="path"/> as a stream: the file appears, whole, only at
    /// <see cref="PendingFile.Commit"/>; disposed without it, nothing is left behind.
    /// </summary>
    internal static PendingFile Create(string path)
    {
        string destination = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(destination) ?? ".";
        Directory.CreateDirectory(folder);
        RemoveLeftovers(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}{TemporaryExtension}");
        // FileShare.None locks the file (flock on Unix) for as long as it is open: the mark of a write under way.
        return new PendingFile(destination, temporary, new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None));
    }

    /// <summary>
    /// The temporary files in <paramref name="folder"/> left by writes that will never finish: named by this
    /// class's pattern, last written before this process started, and not held open by any writer.
    /// </summary>
    public static IReadOnlyList<string> Leftovers(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var leftovers = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, ".*" + TemporaryExtension))
        {
            if (!TemporaryName().IsMatch(Path.GetFileName(file))) continue;
            if (File.GetLastWriteTimeUtc(file) >= ProcessStartUtc || IsLocked(file)) continue;
            leftovers.Add(file);
        }
        return leftovers;
    }

    /// <summary>Deletes <see cref="Leftovers"/> of <paramref name="folder"/>, as far as it may; a file that cannot be deleted is left.</summary>
    public static void RemoveLeftovers(string folder)
    {
        foreach (string file in Leftovers(folder)) TryDelete(file);
    }

    /// <summary>Whether a writer still holds <paramref name="file"/> open (and locked).</summary>
    private static bool IsLocked(string file)
    {
        try
        {
            using var probe = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 1);
            return false;
        }
        catch (FileNotFoundException)
        {
            return true; // gone already: nothing to remove
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true; // not ours to judge
        }
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (IOException) { /* best effort: a stray temporary file is harmless, the destination is intact */ }
        catch (UnauthorizedAccessException) { /* as above */ }
    }

    /// <summary>A temporary file's whole name: a dot, the target's name, a dot, a 32-digit guid, <see cref="TemporaryExtension"/>.</summary>
    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.lenet-tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();

    /// <summary>A file being written under a temporary name; see <see cref="Create"/>.</summary>
    internal sealed class PendingFile : IDisposable
    {
        private readonly string _destination;
        private readonly string _temporary;
        private bool _done;

        internal PendingFile(string destination, string temporary, FileStream stream)
        {
            _destination = destination;
            _temporary = temporary;
            Stream = stream;
        }

        /// <summary>Where the bytes go.</summary>
        public FileStream Stream { get; }

        /// <summary>Flushes the bytes to disk and renames the temporary file over the target.</summary>
        /// <exception cref="IOException">The file could not be flushed or renamed; the target, if any, is unchanged.</exception>
        public void Commit()
        {
            Stream.Flush(flushToDisk: true);
            Stream.Dispose();
            File.Move(_temporary, _destination, overwrite: true);
            _done = true;
        }

        /// <summary>Removes the temporary file unless <see cref="Commit"/> moved it into place.</summary>
        public void Dispose()
        {
            try { Stream.Dispose(); }
            catch (IOException) { /* the write failed already; the temporary file goes below */ }
            if (!_done) TryDelete(_temporary);
            _done = true;
        }
    }
}
