using System.Globalization;
using LeNet.Data;
using LeNet.Training;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// The digits a network gets wrong, as in the paper's Figure 8: each misclassified image, dark ink on
/// white as printed there, with "true→predicted" under it (the prediction in red) and its index in the
/// set, in index order, wrapping into rows; a title gives the count ("82 errors of 10,000"), and a
/// last line says how many more there were when the gallery is capped.
/// </summary>
internal static class MisclassifiedGallery
{
    /// <summary>Digits per row unless told otherwise.</summary>
    public const int DefaultPerRow = 12;
    /// <summary>Most digits drawn unless told otherwise (ten rows).</summary>
    public const int DefaultMaximum = 120;
    /// <summary>Screen pixels per image pixel unless told otherwise.</summary>
    public const int DefaultScale = 2;

    private const float Margin = 20f, TitleSize = 19f, NoteSize = 12f, CaptionSize = 14f, IndexSize = 10f;
    private const float ColumnGap = 14f, RowGap = 12f, CaptionGap = 4f, HeaderGap = 14f;
    private const byte Ink = byte.MaxValue;

    /// <summary>The title: "lenet5-paper: 82 errors of 10,000" (one error, no subject: "1 error of 10,000").</summary>
    public static string Title(string? subject, int errors, int total)
    {
        string count = string.Create(CultureInfo.InvariantCulture, $"{errors:N0} {(errors == 1 ? "error" : "errors")} of {total:N0}");
        return subject is { Length: > 0 } ? $"{subject}: {count}" : count;
    }

    /// <summary>The caption under a digit: true class, arrow, predicted class ("4→6").</summary>
    public static string Caption(Misclassification mistake) => $"{mistake.Label}→{mistake.Predicted}";

    /// <summary>The line under a capped gallery: "+8,880 more not shown".</summary>
    public static string MoreNote(int hidden) => string.Create(CultureInfo.InvariantCulture, $"+{hidden:N0} more not shown");

    /// <summary>Renders the gallery as PNG bytes.</summary>
    /// <param name="images">The set the mistakes index into (the test set).</param>
    /// <param name="mistakes">The misclassified samples, any order (they are drawn by index).</param>
    /// <param name="subject">What made the mistakes, for the title (a model name), or null.</param>
    /// <param name="perRow">Digits side by side before wrapping.</param>
    /// <param name="maximum">Most digits drawn; the rest are counted in a "+N more" line.</param>
    /// <param name="scale">Screen pixels per image pixel.</param>
    /// <exception cref="ArgumentException">A size is not positive, or a mistake's index or label does not match <paramref name="images"/>.</exception>
    public static byte[] Render(LabelledImages images, IReadOnlyList<Misclassification> mistakes, string? subject = null,
        int perRow = DefaultPerRow, int maximum = DefaultMaximum, int scale = DefaultScale)
    {
        if (perRow < 1) throw new ArgumentException($"Digits per row must be at least 1, not {perRow}.", nameof(perRow));
        if (maximum < 1) throw new ArgumentException($"The most digits to draw must be at least 1, not {maximum}.", nameof(maximum));
        if (scale < 1) throw new ArgumentException($"The scale must be at least 1, not {scale}.", nameof(scale));
        foreach (Misclassification mistake in mistakes) Check(images, mistake);

        Misclassification[] shown = mistakes.OrderBy(m => m.Index).Take(maximum).ToArray();
        int hidden = mistakes.Count - shown.Length;
        string title = Title(subject, mistakes.Count, images.Count);
        string note = mistakes.Count == 0 ? "No misclassified digits." : "Each digit: true class → predicted class, and its index in the set.";

        float digitWidth = images.Columns * scale, digitHeight = images.Rows * scale;
        float cellWidth = Math.Max(digitWidth, Painter.Measure("#" + images.Count, IndexSize) + 2f);
        float cellHeight = digitHeight + CaptionGap + CaptionSize + CaptionGap + IndexSize;
        int columns = Math.Max(1, Math.Min(perRow, shown.Length));
        int rows = (shown.Length + perRow - 1) / perRow;
        float gridWidth = columns * cellWidth + (columns - 1) * ColumnGap;
        float textWidth = Math.Max(Painter.Measure(title, TitleSize, bold: true), Painter.Measure(note, NoteSize));
        int width = (int)MathF.Ceiling(2 * Margin + Math.Max(gridWidth, textWidth));
        float gridTop = Margin + TitleSize + HeaderGap + NoteSize + HeaderGap;
        float gridHeight = rows == 0 ? 0 : rows * cellHeight + (rows - 1) * RowGap;
        float height = gridTop + gridHeight + (hidden > 0 ? HeaderGap + NoteSize : 0) + Margin;

        return Painter.RenderPng(width, (int)MathF.Ceiling(height), painter =>
        {
            painter.Text(title, Margin, Margin + TitleSize, TitleSize, Palette.Ink, bold: true);
            painter.Text(note, Margin, Margin + TitleSize + HeaderGap + NoteSize, NoteSize, Palette.Muted);
            for (int i = 0; i < shown.Length; i++)
            {
                float left = Margin + i % perRow * (cellWidth + ColumnGap), top = gridTop + i / perRow * (cellHeight + RowGap);
                DrawCell(painter, images, shown[i], new SKRect(left, top, left + cellWidth, top + cellHeight), digitWidth, digitHeight);
            }
            if (hidden > 0)
                painter.Text(MoreNote(hidden), Margin, gridTop + gridHeight + HeaderGap + NoteSize, NoteSize, Palette.Ink, bold: true);
            return height;
        });
    }

    private static void Check(LabelledImages images, Misclassification mistake)
    {
        if (mistake.Index < 0 || mistake.Index >= images.Count)
            throw new ArgumentException($"Misclassified sample {mistake.Index} is outside {images.Name}, which has {images.Count} images.");
        if (images.Labels[mistake.Index] != mistake.Label)
            throw new ArgumentException($"Misclassified sample {mistake.Index} says its class is {mistake.Label}, but {images.Name} labels it {images.Labels[mistake.Index]}: the mistakes are from another set.");
    }

    private static void DrawCell(Painter painter, LabelledImages images, Misclassification mistake, SKRect cell, float digitWidth, float digitHeight)
    {
        float left = cell.MidX - digitWidth / 2;
        var digit = new SKRect(left, cell.Top, left + digitWidth, cell.Top + digitHeight);
        DrawDigit(painter.Canvas, images.Image(mistake.Index), images.Rows, images.Columns, digit);
        painter.FrameRect(digit);

        // "4→" in ink, then the wrong answer in red, the pair centred under the digit.
        float baseline = digit.Bottom + CaptionGap + CaptionSize;
        string truth = $"{mistake.Label}→", answer = mistake.Predicted.ToString(CultureInfo.InvariantCulture);
        float start = cell.MidX - Painter.Measure(truth + answer, CaptionSize, bold: true) / 2;
        float advance = painter.Text(truth, start, baseline, CaptionSize, Palette.Ink, bold: true);
        painter.Text(answer, start + advance, baseline, CaptionSize, Palette.Wrong, bold: true);
        painter.Text("#" + mistake.Index.ToString(CultureInfo.InvariantCulture), cell.MidX, baseline + CaptionGap + IndexSize, IndexSize, Palette.Muted, align: SKTextAlign.Center);
    }

    private static void DrawDigit(SKCanvas canvas, ReadOnlySpan<byte> pixels, int rows, int columns, SKRect target)
    {
        // The data set stores white ink on black; the paper prints dark ink on white, and so do we.
        var info = new SKImageInfo(columns, rows, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Span<byte> grey = bitmap.GetPixelSpan();
        for (int i = 0; i < pixels.Length; i++) grey[i] = (byte)(Ink - pixels[i]);
        using SKImage image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Nearest), null);
    }
}
