using LeNet.Data;
using SkiaSharp;

namespace LeNet.Cli.Pages;

/// <summary>
/// A handwritten field composed at strip geometry (MNIST's digits 20 pixels high): ink levels, 0 paper to
/// 255 full ink, row-major, cropped to the ink; and the text it shows.
/// </summary>
/// <param name="Levels">Height x Width ink levels.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Text">What is written, as a labels file states it.</param>
internal sealed record HandwrittenInk(byte[] Levels, int Width, int Height, string Text)
{
    /// <summary>The height of a digit at strip geometry: MNIST's 20x20 box, so a page scales ink by its digit height over this.</summary>
    public const float DigitHeight = 20f;

    /// <summary>The ink of <paramref name="levels"/> (<paramref name="width"/> columns) cropped to its rows and columns above <see cref="StripSynthesizer.InkLevel"/>.</summary>
    public static HandwrittenInk Crop(ReadOnlySpan<byte> levels, int width, string text)
    {
        int height = levels.Length / width;
        int left = width, right = -1, top = height, bottom = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (levels[y * width + x] > StripSynthesizer.InkLevel)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
        if (right < 0) throw new InvalidOperationException($"The handwriting of '{text}' holds no ink.");
        int w = right - left + 1, h = bottom - top + 1;
        var cropped = new byte[w * h];
        for (int y = 0; y < h; y++)
            levels.Slice((top + y) * width + left, w).CopyTo(cropped.AsSpan(y * w, w));
        return new HandwrittenInk(cropped, w, h, text);
    }

    /// <summary>The ink as an alpha-only picture: drawn with a paint, it takes the paint's colour.</summary>
    public SKImage ToImage()
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Alpha8, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        Levels.CopyTo(bitmap.GetPixelSpan());
        bitmap.SetImmutable();
        return SKImage.FromBitmap(bitmap);
    }

    /// <summary>
    /// Writes the ink on <paramref name="page"/> in <paramref name="colour"/> and on <paramref name="field"/> (the page's
    /// mask of handwriting) at full strength: its top-left corner at (<paramref name="x"/>, <paramref name="y"/>),
    /// scaled by <paramref name="scale"/> and turned by <paramref name="degrees"/> about its centre.
    /// </summary>
    public void Place(SKCanvas page, SKCanvas field, float x, float y, float scale, float degrees, SKColor colour)
    {
        using SKImage image = ToImage();
        var target = SKRect.Create(x, y, Width * scale, Height * scale);
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        foreach ((SKCanvas canvas, SKColor ink) in (ReadOnlySpan<(SKCanvas, SKColor)>)[(page, colour), (field, SKColors.Black)])
        {
            canvas.Save();
            canvas.RotateDegrees(degrees, target.MidX, target.MidY);
            using var paint = new SKPaint { Color = ink, IsAntialias = true };
            canvas.DrawImage(image, target, sampling, paint);
            canvas.Restore();
        }
    }
}

/// <summary>Handwritten 5-digit zip codes composed as <c>lenet strings</c> composes strips (<see cref="StripSynthesizer"/>).</summary>
internal sealed class ZipHandwriting(LabelledImages digits)
{
    private static readonly StripRecipe Zip = new(5, 5, StripSpacing.Mixed);
    private readonly StripSynthesizer _strips = new(digits);

    /// <summary>Zip code <paramref name="index"/> of series <paramref name="seed"/>.</summary>
    public HandwrittenInk Compose(int seed, int index)
    {
        DigitStrip strip = _strips.Compose(Zip, seed, index);
        return HandwrittenInk.Crop(strip.Pixels, strip.Width, strip.Text);
    }
}
