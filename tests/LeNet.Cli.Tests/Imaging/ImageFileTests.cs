using System.Text;
using LeNet.Imaging;
using SkiaSharp;

namespace LeNet.Cli.Tests.Imaging;

public sealed class ImageFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-imaging-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A digit with every grey level 0..255 somewhere in it, so a round trip checks them all.</summary>
    private static byte[] AllGreys()
    {
        byte[] digit = TestSupport.SyntheticDigit(5);
        for (int i = 0; i < 256; i++) digit[i * 3 % digit.Length] = (byte)i;
        return digit;
    }

    private static byte[] ToBytes(GreyImage image) => image.Pixels.Select(v => (byte)MathF.Round(v * 255f)).ToArray();

    [Theory]
    [InlineData("digit.png")]
    [InlineData("digit.pgm")]
    public void Saved_digits_read_back_as_the_same_pixels(string name)
    {
        byte[] digit = AllGreys();
        string path = Path.Combine(_folder, name);
        if (name.EndsWith(".png")) ImageFile.SaveDigitPng(path, digit);
        else ImageFile.SaveDigitPgm(path, digit);

        GreyImage image = ImageFile.Read(path);

        Assert.Equal((28, 28), (image.Width, image.Height));
        Assert.Equal(digit, ToBytes(image));
        Assert.Equal(digit[100] / 255f, image.Pixels[100]);
    }

    [Fact]
    public void Text_and_sixteen_bit_pgm_are_read_with_comments()
    {
        byte[] text = Encoding.ASCII.GetBytes("P2\n# a comment\n3 2\n# another\n10\n0 5 10\n10 5 0\n");
        Assert.Equal([0f, 0.5f, 1f, 1f, 0.5f, 0f], ImageFile.Decode(text, "t.pgm").Pixels);

        byte[] sixteen = [.. Encoding.ASCII.GetBytes("P5 2 1 65535\n"), 0xFF, 0xFF, 0x80, 0x00];
        GreyImage wide = ImageFile.Decode(sixteen, "w.pgm");
        Assert.Equal(1f, wide.Pixels[0]);
        Assert.Equal(32768f / 65535f, wide.Pixels[1]);
    }

    [Fact]
    public void Colour_becomes_luma_and_transparency_is_laid_on_white()
    {
        var info = new SKImageInfo(3, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        bitmap.SetPixel(0, 0, new SKColor(255, 0, 0));          // red: luma 0.299
        bitmap.SetPixel(1, 0, new SKColor(0, 0, 0, 0));         // transparent: white
        bitmap.SetPixel(2, 0, new SKColor(0, 0, 0, 128));       // half-transparent black: half grey
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        GreyImage image = ImageFile.Decode(png.ToArray(), "colour.png");

        Assert.Equal(0.299f, image.Pixels[0], 3);
        Assert.Equal(1f, image.Pixels[1], 3);
        Assert.Equal(1f - 128 / 255f, image.Pixels[2], 3);
    }

    [Fact]
    public void Jpeg_and_webp_decode_through_skia()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(16, 8, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(200, 200, 200));
        foreach (var format in new[] { SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp })
        {
            using SKData data = bitmap.Encode(format, 95);
            GreyImage image = ImageFile.Decode(data.ToArray(), $"grey.{format}");
            Assert.Equal((16, 8), (image.Width, image.Height));
            Assert.All(image.Pixels, v => Assert.Equal(200 / 255f, v, 1));
        }
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(_folder, "nowhere.png");
        var error = Assert.Throws<FileNotFoundException>(() => ImageFile.Read(path));
        Assert.Contains("nowhere.png", error.Message);
    }

    [Fact]
    public void Unsupported_and_truncated_files_are_named_with_the_problem()
    {
        string text = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(text, "hello, not a picture");
        var unsupported = Assert.Throws<InvalidDataException>(() => ImageFile.Read(text));
        Assert.Contains("notes.txt", unsupported.Message);
        Assert.Contains("PNG", unsupported.Message);

        byte[] png = ImageFile.EncodeDigitPng(AllGreys());
        string cut = Path.Combine(_folder, "cut.png");
        File.WriteAllBytes(cut, png[..(png.Length / 2)]);
        var truncated = Assert.Throws<InvalidDataException>(() => ImageFile.Read(cut));
        Assert.Contains("cut.png", truncated.Message);

        string empty = Path.Combine(_folder, "empty.png");
        File.WriteAllBytes(empty, []);
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => ImageFile.Read(empty)).Message);
    }

    [Theory]
    [InlineData("P5 2 2 255\n\u0001\u0002\u0003", "truncated")]
    [InlineData("P2 2 1 10\n3 11\n", "sample 1 is 11, above the maximum 10")]
    [InlineData("P2 2 1 10\n3 x\n", "sample 1")]
    [InlineData("P5 0 4 255\n", "must be positive")]
    [InlineData("P5 2 2 70000\n", "maximum grey value 70000")]
    [InlineData("P2 2", "ends before the height")]
    public void Malformed_pgm_says_what_is_wrong(string content, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => ImageFile.Decode(Encoding.Latin1.GetBytes(content), "bad.pgm"));
        Assert.Contains("'bad.pgm'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Saving_replaces_an_existing_file_and_leaves_no_temporary()
    {
        string path = Path.Combine(_folder, "again.png");
        File.WriteAllText(path, "old");
        ImageFile.SaveDigitPng(path, AllGreys());
        Assert.Equal(AllGreys(), ToBytes(ImageFile.Read(path)));
        Assert.Single(Directory.GetFiles(_folder));
    }
}
