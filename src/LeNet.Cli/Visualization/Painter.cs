using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// The drawing primitives the pictures are made of: text, grey-scale maps, legends and probability
/// bars, over one <see cref="SKCanvas"/>.
/// </summary>
internal sealed class Painter(SKCanvas canvas)
{
    private const float FrameWidth = 1f;
    private const float LegendLabelGap = 4f;
    private const float LegendTextSize = 11f;
    private const byte ChannelMaximum = 255;
    // Cells with no value (the padding of a flat grid, or a NaN from a diverged network) show as a light grey.
    private const byte NoValueGrey = 0xE4;

    /// <summary>The canvas drawn on.</summary>
    public SKCanvas Canvas { get; } = canvas;

    /// <summary>Draws <paramref name="text"/> with its baseline at <paramref name="y"/>; returns its advance width.</summary>
    public float Text(string text, float x, float y, float size, SKColor colour, bool bold = false, SKTextAlign align = SKTextAlign.Left)
    {
        using var font = new SKFont(bold ? Typefaces.Bold : Typefaces.Regular, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        Canvas.DrawText(text, x, y, align, font, paint);
        return font.MeasureText(text);
    }

    /// <summary>Width <paramref name="text"/> takes at <paramref name="size"/>.</summary>
    public static float Measure(string text, float size, bool bold = false)
    {
        using var font = new SKFont(bold ? Typefaces.Bold : Typefaces.Regular, size);
        return font.MeasureText(text);
    }

    /// <summary>
    /// Draws a <paramref name="rows"/> x <paramref name="columns"/> map of values into <paramref name="target"/>
    /// as grey levels (range low = black, high = white, non-finite = light grey), each value a crisp square, with a thin frame.
    /// </summary>
    public void Map(ReadOnlySpan<float> values, int rows, int columns, SKRect target, ValueRange range)
    {
        var info = new SKImageInfo(columns, rows, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Span<byte> grey = bitmap.GetPixelSpan();
        for (int i = 0; i < rows * columns; i++)
            grey[i] = float.IsFinite(values[i]) ? (byte)MathF.Round(range.Fraction(values[i]) * ChannelMaximum) : NoValueGrey;
        using SKImage image = SKImage.FromBitmap(bitmap);
        Canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Nearest), null);
        FrameRect(target);
    }

    /// <summary>A thin frame just outside <paramref name="target"/>.</summary>
    public void FrameRect(SKRect target, SKColor? colour = null)
    {
        using var paint = new SKPaint { Color = colour ?? Palette.Frame, Style = SKPaintStyle.Stroke, StrokeWidth = FrameWidth };
        Canvas.DrawRect(SKRect.Inflate(target, FrameWidth / 2, FrameWidth / 2), paint);
    }

    /// <summary>A filled rectangle.</summary>
    public void Fill(SKRect target, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        Canvas.DrawRect(target, paint);
    }

    /// <summary>A straight line.</summary>
    public void Line(float x0, float y0, float x1, float y1, SKColor colour, float width = 1f, bool dashed = false)
    {
        using SKPathEffect? dash = dashed ? SKPathEffect.CreateDash([4f, 3f], 0f) : null;
        using var paint = new SKPaint { Color = colour, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke, PathEffect = dash };
        Canvas.DrawLine(x0, y0, x1, y1, paint);
    }

    /// <summary>
    /// A black-to-white bar in <paramref name="bar"/> with the range's ends written left and right of it
    /// (and 0 under its place when 0 lies strictly inside): the key to a grey scale.
    /// </summary>
    public void Legend(SKRect bar, ValueRange range)
    {
        using var shader = SKShader.CreateLinearGradient(new SKPoint(bar.Left, 0), new SKPoint(bar.Right, 0),
            [SKColors.Black, SKColors.White], SKShaderTileMode.Clamp);
        using (var paint = new SKPaint { Shader = shader })
            Canvas.DrawRect(bar, paint);
        FrameRect(bar);
        float baseline = bar.MidY + LegendTextSize * 0.36f;
        Text(ValueRange.Format(range.Low), bar.Left - LegendLabelGap, baseline, LegendTextSize, Palette.Muted, align: SKTextAlign.Right);
        Text(ValueRange.Format(range.High), bar.Right + LegendLabelGap, baseline, LegendTextSize, Palette.Muted);
        if (range.Low < 0f && range.High > 0f)
        {
            float zero = bar.Left + range.Fraction(0f) * bar.Width;
            Line(zero, bar.Top, zero, bar.Bottom + 3f, Palette.Accent);
        }
    }

    /// <summary>
    /// Ten (or however many) horizontal probability bars, one row of <paramref name="rowHeight"/> per class,
    /// the class number (or name) on the left and the percentage on the right; <paramref name="predicted"/> in the accent colour.
    /// </summary>
    /// <returns>The height used.</returns>
    public float ProbabilityBars(float x, float y, float width, float rowHeight, ReadOnlySpan<float> probabilities, int predicted, SKColor highlight,
        IReadOnlyList<string>? classNames = null)
    {
        const float percentWidth = 62f, textSize = 13f, barShare = 0.7f;
        // Room for a digit, or for a class name (about 7 px a character at this size).
        float labelWidth = classNames is null ? 18f : Math.Min(width / 2, 8f + 7f * classNames.Max(name => name.Length));
        float barLeft = x + labelWidth, barWidth = width - labelWidth - percentWidth;
        for (int k = 0; k < probabilities.Length; k++)
        {
            float top = y + k * rowHeight, baseline = top + rowHeight * 0.5f + textSize * 0.36f;
            bool chosen = k == predicted;
            float p = float.IsFinite(probabilities[k]) ? Math.Clamp(probabilities[k], 0f, 1f) : 0f;
            Text(LeNet.Data.ClassNames.Of(classNames, k), x, baseline, textSize, chosen ? highlight : Palette.Ink, bold: chosen);
            float barHeight = rowHeight * barShare, barTop = top + (rowHeight - barHeight) / 2;
            Fill(new SKRect(barLeft, barTop, barLeft + barWidth, barTop + barHeight), Palette.Grid);
            Fill(new SKRect(barLeft, barTop, barLeft + barWidth * p, barTop + barHeight), chosen ? highlight : Palette.Bar);
            Text($"{p * 100f:0.0}%", x + width, baseline, textSize, chosen ? highlight : Palette.Muted, bold: chosen, align: SKTextAlign.Right);
        }
        return probabilities.Length * rowHeight;
    }

    /// <summary>Renders what <paramref name="draw"/> paints into a <paramref name="width"/> x height PNG, the height being what it returns.</summary>
    public static byte[] RenderPng(int width, int maximumHeight, Func<Painter, float> draw)
    {
        // Record first: the layout knows its height only once everything is placed.
        using var recorder = new SKPictureRecorder();
        SKCanvas recording = recorder.BeginRecording(new SKRect(0, 0, width, maximumHeight));
        float height = draw(new Painter(recording));
        using SKPicture picture = recorder.EndRecording();

        var info = new SKImageInfo(width, (int)MathF.Ceiling(height), SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info);
        surface.Canvas.Clear(Palette.Background);
        surface.Canvas.DrawPicture(picture);
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
