using LeNet.Files;

namespace LeNet.Checkpoints;

/// <summary>
/// Saves and loads trained parameters (format in <see cref="CheckpointFormat"/>: magic, version,
/// network name and signature, metadata, float32 parameters, SHA-256). Saving is atomic: the file
/// is written next to its destination under a temporary name, flushed to disk, then moved over the
/// destination (<see cref="AtomicFile"/>), so a failure at any point leaves the previous checkpoint untouched.
/// Parameters that are not finite (NaN or infinite) are neither saved nor loaded.
/// </summary>
public static class Checkpoint
{
    /// <summary>The usual file extension.</summary>
    public const string Extension = ".ckpt";

    /// <summary>
    /// Writes <paramref name="parameters"/> of <paramref name="network"/> with optional <paramref name="metadata"/>
    /// and the <paramref name="data"/> they were trained on (see <see cref="CheckpointData.Data"/>) to <paramref name="path"/>, atomically.
    /// </summary>
    /// <exception cref="CheckpointException">The parameter count does not match the network, a parameter is not finite, or the file could not be written (the previous file is then unchanged).</exception>
    /// <exception cref="ArgumentException">The data description is not valid (<see cref="DataInfo.Validate"/>), <paramref name="metadata"/> uses one of the data keys, which only <paramref name="data"/> writes, or holds a malformed pass or accuracy (see <see cref="CheckpointData.Chosen"/>).</exception>
    public static void Save(string path, NetworkDescription network, ReadOnlySpan<float> parameters,
        IReadOnlyDictionary<string, string>? metadata = null, DataInfo? data = null) =>
        Save(path, network, parameters, metadata, data, wrap: null);

    /// <summary><see cref="Save(string, NetworkDescription, ReadOnlySpan{float}, IReadOnlyDictionary{string, string}?, DataInfo?)"/> with a hook that wraps the file stream (tests inject failures through it).</summary>
    internal static void Save(string path, NetworkDescription network, ReadOnlySpan<float> parameters,
        IReadOnlyDictionary<string, string>? metadata, DataInfo? data, Func<Stream, Stream>? wrap)
    {
        var entries = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (CheckpointMetadata.DataKeys.FirstOrDefault(entries.ContainsKey) is { } reserved)
            throw new ArgumentException($"Metadata key '{reserved}' describes the data; pass a {nameof(DataInfo)} instead.", nameof(metadata));
        if (data is not null)
        {
            data.Validate();
            CheckpointMetadata.WriteData(data, entries);
        }
        try
        {
            CheckpointMetadata.ReadChosen(entries);
        }
        catch (FormatException error)
        {
            throw new ArgumentException($"{error.Message}.", nameof(metadata), error);
        }
        if (parameters.Length != network.ParameterCount)
            throw new CheckpointException(path,
                $"network '{network.Name}' has {network.ParameterCount} parameters, but {parameters.Length} were given; nothing was written.");
        if (CheckpointReader.FirstNonFinite(parameters) is int bad)
            throw new CheckpointException(path, $"parameter {bad} is {CheckpointReader.Describe(parameters[bad])}; only finite parameters are saved, nothing was written.");
        byte[] bytes = CheckpointWriter.Serialize(network.Name, network.Signature, parameters, entries);
        WriteAtomically(path, bytes, wrap);
    }

    /// <summary>Reads and checks the checkpoint at <paramref name="path"/>.</summary>
    /// <exception cref="CheckpointException">The file is missing, unreadable, not a regular file, too large, not a checkpoint, from a newer format, truncated, corrupt, or holds a parameter that is not finite; the message says which.</exception>
    public static CheckpointData Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new CheckpointException(path, "no such file.");
        if (RegularFile.Problem(path, CheckpointFormat.MaxFileBytes) is { } problem)
            throw new CheckpointException(path, $"the file {problem}.");
        byte[] bytes;
        try
        {
            bytes = RegularFile.ReadAllBytes(path, CheckpointFormat.MaxFileBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CheckpointException(path, "no such file.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CheckpointException(path, $"could not be read: {e.Message}", e);
        }
        return new CheckpointReader(path, bytes).Read();
    }

    /// <summary>
    /// Reads and checks a checkpoint from <paramref name="stream"/>, read to its end (an embedded resource,
    /// a download); <paramref name="name"/> stands for the file in messages.
    /// </summary>
    /// <exception cref="CheckpointException">The stream could not be read, holds more than <see cref="CheckpointFormat.MaxFileBytes"/>, or its contents fail as in <see cref="Read(string)"/>.</exception>
    public static CheckpointData Read(Stream stream, string name = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var bytes = new MemoryStream();
        try
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                if (bytes.Length + read > CheckpointFormat.MaxFileBytes)
                    throw new CheckpointException(name, $"holds more than the {CheckpointFormat.MaxFileBytes:N0} bytes accepted.");
                bytes.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw new CheckpointException(name, $"could not be read: {e.Message}", e);
        }
        return new CheckpointReader(name, bytes.ToArray()).Read();
    }

    /// <summary>Reads the checkpoint at <paramref name="path"/> and returns its parameters for <paramref name="network"/>.</summary>
    /// <exception cref="CheckpointException">As <see cref="Read(string)"/> and <see cref="CheckpointData.ParametersFor"/>.</exception>
    public static float[] Load(string path, NetworkDescription network) => Read(path).ParametersFor(network);

    internal static void WriteAtomically(string path, byte[] bytes, Func<Stream, Stream>? wrap)
    {
        try
        {
            AtomicFile.WriteAllBytes(path, bytes, wrap);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CheckpointException(path, $"could not be written ({e.Message}); any previous checkpoint there is unchanged.", e);
        }
    }
}
