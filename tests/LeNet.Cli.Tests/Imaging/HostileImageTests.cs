using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LeNet.Imaging;
using LeNet.Testing;
using SkiaSharp;

namespace LeNet.Cli.Tests.Imaging;

/// <summary>
/// Pictures that lie: headers announcing billions of pixels, a decompression bomb, a pipe named .png,
/// and seeded random mutations of valid files in every format. Each read ends in
/// <see cref="InvalidDataException"/> with a message naming the file, or a valid picture; never another
/// exception, a hang, or memory beyond what the pixel limit allows.
/// </summary>
public sealed class HostileImageTests : IDisposable
{
    private static readonly int Mutations = FuzzSettings.Count(250);
    /// <summary>Most managed bytes one decode may allocate: the luminance of the largest picture accepted, and slack.</summary>
    private const long AllocationBound = ImageFile.MaxPixels * sizeof(float) + (16L << 20);
    /// <summary>The size the lying headers claim.</summary>
    private const int Huge = 30_000;

    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-hostile-images-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Digit => TestSupport.SyntheticDigit(7);

    /// <summary>A 24-bit uncompressed BMP: the 54-byte header, then bottom-up rows padded to 4 bytes.</summary>
    private static byte[] Bmp(int width, int height, byte[]? grey = null)
    {
        int stride = (width * 3 + 3) & ~3;
        long dataLength = grey is null ? 0 : (long)stride * height;
        var file = new byte[54 + dataLength];
        "BM"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24);
        if (grey is not null)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    file.AsSpan(54 + (height - 1 - y) * stride + 3 * x, 3).Fill(grey[y * width + x]);
        return file;
    }

    private static byte[] Encode(SKEncodedImageFormat format)
    {
        var info = new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Digit.CopyTo(bitmap.GetPixelSpan());
        using SKData data = bitmap.Encode(format, quality: 90);
        return data.ToArray();
    }

    /// <summary>A PNG whose header says <paramref name="width"/> x <paramref name="height"/> grey pixels, with <paramref name="rows"/> rows of zeros really there.</summary>
    private static byte[] Png(int width, int height, int rows)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), deflate, no filter, no interlace
        Chunk(file, "IHDR", header);
        using (var packed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                var row = new byte[width + 1];
                for (int r = 0; r < rows; r++) zlib.Write(row);
            }
            Chunk(file, "IDAT", packed.ToArray());
        }
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        file.Write(number);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320 & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    /// <summary>A valid JPEG whose start-of-frame now claims <paramref name="width"/> x <paramref name="height"/>.</summary>
    private static byte[] JpegClaiming(int width, int height)
    {
        byte[] jpeg = Encode(SKEncodedImageFormat.Jpeg);
        for (int i = 2; i + 9 < jpeg.Length; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        throw new InvalidOperationException("The encoded JPEG has no start-of-frame marker.");
    }

    /// <summary>A GIF: the logical screen and one frame of <paramref name="width"/> x <paramref name="height"/>, a two-colour table, a few bytes of data.</summary>
    private static byte[] Gif(int width, int height)
    {
        var gif = new List<byte>("GIF89a"u8.ToArray());
        void Word(int value) { gif.Add((byte)value); gif.Add((byte)(value >> 8)); }
        Word(width); Word(height);
        gif.AddRange([0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF]); // a global table of two colours
        gif.Add(0x2C); Word(0); Word(0); Word(width); Word(height); gif.Add(0);
        gif.AddRange([0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]); // LZW minimum 2, one tiny block, trailer
        return [.. gif];
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Reads <paramref name="path"/>: a valid picture, or an <see cref="InvalidDataException"/> naming it, within the allocation bound.</summary>
    private static string? Survives(string path)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GreyImage image;
        try
        {
            image = ImageFile.Read(path);
        }
        catch (InvalidDataException error)
        {
            Assert.Contains(Path.GetFileName(path), error.Message);
            return error.Message;
        }
        finally
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationBound, $"{path}: {allocated:N0} bytes allocated");
        }
        Assert.Equal((long)image.Width * image.Height, image.Pixels.Length);
        Assert.True(image.Pixels.All(v => v is >= 0f and <= 1f), $"{path}: a pixel outside 0..1");
        return null;
    }

    public static TheoryData<string> LyingFormats => ["bmp", "png", "jpeg"];

    [Theory]
    [MemberData(nameof(LyingFormats))]
    public void A_small_file_whose_header_claims_900_megapixels_is_refused_before_decoding(string format)
    {
        byte[] bytes = format switch
        {
            "bmp" => Bmp(Huge, Huge),
            "png" => Png(Huge, Huge, rows: 1),
            _ => JpegClaiming(Huge, Huge),
        };
        Assert.True(bytes.Length < 100_000);
        string? message = Survives(Write("lying." + format, bytes));
        Assert.NotNull(message);
        Assert.Contains($"is {Huge}x{Huge} pixels", message);
        Assert.Contains("megapixels accepted", message);
    }

    [Fact]
    public void A_gif_whose_header_lies_is_refused()
    {
        Assert.NotNull(Survives(Write("lying.gif", Gif(Huge, Huge))));
    }

    [Fact]
    public void A_decompression_bomb_is_refused_before_decoding()
    {
        // A real PNG: 6000x6000 grey pixels, every row there, a few hundred kilobytes on disk.
        const int side = 6000;
        byte[] bomb = Png(side, side, rows: side);
        Assert.True(bomb.Length < 1_000_000);
        string? message = Survives(Write("bomb.png", bomb));
        Assert.NotNull(message);
        Assert.Contains("megapixels accepted", message);
    }

    [Fact]
    public void A_pipe_named_png_is_refused_without_waiting_for_a_writer()
    {
        if (OperatingSystem.IsWindows()) return;
        string pipe = Path.Combine(_folder, "digit.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        var error = Assert.Throws<InvalidDataException>(() => ImageFile.Read(pipe));
        Assert.Contains("not a regular file", error.Message);
    }

    public static TheoryData<string> Formats => ["png", "jpeg", "webp", "bmp", "gif", "pgm-binary", "pgm-text"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_pictures_give_a_clean_error_or_a_valid_picture(string format)
    {
        byte[] valid = format switch
        {
            "png" => Encode(SKEncodedImageFormat.Png),
            "jpeg" => Encode(SKEncodedImageFormat.Jpeg),
            "webp" => Encode(SKEncodedImageFormat.Webp),
            "bmp" => Bmp(28, 28, Digit),
            "gif" => Gif(4, 4),
            "pgm-binary" => ImageFile.EncodeDigitPgm(Digit),
            _ => Encoding.ASCII.GetBytes("P2\n# a digit\n28 28\n255\n" + string.Join(' ', Digit)),
        };
        var random = new Random(FuzzSettings.Seed(format.Length * 31 + format[0]));
        int refused = 0;
        for (int i = 0; i < Mutations; i++)
            FuzzSettings.Case(i, () =>
            {
                string path = Write($"mutated-{i}.{format}", Mutate(valid, random));
                if (Survives(path) is not null) refused++;
                File.Delete(path);
            });
        Assert.True(refused > 0, "no mutation was refused: the fuzzer does not mutate");
    }

    /// <summary>One random damage: flipped bytes (often in the header, where the sizes are), a cut, appended or removed bytes.</summary>
    private static byte[] Mutate(byte[] valid, Random random)
    {
        byte[] bytes = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (int k = random.Next(1, 8); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                return [.. bytes, .. Enumerable.Range(0, random.Next(1, 100)).Select(_ => (byte)random.Next(256))];
            case 3:
                int at = random.Next(bytes.Length), count = random.Next(1, Math.Min(64, bytes.Length - at) + 1);
                return [.. bytes[..at], .. bytes[(at + count)..]];
            default:
                for (int k = random.Next(1, 4); k > 0; k--) bytes[random.Next(Math.Min(bytes.Length, 40))] = (byte)random.Next(256);
                return bytes;
        }
    }
}
