using System.Globalization;
using LeNet.Files;
using LeNet.Pages;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// A page as the page reader saw it (<see cref="PageReader.Find"/>): the page in grey, the detector's
/// handwriting probability over it as a red heat map (the most probable of the pyramid's levels at each
/// place), every candidate line's box in orange, the chosen field's box in green with its reading and, for a
/// labelled page, the field's true box framed in blue, under a title line.
/// </summary>
internal static class PageSheet
{
    private const int TitleHeight = 28, TitleLineHeight = 18, TitleMargin = 6;
    private const string TitleSeparator = " · ";
    private const float TitleSize = 14f, LabelSize = 13f;
    private const float HeatOpacity = 0.6f;
    private const float ShownProbability = 0.05f;
    /// <summary>Pixels between the labelled box and the blue frame drawn around it, so the frame does not hide the green one.</summary>
    private const double TruthMargin = 3;
    private static readonly SKColor Heat = new(0xE0, 0x10, 0x10), Candidate = new(0xF0, 0x90, 0x00), Chosen = new(0x00, 0xA0, 0x30),
        Truth = new(0x10, 0x50, 0xE0);

    /// <summary>Writes the picture of <paramref name="reading"/> on <paramref name="page"/> to <paramref name="path"/> as a PNG, atomically.</summary>
    /// <param name="path">The PNG to write.</param>
    /// <param name="page">The page as given to <see cref="PageReader.Find"/>.</param>
    /// <param name="reading">What was found on it.</param>
    /// <param name="title">The line above the page.</param>
    /// <param name="truth">The field's labelled box, drawn in blue, when the page comes with a label.</param>
    /// <param name="width">The picture's width, the page scaled to it; null for the page's own width.</param>
    public static void Save(string path, GreyImage page, PageReading reading, string title, PageBox? truth = null, int? width = null) =>
        AtomicFile.WriteAllBytes(path, Render(page, reading, title, truth, width));

    /// <summary>The picture as PNG bytes: the page's size (or <paramref name="width"/> pixels wide, the page scaled to it), plus the title above.</summary>
    public static byte[] Render(GreyImage page, PageReading reading, string title, PageBox? truth = null, int? width = null)
    {
        if (width is < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "A picture is at least one pixel wide.");
        int pictureWidth = width ?? page.Width;
        float scale = (float)pictureWidth / page.Width;
        IReadOnlyList<string> lines = TitleLines(title, pictureWidth - 2 * TitleMargin);
        int titleHeight = TitleHeight + (lines.Count - 1) * TitleLineHeight;
        var info = new SKImageInfo(pictureWidth, (int)Math.Round(page.Height * scale) + titleHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            var painter = new Painter(canvas);
            for (int i = 0; i < lines.Count; i++)
                painter.Text(lines[i], TitleMargin, TitleHeight - 9 + i * TitleLineHeight, TitleSize, SKColors.Black);
            canvas.Translate(0, titleHeight);
            // The page and its boxes in page pixels, scaled; lines and labels keep their size in the picture.
            canvas.Scale(scale);
            DrawPage(canvas, page, reading);
            if (truth is PageBox labelled)
                using (SKPaint pen = Pen(Truth, 2f / scale))
                    canvas.DrawRect(Rect(Grown(labelled, TruthMargin / scale)), pen);
            using (SKPaint pen = Pen(Candidate, 1.5f / scale))
                foreach (FieldCandidate candidate in reading.Candidates)
                    canvas.DrawRect(Rect(candidate.Box), pen);
            if (reading.Box is PageBox box)
            {
                using SKPaint pen = Pen(Chosen, 3f / scale);
                SKRect rect = Rect(box);
                canvas.DrawRect(rect, pen);
                string label = $"{reading.Text} ({reading.Confidence.ToString("0.000", CultureInfo.InvariantCulture)}{(reading.Rejected ? ", rejected" : "")})";
                float size = LabelSize / scale;
                painter.Text(label, rect.Left, rect.Top > size + 4 / scale ? rect.Top - 4 / scale : rect.Bottom + size + 2 / scale, size, Chosen, bold: true);
            }
        }
        return Png(bitmap);
    }

    /// <summary>The title cut into lines at its " · " separators, each as long as fits in <paramref name="width"/> pixels (a part longer than that alone on its line).</summary>
    private static IReadOnlyList<string> TitleLines(string title, float width)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string part in title.Split(TitleSeparator))
        {
            string longer = line.Length == 0 ? part : line + TitleSeparator + part;
            if (line.Length > 0 && Painter.Measure(longer, TitleSize) > width)
            {
                lines.Add(line);
                line = part;
            }
            else
                line = longer;
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>
    /// The page in grey with the heat map over it, no boxes and no title, as PNG bytes of the page's size:
    /// the picture the demo page draws its boxes on.
    /// </summary>
    public static byte[] Overlay(GreyImage page, PageReading reading)
    {
        var info = new SKImageInfo(page.Width, page.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap)) DrawPage(canvas, page, reading);
        return Png(bitmap);
    }

    /// <summary>The page in grey and the detector's heat map over it.</summary>
    private static void DrawPage(SKCanvas canvas, GreyImage page, PageReading reading)
    {
        // Mipmaps average the page down when the picture is smaller than it.
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        using (SKImage grey = Grey(page)) canvas.DrawImage(grey, 0, 0, sampling);
        using SKImage heat = HeatMap(page.Width, page.Height, reading.Planes);
        using var paint = new SKPaint { Color = SKColors.White.WithAlpha((byte)(255 * HeatOpacity)) };
        canvas.DrawImage(heat, 0, 0, sampling, paint);
    }

    private static byte[] Png(SKBitmap bitmap)
    {
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary><paramref name="box"/> with <paramref name="margin"/> pixels more on every side.</summary>
    private static PageBox Grown(PageBox box, double margin) => new(box.X - margin, box.Y - margin, box.Width + 2 * margin, box.Height + 2 * margin);

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
