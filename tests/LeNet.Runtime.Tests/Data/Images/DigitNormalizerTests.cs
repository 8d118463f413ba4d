using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class DigitNormalizerTests
{
    private const int Side = 28;
    private const int DigitsChecked = 200;

    [Fact]
    public void Inverted_digit_on_a_bigger_canvas_comes_back_as_it_was()
    {
        double totalError = 0;
        for (int k = 0; k < DigitsChecked; k++)
        {
            byte[] digit = SyntheticDigits.Image(k);
            // Dark ink on white paper, 70 wide and 50 high, the digit at (31, 9).
            float[] canvas = Canvas(digit, magnify: 1, width: 70, height: 50, left: 31, top: 9, inkIsDark: true);

            byte[] normalized = DigitNormalizer.Normalize(canvas, 70, 50);

            totalError += MeanAbsoluteDifference(digit, normalized);
            (double x, double y) = CentreOfMass(normalized);
            Assert.InRange(x, 13.5, 14.5);
            Assert.InRange(y, 13.5, 14.5);
        }
        // A digit framed as MNIST frames them is a fixed point of the normalisation, up to rounding.
        Assert.InRange(totalError / DigitsChecked, 0, 0.5);
    }

    [Fact]
    public void Enlarged_digit_is_shrunk_back_close_to_the_original()
    {
        double totalError = 0;
        for (int k = 0; k < DigitsChecked; k++)
        {
            byte[] digit = SyntheticDigits.Image(k);
            float[] canvas = Canvas(digit, magnify: 4, width: 150, height: 130, left: 11, top: 5, inkIsDark: false);

            totalError += MeanAbsoluteDifference(digit, DigitNormalizer.Normalize(canvas, 150, 130));
        }
        // Box-magnified then area-averaged back gives the original exactly, up to the centring's rounding.
        Assert.InRange(totalError / DigitsChecked, 0, 0.5);
    }

    [Fact]
    public void Longer_side_becomes_20_pixels_and_aspect_is_kept()
    {
        // A bright 10 wide, 40 high bar on black.
        var grey = new float[60 * 60];
        for (int y = 10; y < 50; y++)
            for (int x = 25; x < 35; x++) grey[y * 60 + x] = 1;

        byte[] normalized = DigitNormalizer.Normalize(grey, 60, 60);

        (int width, int height) = InkBox(normalized);
        Assert.Equal((5, 20), (width, height));
        Assert.Equal(255, normalized.Max());
        (double cx, double cy) = CentreOfMass(normalized);
        Assert.Equal(14.0, cx, 0.51);
        Assert.Equal(14.0, cy, 0.51);
    }

    [Fact]
    public void Thin_stroke_on_a_large_canvas_still_reaches_full_ink()
    {
        var grey = new float[400 * 400];
        for (int y = 50; y < 350; y++) grey[y * 400 + 200] = 1;

        byte[] normalized = DigitNormalizer.Normalize(grey, 400, 400);

        Assert.Equal(255, normalized.Max());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    [InlineData(0.5f)]
    public void Blank_picture_gives_a_blank_image(float level)
    {
        float[] grey = Enumerable.Repeat(level, 30 * 20).ToArray();

        byte[] normalized = DigitNormalizer.Normalize(grey, 30, 20);

        Assert.Equal(Side * Side, normalized.Length);
        Assert.All(normalized, pixel => Assert.Equal(0, pixel));
    }

    [Fact]
    public void Faint_noise_alone_counts_as_blank()
    {
        var grey = new float[40 * 40];
        grey[5 * 40 + 7] = 0.03f;

        Assert.All(DigitNormalizer.Normalize(grey, 40, 40), pixel => Assert.Equal(0, pixel));
    }

    [Fact]
    public void Wrong_pixel_count_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => DigitNormalizer.Normalize(new float[10], 4, 4));
    }

    /// <summary>The digit magnified by pixel repetition and pasted on a canvas, as levels 0..1, optionally dark on white.</summary>
    private static float[] Canvas(byte[] digit, int magnify, int width, int height, int left, int top, bool inkIsDark)
    {
        var canvas = new float[width * height];
        for (int y = 0; y < Side * magnify; y++)
            for (int x = 0; x < Side * magnify; x++)
                canvas[(top + y) * width + left + x] = digit[y / magnify * Side + x / magnify] / 255f;
        if (inkIsDark)
            for (int i = 0; i < canvas.Length; i++) canvas[i] = 1 - canvas[i];
        return canvas;
    }

    private static double MeanAbsoluteDifference(byte[] a, byte[] b) =>
        a.Zip(b, (p, q) => Math.Abs(p - q)).Average();

    internal static (double X, double Y) CentreOfMass(byte[] image)
    {
        double mass = 0, x = 0, y = 0;
        for (int i = 0; i < image.Length; i++)
        {
            mass += image[i];
            x += image[i] * (i % Side);
            y += image[i] * (i / Side);
        }
        return (x / mass, y / mass);
    }

    private static (int Width, int Height) InkBox(byte[] image)
    {
        var inked = Enumerable.Range(0, image.Length).Where(i => image[i] > 0).ToArray();
        int width = inked.Max(i => i % Side) - inked.Min(i => i % Side) + 1;
        int height = inked.Max(i => i / Side) - inked.Min(i => i / Side) + 1;
        return (width, height);
    }
}
