using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LeNet.Checkpoints;

/// <summary>Parses and checks a checkpoint's bytes (see <see cref="CheckpointFormat"/>).</summary>
internal sealed class CheckpointReader(string path, byte[] bytes)
{
    private int _position;

    /// <summary>Reads the whole file, or throws a <see cref="CheckpointException"/> saying what is wrong with it.</summary>
    public CheckpointData Read()
    {
        CheckMagic();
        int version = ReadInt32();
        if (version > CheckpointFormat.Version)
            throw Fail($"made by a newer format version {version}; this program reads version {CheckpointFormat.Version}.");
        if (version < 1)
            throw Fail($"corrupt: format version {version} is not valid.");
        string name = ReadString("network name");
        string signature = ReadString("signature");
        int count = ReadInt32();
        if (count < 0) throw Fail($"corrupt: negative parameter count {count}.");
        var metadata = ReadMetadata();

        long expected = (long)_position + (long)count * sizeof(float) + CheckpointFormat.HashLength;
        if (bytes.Length < expected)
            throw Fail($"truncated: expected {expected} bytes, found {bytes.Length}.");
        if (bytes.Length > expected)
            throw Fail($"corrupt: expected {expected} bytes, found {bytes.Length} (data after the checksum).");
        int hashAt = bytes.Length - CheckpointFormat.HashLength;
        if (!SHA256.HashData(bytes.AsSpan(0, hashAt)).AsSpan().SequenceEqual(bytes.AsSpan(hashAt)))
            throw Fail("corrupt: checksum mismatch.");

        var parameters = new float[count];
        for (int i = 0; i < count; i++)
            parameters[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(_position + i * sizeof(float)));
        if (FirstNonFinite(parameters) is int bad)
            throw Fail($"parameter {bad} is {Describe(parameters[bad])}; a usable checkpoint holds finite numbers only (was it saved from a run that diverged?).");
        return new CheckpointData(path, version, name, signature, parameters, metadata);
    }

    /// <summary>"NaN", "+infinity" or "-infinity", whatever the culture.</summary>
    public static string Describe(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";

    /// <summary>The index of the first NaN or infinite value, or null when all are finite.</summary>
    public static int? FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return i;
        return null;
    }

    private CheckpointException Fail(string message) => new(path, message);

    private void CheckMagic()
    {
        ReadOnlySpan<byte> magic = CheckpointFormat.Magic;
        int available = Math.Min(bytes.Length, magic.Length);
        if (!bytes.AsSpan(0, available).SequenceEqual(magic[..available]))
            throw Fail($"not a LeNet checkpoint (the file does not start with '{Encoding.ASCII.GetString(magic)}').");
        Need(magic.Length);
        _position = magic.Length;
    }

    private void Need(long length)
    {
        if (_position + length > bytes.Length)
            throw Fail($"truncated: expected at least {_position + length} bytes, found {bytes.Length}.");
    }

    private int ReadInt32()
    {
        Need(sizeof(int));
        int value = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(_position));
        _position += sizeof(int);
        return value;
    }

    private string ReadString(string what)
    {
        int length = ReadInt32();
        if (length < 0 || length > CheckpointFormat.MaxStringBytes)
            throw Fail($"corrupt: the {what} claims {length} bytes.");
        Need(length);
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, _position, length); }
        catch (DecoderFallbackException) { throw Fail($"corrupt: the {what} is not valid UTF-8."); }
        _position += length;
        return text;
    }

    private Dictionary<string, string> ReadMetadata()
    {
        int entries = ReadInt32();
        if (entries < 0 || entries > CheckpointFormat.MaxMetadataEntries)
            throw Fail($"corrupt: the metadata claims {entries} entries.");
        var metadata = new Dictionary<string, string>(entries, StringComparer.Ordinal);
        for (int i = 0; i < entries; i++)
        {
            string key = ReadString("metadata key");
            metadata[key] = ReadString($"metadata value of '{key}'");
        }
        return metadata;
    }
}
