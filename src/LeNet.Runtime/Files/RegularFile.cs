namespace LeNet.Files;

/// <summary>
/// Opens and reads input files with their size known before anything is allocated: only files that
/// exist, are not folders, hold at least one byte and no more than the caller's limit. A symbolic link
/// is followed to its final target, and the target is what is checked and opened. A named pipe or a
/// device reports no length, so it is refused before it is opened (opening a pipe would wait for a
/// writer forever), whether it is named directly or through links; a file that shrinks while it is
/// read is reported as truncated.
/// </summary>
public static class RegularFile
{
    /// <summary>What is wrong with reading <paramref name="path"/> ("is empty or not a regular file ..."), or null when it may be read.</summary>
    public static string? Problem(string path, long maxBytes) => Inspect(path, maxBytes).Problem;

    /// <summary>The file's length after the checks above; the message of every failure names <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file, or it is a link to nothing.</exception>
    /// <exception cref="InvalidDataException">It is (or links to) a folder, an empty file, a pipe or device, or a file longer than <paramref name="maxBytes"/>.</exception>
    public static long Length(string path, long maxBytes) => Check(path, maxBytes).Length;

    /// <summary>Opens <paramref name="path"/> (its final target, when it is a link) for reading after <see cref="Length"/>'s checks.</summary>
    /// <exception cref="FileNotFoundException">As <see cref="Length"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Length"/>.</exception>
    /// <exception cref="IOException">The file could not be opened.</exception>
    public static FileStream OpenRead(string path, long maxBytes, int bufferSize = 1 << 16) =>
        new(Check(path, maxBytes).Target, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);

    /// <summary>The whole file, read after <see cref="Length"/>'s checks.</summary>
    /// <exception cref="FileNotFoundException">As <see cref="Length"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Length"/>, or the file shrank while it was read.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        (string target, long length) = Check(path, maxBytes);
        if (length > Array.MaxLength)
            throw new InvalidDataException($"'{path}' holds {length:N0} bytes, more than one array can hold.");
        var bytes = new byte[length];
        using var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
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

    /// <summary>The target to open and its length, or the exception <see cref="Length"/> documents.</summary>
    private static (string Target, long Length) Check(string path, long maxBytes)
    {
        (string? problem, string target, long length, bool missing) = Inspect(path, maxBytes);
        if (problem is null) return (target, length);
        if (missing) throw new FileNotFoundException($"'{path}' {problem}.", path);
        throw new InvalidDataException($"'{path}' {problem}.");
    }

    /// <summary>
    /// Follows <paramref name="path"/> to its final target without opening anything, and says what, if
    /// anything, forbids reading it; a problem found behind a link names the link's target.
    /// </summary>
    private static (string? Problem, string Target, long Length, bool Missing) Inspect(string path, long maxBytes)
    {
        FileSystemInfo file = new FileInfo(path);
        string link = "";
        if (file.LinkTarget is not null)
        {
            try
            {
                file = file.ResolveLinkTarget(returnFinalTarget: true) ?? file;
            }
            catch (IOException e)
            {
                return ($"is a symbolic link that cannot be followed ({e.Message})", path, 0, false);
            }
            link = $"is a link to '{file.FullName}', which ";
        }
        // A link's target comes back as a FileInfo even when it is a folder.
        if (Directory.Exists(file.FullName))
            return (link + "is a folder, not a file", file.FullName, 0, false);
        if (!file.Exists) return (link + "does not exist", file.FullName, 0, true);
        long length = ((FileInfo)file).Length;
        if (length == 0) return (link + "is empty or not a regular file (a pipe or a device)", file.FullName, 0, false);
        if (length > maxBytes) return (link + $"holds {length:N0} bytes, more than the {maxBytes:N0} accepted", file.FullName, length, false);
        return (null, file.FullName, length, false);
    }
}
