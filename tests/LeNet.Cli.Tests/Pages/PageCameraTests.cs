using LeNet.Cli.Pages;
using SkiaSharp;

namespace LeNet.Cli.Tests.Pages;

/// <summary>The photograph's perspective, drawn in managed code: pixels back where they came from, the background around them, the page's corners where they were sent.</summary>
public sealed class PageCameraTests
{
    private static readonly SKImageInfo Colour = new(40, 30, SKColorType.Rgba8888, SKAlphaType.Premul);
    private static readonly SKImageInfo Mask = new(40, 30, SKColorType.Alpha8, SKAlphaType.Premul);

    /// <summary>A picture of <paramref name="info"/> with seeded levels (opaque when it has colour).</summary>
    private static SKBitmap Noise(SKImageInfo info, int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(info);
        Span<byte> levels = bitmap.GetPixelSpan();
        random.NextBytes(levels);
        if (info.BytesPerPixel == 4)
            for (int i = 3; i < levels.Length; i += 4) levels[i] = 255;
        return bitmap;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Through_the_identity_every_pixel_comes_back_as_it_was(bool mask)
    {
        SKImageInfo info = mask ? Mask : Colour;
        using SKBitmap source = Noise(info, 3);
        using SKBitmap picture = PageCamera.Project(source, SKMatrix.Identity, info, SKColors.Red);
        Assert.Equal(source.GetPixelSpan().ToArray(), picture.GetPixelSpan().ToArray());
    }

    [Fact]
    public void Through_a_shift_the_picture_moves_and_the_background_fills_what_it_left()
    {
        using SKBitmap source = Noise(Colour, 5);
        // The picture's pixel (x, y) shows the source's (x - 3, y - 2).
        using SKBitmap picture = PageCamera.Project(source, SKMatrix.CreateTranslation(-3, -2), Colour, new SKColor(10, 20, 30));
        for (int y = 0; y < Colour.Height; y++)
            for (int x = 0; x < Colour.Width; x++)
            {
                SKColor expected = x < 3 || y < 2 ? new SKColor(10, 20, 30) : source.GetPixel(x - 3, y - 2);
                Assert.Equal(expected, picture.GetPixel(x, y));
            }
    }

    [Fact]
    public void Half_a_pixel_over_each_pixel_is_the_mean_of_its_two_neighbours()
    {
        using SKBitmap source = Noise(Mask, 7);
        using SKBitmap picture = PageCamera.Project(source, SKMatrix.CreateTranslation(0.5f, 0), Mask, SKColors.Transparent);
        ReadOnlySpan<byte> from = source.GetPixelSpan(), to = picture.GetPixelSpan();
        for (int y = 0; y < Mask.Height; y++)
            for (int x = 0; x + 1 < Mask.Width; x++)
            {
                int a = from[y * source.RowBytes + x], b = from[y * source.RowBytes + x + 1];
                Assert.Equal(Math.Round((a + b) / 2.0, MidpointRounding.ToEven), to[y * picture.RowBytes + x]);
            }
    }

    [Fact]
    public void A_page_seen_in_perspective_lands_within_the_corners_it_was_sent_to()
    {
        using var page = new SKBitmap(new SKImageInfo(200, 100, SKColorType.Alpha8, SKAlphaType.Premul));
        page.Erase(SKColors.Black);
        var info = new SKImageInfo(260, 180, SKColorType.Alpha8, SKAlphaType.Premul);
        SKPoint[] corners = [new(0, 0), new(200, 0), new(200, 100), new(0, 100)];
        SKPoint[] target = [new(20, 35), new(241, 22), new(228, 160), new(31, 143)];
        using SKBitmap picture = PageCamera.Project(page, PageCamera.Homography(target, corners), info, SKColors.Transparent);
        byte Level(float x, float y) => picture.GetPixelSpan()[(int)y * picture.RowBytes + (int)x];
        var centre = new SKPoint(target.Average(p => p.X), target.Average(p => p.Y));
        Assert.Equal(255, Level(centre.X, centre.Y));
        foreach (SKPoint corner in target)
        {
            SKPoint towards = centre - corner;
            towards = new SKPoint(towards.X / towards.Length, towards.Y / towards.Length);
            Assert.Equal(255, Level(corner.X + 4 * towards.X, corner.Y + 4 * towards.Y));
            Assert.Equal(0, Level(corner.X - 4 * towards.X, corner.Y - 4 * towards.Y));
        }
        Assert.Equal(0, Level(5, 5));
        Assert.Equal(0, Level(255, 175));
    }

    [Fact]
    public void A_picture_of_another_colour_type_is_refused()
    {
        using SKBitmap source = Noise(Mask, 1);
        var error = Assert.Throws<ArgumentException>(() => PageCamera.Project(source, SKMatrix.Identity, Colour, SKColors.White));
        Assert.Contains("same type", error.Message);
    }
}
