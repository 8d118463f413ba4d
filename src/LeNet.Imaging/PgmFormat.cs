using System.Text;

namespace LeNet.Imaging;

/// <summary>
/// The Netpbm grey map (PGM): "P2" (decimal text) or "P5" (binary, one byte per sample when the
/// maximum is below 256, two big-endian bytes otherwise). Skia does not read it, so this small
/// parser does; only what the format defines is accepted.
/// </summary>
internal static class PgmFormat
{
    private const int LargestMaximum = 65535;
    private const int LargestByteMaximum = 255;
    private const int MagicLength = 2;

    /// <summary>True when <paramref name="bytes"/> start with a PGM magic number ("P2" or "P5").</summary>
    public static bool Recognises(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= MagicLength && bytes[0] == (byte)'P' && (bytes[1] == (byte)'2' || bytes[1] == (byte)'5');

    /// <summary>Parses a PGM file's bytes into luminance 0..1 (sample / maximum).</summary>
    /// <exception cref="InvalidDataException">The header or data is malformed; the message names <paramref name="name"/>.</exception>
    public static GreyImage Decode(ReadOnlySpan<byte> bytes, string name)
    {
        bool binary = bytes[1] == (byte)'5';
        int position = MagicLength;
        int width = ReadNumber(bytes, ref position, name, "width");
        int height = ReadNumber(bytes, ref position, name, "height");
        int maximum = ReadNumber(bytes, ref position, name, "maximum grey value");
        if (width <= 0 || height <= 0)
            throw Error(name, $"the size {width}x{height} must be positive");
        if (maximum is <= 0 or > LargestMaximum)
            throw Error(name, $"the maximum grey value {maximum} must be in 1..{LargestMaximum}");
        ImageFile.CheckPixelCount(width, height, name, "PGM");
        long count = (long)width * height;

        var pixels = new float[count];
        if (binary) ReadBinary(bytes, position, maximum, pixels, name);
        else ReadText(bytes, position, maximum, pixels, name);
        return new GreyImage(width, height, pixels);
    }

    /// <summary>Encodes bytes as a binary ("P5") grey map with maximum 255.</summary>
    public static byte[] EncodeBinary(ReadOnlySpan<byte> pixels, int width, int height)
    {
        byte[] header = Encoding.ASCII.GetBytes($"P5\n{width} {height}\n{LargestByteMaximum}\n");
        var file = new byte[header.Length + pixels.Length];
        header.CopyTo(file, 0);
        pixels.CopyTo(file.AsSpan(header.Length));
        return file;
    }

    private static void ReadBinary(ReadOnlySpan<byte> bytes, int position, int maximum, float[] pixels, string name)
    {
        // The header ends with exactly one whitespace byte after the maximum; the samples follow.
        if (position >= bytes.Length || !IsWhitespace(bytes[position]))
            throw Error(name, "the header does not end with a whitespace byte before the samples");
        position++;
        int sampleBytes = maximum > LargestByteMaximum ? 2 : 1;
        long needed = (long)pixels.Length * sampleBytes;
        if (bytes.Length - position < needed)
            throw Error(name, $"the data is truncated: {pixels.Length} samples need {needed} bytes, the file has {bytes.Length - position}");
        ReadOnlySpan<byte> data = bytes.Slice(position, (int)needed);
        for (int i = 0; i < pixels.Length; i++)
        {
            int sample = sampleBytes == 1 ? data[i] : data[2 * i] << 8 | data[2 * i + 1];
            if (sample > maximum)
                throw Error(name, $"sample {i} is {sample}, above the maximum {maximum}");
            pixels[i] = (float)sample / maximum;
        }
    }

    private static void ReadText(ReadOnlySpan<byte> bytes, int position, int maximum, float[] pixels, string name)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            int sample = ReadNumber(bytes, ref position, name, $"sample {i}");
            if (sample > maximum)
                throw Error(name, $"sample {i} is {sample}, above the maximum {maximum}");
            pixels[i] = (float)sample / maximum;
        }
    }

    /// <summary>Skips whitespace and '#' comments, then reads one unsigned decimal number.</summary>
    private static int ReadNumber(ReadOnlySpan<byte> bytes, ref int position, string name, string what)
    {
        while (position < bytes.Length)
        {
            if (bytes[position] == (byte)'#')
                while (position < bytes.Length && bytes[position] != (byte)'\n') position++;
            else if (IsWhitespace(bytes[position])) position++;
            else break;
        }
        if (position >= bytes.Length)
            throw Error(name, $"the file ends before the {what}");
        long value = 0;
        int start = position;
        while (position < bytes.Length && bytes[position] is >= (byte)'0' and <= (byte)'9')
        {
            value = value * 10 + (bytes[position] - '0');
            if (value > int.MaxValue)
                throw Error(name, $"the {what} is too large");
            position++;
        }
        if (position == start)
            throw Error(name, $"expected a number for the {what} at byte {start}, found '{(char)bytes[start]}'");
        return (int)value;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static InvalidDataException Error(string name, string problem) =>
        new($"'{name}' is not a valid PGM file: {problem}.");
}
