using System.Globalization;
using LeNet.Files;
using LeNet.Pages;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// A page as the page reader saw it (<see cref="PageReader.Find"/>): the page in grey, the detector's
/// handwriting probability over it as a red heat map (the most probable of the pyramid's levels at each
/// place), every candidate line's box in orange, and the chosen field's box in green with its reading, under
/// a title line.
/// </summary>
internal static class PageSheet
{
    private const int TitleHeight = 28;
    private const float TitleSize = 14f, LabelSize = 13f;
    private const float HeatOpacity = 0.6f;
    private const float ShownProbability = 0.05f;
    private static readonly SKColor Heat = new(0xE0, 0x10, 0x10), Candidate = new(0xF0, 0x90, 0x00), Chosen = new(0x00, 0xA0, 0x30);

    /// <summary>Writes the picture of <paramref name="reading"/> on <paramref name="page"/> to <paramref name="path"/> as a PNG, atomically.</summary>
    public static void Save(string path, GreyImage page, PageReading reading, string title) => AtomicFile.WriteAllBytes(path, Render(page, reading, title));

    /// <summary>The picture as PNG bytes: the page's size, plus the title line above.</summary>
    public static byte[] Render(GreyImage page, PageReading reading, string title)
    {
        var info = new SKImageInfo(page.Width, page.Height + TitleHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            var painter = new Painter(canvas);
            painter.Text(title, 6, TitleHeight - 9, TitleSize, SKColors.Black);
            canvas.Translate(0, TitleHeight);
            using (SKImage grey = Grey(page)) canvas.DrawImage(grey, 0, 0);
            using (SKImage heat = HeatMap(page.Width, page.Height, reading.Planes))
            using (var paint = new SKPaint { Color = SKColors.White.WithAlpha((byte)(255 * HeatOpacity)) })
                canvas.DrawImage(heat, 0, 0, paint);
            using (SKPaint pen = Pen(Candidate, 1.5f))
                foreach (FieldCandidate candidate in reading.Candidates)
                    canvas.DrawRect(Rect(candidate.Box), pen);
            if (reading.Box is PageBox box)
            {
                using SKPaint pen = Pen(Chosen, 3f);
                SKRect rect = Rect(box);
                canvas.DrawRect(rect, pen);
                string label = $"{reading.Text} ({reading.Confidence.ToString("0.000", CultureInfo.InvariantCulture)}{(reading.Rejected ? ", rejected" : "")})";
                painter.Text(label, rect.Left, rect.Top > LabelSize + 4 ? rect.Top - 4 : rect.Bottom + LabelSize + 2, LabelSize, Chosen, bold: true);
            }
        }
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKRect Rect(PageBox box) => SKRect.Create((float)box.X, (float)box.Y, (float)box.Width, (float)box.Height);

    private static SKPaint Pen(SKColor colour, float width) => new() { Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };

    private static SKImage Grey(GreyImage page)
    {
        var info = new SKImageInfo(page.Width, page.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Span<byte> levels = bitmap.GetPixelSpan();
        for (int i = 0; i < levels.Length; i++) levels[i] = (byte)Math.Clamp(MathF.Round(page.Pixels[i] * 255), 0, 255);
        return SKImage.FromBitmap(bitmap);
    }

    /// <summary>The handwriting probability at each place of the page: each level's positions as cells 4 level pixels square, the most probable level kept.</summary>
    private static SKImage HeatMap(int width, int height, IReadOnlyList<DetectionPlane> planes)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var paint = new SKPaint { BlendMode = SKBlendMode.Lighten };
            foreach (DetectionPlane plane in planes)
            {
                float cell = (float)(Data.StripGeometry.Step / plane.Scale);
                ReadOnlySpan<float> handwriting = plane.Plane(LocatorAnswers.Handwriting);
                for (int row = 0; row < plane.Rows; row++)
                    for (int column = 0; column < plane.Columns; column++)
                    {
                        float p = handwriting[row * plane.Columns + column];
                        if (!(p >= ShownProbability)) continue;
                        paint.Color = Heat.WithAlpha((byte)Math.Clamp(255 * p, 0, 255));
                        canvas.DrawRect(SKRect.Create((float)plane.PageX(column) - cell / 2, (float)plane.PageY(row) - cell / 2, cell, cell), paint);
                    }
            }
        }
        return SKImage.FromBitmap(bitmap);
    }
}
