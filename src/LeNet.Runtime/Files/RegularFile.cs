namespace LeNet.Files;

/// <summary>
/// Opens and reads input files with their size known before anything is allocated: only files that
/// exist, are not folders, hold at least one byte and no more than the caller's limit. A named pipe
/// or a device reports no length, so it is refused before it is opened (opening a pipe would wait
/// for a writer forever); a file that shrinks while it is read is reported as truncated.
/// </summary>
public static class RegularFile
{
    /// <summary>What is wrong with reading <paramref name="path"/> ("is empty or not a regular file ..."), or null when it may be read.</summary>
    public static string? Problem(string path, long maxBytes)
    {
        if (Directory.Exists(path)) return "is a folder, not a file";
        var file = new FileInfo(path);
        if (!file.Exists) return "does not exist";
        if (file.Length == 0) return "is empty or not a regular file (a pipe or a device)";
        if (file.Length > maxBytes) return $"holds {file.Length:N0} bytes, more than the {maxBytes:N0} accepted";
        return null;
    }

    /// <summary>The file's length after the checks above; the message of every failure names <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">It is a folder, empty, a pipe or device, or longer than <paramref name="maxBytes"/>.</exception>
    public static long Length(string path, long maxBytes)
    {
        string? problem = Problem(path, maxBytes);
        if (problem is null) return new FileInfo(path).Length;
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"'{path}' {problem}.", path);
        throw new InvalidDataException($"'{path}' {problem}.");
    }

    /// <summary>Opens <paramref name="path"/> for reading after <see cref="Length"/>'s checks.</summary>
    /// <exception cref="FileNotFoundException">As <see cref="Length"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Length"/>.</exception>
    /// <exception cref="IOException">The file could not be opened.</exception>
    public static FileStream OpenRead(string path, long maxBytes, int bufferSize = 1 << 16)
    {
        Length(path, maxBytes);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
    }

    /// <summary>The whole file, read after <see cref="Length"/>'s checks.</summary>
    /// <exception cref="FileNotFoundException">As <see cref="Length"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Length"/>, or the file shrank while it was read.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        long length = Length(path, maxBytes);
        if (length > Array.MaxLength)
            throw new InvalidDataException($"'{path}' holds {length:N0} bytes, more than one array can hold.");
        var bytes = new byte[length];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        int total = 0;
        while (total < bytes.Length)
        {
            int read = stream.Read(bytes, total, bytes.Length - total);
            if (read == 0)
                throw new InvalidDataException($"'{path}' was truncated while it was read: {total:N0} of {length:N0} bytes.");
            total += read;
        }
        return bytes;
    }
}
