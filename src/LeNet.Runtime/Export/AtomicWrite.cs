namespace LeNet.Export;

/// <summary>
/// Writes a file so that a reader never sees half of it: the bytes go to a temporary file beside the
/// destination, are flushed to disk, and the temporary file is moved over the destination. On any
/// failure the temporary file is removed and the previous file, if any, is unchanged.
/// </summary>
internal static class AtomicWrite
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, creating its folder; <paramref name="wrap"/> may wrap the stream (tests inject failures through it).</summary>
    /// <exception cref="IOException">Or <see cref="UnauthorizedAccessException"/>, <see cref="NotSupportedException"/>: the file could not be written.</exception>
    public static void Write(string path, ReadOnlySpan<byte> bytes, Func<Stream, Stream>? wrap = null)
    {
        string destination = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(destination) ?? ".";
        string temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (Stream stream = wrap?.Invoke(file) ?? file)
            {
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (IOException) { /* best effort: a stray temp file is harmless, the destination is intact */ }
        catch (UnauthorizedAccessException) { /* as above */ }
    }
}
