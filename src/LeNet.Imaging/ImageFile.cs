using LeNet.Files;
using SkiaSharp;

namespace LeNet.Imaging;

/// <summary>
/// Reads picture files as grey luminance (0 = black, 1 = white) and writes 28x28 digits out as pictures.
/// PNG, JPEG, BMP, GIF and WEBP go through Skia's decoders; PGM (P2 and P5, 8 or 16 bits) through a
/// small parser of our own, since Skia has none.
/// </summary>
public static class ImageFile
{
    // ITU-R BT.601 luma weights, in thousandths so a grey pixel (R = G = B) maps back to exactly itself.
    private const int RedWeight = 299, GreenWeight = 587, BlueWeight = 114, WeightTotal = 1000;
    private const float ChannelMaximum = 255f;

    /// <summary>
    /// Most pixels a picture may have (a 24-megapixel photo, 6000x4000): the size in the header is checked
    /// before anything is decoded, so a header that lies or a small file that unpacks into a huge
    /// picture (a decompression bomb) is refused at once.
    /// </summary>
    public const long MaxPixels = 24_000_000;

    /// <summary>Largest picture file read.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The file formats <see cref="Read"/> understands, for messages.</summary>
    public const string SupportedFormats = "PNG, JPEG, BMP, GIF, WEBP, PGM (P2/P5)";

    /// <summary>Reads <paramref name="path"/> as luminance 0..1; colour becomes luma, transparency is laid on white.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, not a regular file, too large, not a picture in a supported format, larger than <see cref="MaxPixels"/>, or damaged.</exception>
    public static GreyImage Read(string path) => Decode(RegularFile.ReadAllBytes(path, MaxFileBytes), path);

    /// <summary>Refuses a picture of more than <see cref="MaxPixels"/> pixels, before it is decoded.</summary>
    /// <exception cref="InvalidDataException">The size is not positive or above the limit.</exception>
    internal static void CheckPixelCount(long width, long height, string name, string format)
    {
        if (width <= 0 || height <= 0)
            throw new InvalidDataException($"'{name}' is not a valid {format} file: its size {width}x{height} is not positive.");
        if (width * height > MaxPixels)
            throw new InvalidDataException($"'{name}' is {width}x{height} pixels by its {format} header, more than the {MaxPixels / 1_000_000} megapixels accepted; scale it down first.");
    }

    /// <summary>Decodes a picture held in memory; <paramref name="name"/> is used in error messages.</summary>
    /// <exception cref="InvalidDataException">Not a picture in a supported format, or damaged.</exception>
    public static GreyImage Decode(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.IsEmpty)
            throw new InvalidDataException($"Image file '{name}' is empty.");
        if (PgmFormat.Recognises(bytes))
            return PgmFormat.Decode(bytes, name);

        using SKData data = SKData.CreateCopy(bytes);
        using SKCodec? codec = SKCodec.Create(data);
        if (codec is null)
            throw new InvalidDataException($"'{name}' is not a picture in a supported format ({SupportedFormats}).");
        CheckPixelCount(codec.Info.Width, codec.Info.Height, name, codec.EncodedFormat.ToString().ToUpperInvariant());
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        // An incomplete stream still yields the rows before the damage; a picture with missing rows is not what the user drew.
        if (result != SKCodecResult.Success)
            throw new InvalidDataException($"'{name}' could not be decoded as {codec.EncodedFormat}: {result}.");
        return ToLuminance(bitmap);
    }

    private static GreyImage ToLuminance(SKBitmap bitmap)
    {
        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        var pixels = new float[bitmap.Width * bitmap.Height];
        for (int i = 0; i < pixels.Length; i++)
        {
            int r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2], a = rgba[4 * i + 3];
            float luma = (RedWeight * r + GreenWeight * g + BlueWeight * b) / (float)WeightTotal / ChannelMaximum;
            float alpha = a / ChannelMaximum;
            pixels[i] = luma * alpha + (1f - alpha);
        }
        return new GreyImage(bitmap.Width, bitmap.Height, pixels);
    }

    /// <summary>
    /// Encodes a byte picture (e.g. an MNIST digit) as a grey PNG, each byte its grey level, so an MNIST
    /// digit appears white on black and <see cref="Read"/> gives back byte / 255.
    /// </summary>
    public static byte[] EncodeDigitPng(ReadOnlySpan<byte> pixels, int width = DigitSide, int height = DigitSide)
    {
        CheckSize(pixels, width, height);
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        pixels.CopyTo(bitmap.GetPixelSpan());
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, quality: 100);
        return png.ToArray();
    }

    /// <summary>Encodes a byte picture as a binary PGM (P5, maximum 255).</summary>
    public static byte[] EncodeDigitPgm(ReadOnlySpan<byte> pixels, int width = DigitSide, int height = DigitSide)
    {
        CheckSize(pixels, width, height);
        return PgmFormat.EncodeBinary(pixels, width, height);
    }

    /// <summary>Writes <see cref="EncodeDigitPng"/> to <paramref name="path"/> atomically.</summary>
    public static void SaveDigitPng(string path, ReadOnlySpan<byte> pixels, int width = DigitSide, int height = DigitSide) =>
        AtomicFile.WriteAllBytes(path, EncodeDigitPng(pixels, width, height));

    /// <summary>Writes <see cref="EncodeDigitPgm"/> to <paramref name="path"/> atomically.</summary>
    public static void SaveDigitPgm(string path, ReadOnlySpan<byte> pixels, int width = DigitSide, int height = DigitSide) =>
        AtomicFile.WriteAllBytes(path, EncodeDigitPgm(pixels, width, height));

    /// <summary>Side of an MNIST digit.</summary>
    public const int DigitSide = 28;

    private static void CheckSize(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height)
            throw new ArgumentException($"A {width}x{height} picture needs {width * height} bytes, not {pixels.Length}.", nameof(pixels));
    }
}
