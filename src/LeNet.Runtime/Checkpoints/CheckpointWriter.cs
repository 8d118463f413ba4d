using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace LeNet.Checkpoints;

/// <summary>Lays out a checkpoint's bytes (see <see cref="CheckpointFormat"/>); no validation against a network.</summary>
internal static class CheckpointWriter
{
    /// <summary>The complete file: header, parameters and the trailing hash.</summary>
    public static byte[] Serialize(string networkName, string signature, ReadOnlySpan<float> parameters,
        IReadOnlyDictionary<string, string>? metadata, int version = CheckpointFormat.Version)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(CheckpointFormat.Magic);
            writer.Write(version);
            WriteString(writer, networkName);
            WriteString(writer, signature);
            writer.Write(parameters.Length);
            // Sorted keys: the same content always gives the same bytes.
            var entries = (metadata ?? new Dictionary<string, string>()).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
            writer.Write(entries.Count);
            foreach ((string key, string value) in entries)
            {
                WriteString(writer, key);
                WriteString(writer, value);
            }
            WriteFloats(writer, parameters);
        }
        byte[] hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        buffer.Write(hash);
        return buffer.ToArray();
    }

    private static void WriteString(BinaryWriter writer, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        foreach (float value in values) writer.Write(value);
    }
}
