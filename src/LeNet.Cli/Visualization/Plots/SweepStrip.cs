using LeNet.Files;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// A contact sheet of a digit transformed step by step (shifted, rotated, scaled, noised...): one
/// column per step with its caption, the input, a few layers' maps and the network's answer, green
/// when right and red when wrong. Columns wrap into bands of <c>framesPerRow</c>. A PNG stands in for the
/// demo's animation (Skia cannot write GIF): reading left to right is the animation.
/// </summary>
/// <remarks>
/// Grey scale: one range per row (layer) shared by every frame, from min(0, lowest) to max(0, highest)
/// over all frames, so a map getting brighter from one frame to the next means its activity really grew;
/// the range is written under each row's label.
/// </remarks>
internal static class SweepStrip
{
    private const float Margin = 20f, LabelWidth = 104f, ColumnWidth = 176f, ColumnGap = 14f, TileGap = 3f;
    private const float TitleSize = 20f, CaptionSize = 13f, LabelSize = 13f, SmallSize = 11f, AnswerSize = 44f;
    private const float RowGap = 12f, BandGap = 28f, CaptionHeight = 22f, AnswerHeight = 54f, ChartHeight = 36f;
    private const float LargestTile = 128f;
    private const int DefaultFramesPerRow = 7, MaximumHeight = 30000;

    /// <summary>The layers drawn when none are named: every convolution and the first fully connected layer (C1, C3, C5 in LeNet-5).</summary>
    public static IReadOnlyList<LayerInfo> DefaultLayers(NetworkDescription description)
    {
        LayerInfo? firstFull = description.Layers.FirstOrDefault(l => l.Kind == LayerKind.FullyConnected);
        return description.Layers.Where(l => l.Kind == LayerKind.Convolution || l == firstFull).ToList();
    }

    /// <summary>Renders the strip as PNG bytes.</summary>
    /// <param name="description">The network's layout.</param>
    /// <param name="frames">The steps, in order.</param>
    /// <param name="title">The title line.</param>
    /// <param name="layerLabels">Labels of the layers to show (e.g. "C1", "C3", "C5"); null for <see cref="DefaultLayers"/>.</param>
    /// <param name="framesPerRow">Frames side by side before wrapping onto a new band.</param>
    /// <exception cref="ArgumentException">No frames, a frame's buffers do not fit the network, or an unknown layer label.</exception>
    public static byte[] Render(NetworkDescription description, IReadOnlyList<SweepFrame> frames, string title,
        IReadOnlyList<string>? layerLabels = null, int framesPerRow = DefaultFramesPerRow)
    {
        if (frames.Count == 0)
            throw new ArgumentException("A sweep needs at least one frame.", nameof(frames));
        if (framesPerRow < 1)
            throw new ArgumentException($"Frames per row must be at least 1, not {framesPerRow}.", nameof(framesPerRow));
        foreach (SweepFrame frame in frames)
            SheetInputs.Check(description, frame.Input, frame.Activations, frame.Probabilities, frame.Predicted);
        List<Row> rows = BuildRows(description, frames, layerLabels);

        int perRow = Math.Min(framesPerRow, frames.Count);
        int width = (int)(Margin * 2 + LabelWidth + perRow * ColumnWidth + (perRow - 1) * ColumnGap);
        return Painter.RenderPng(width, MaximumHeight, painter =>
        {
            float y = Margin + TitleSize;
            painter.Text(title, Margin, y, TitleSize, Palette.Ink, bold: true);
            y += RowGap + 8f;
            for (int start = 0; start < frames.Count; start += perRow)
                y = DrawBand(painter, rows, frames, start, Math.Min(perRow, frames.Count - start), y) + BandGap;
            return y - BandGap + Margin;
        });
    }

    /// <summary>Renders the strip and writes it to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, NetworkDescription description, IReadOnlyList<SweepFrame> frames, string title,
        IReadOnlyList<string>? layerLabels = null, int framesPerRow = DefaultFramesPerRow) =>
        AtomicFile.WriteAllBytes(path, Render(description, frames, title, layerLabels, framesPerRow));

    /// <summary>One row of tiles: where its values sit in a frame, how they are cut, scaled and shaded.</summary>
    private sealed record Row(string Label, string Shape, Func<SweepFrame, float[]> Source, int Offset, int Length, TileGrid Grid, int Scale, ValueRange Range)
    {
        public int TilesPerLine => Math.Max(1, (int)((ColumnWidth + TileGap) / (Grid.Columns * Scale + TileGap)));
        public float Height
        {
            get
            {
                int lines = (Grid.Count + TilesPerLine - 1) / TilesPerLine;
                return lines * Grid.Rows * Scale + (lines - 1) * TileGap;
            }
        }
    }

    private static List<Row> BuildRows(NetworkDescription description, IReadOnlyList<SweepFrame> frames, IReadOnlyList<string>? labels)
    {
        IReadOnlyList<LayerInfo> layers = labels is null
            ? DefaultLayers(description)
            : labels.Select(label => description.Layers.FirstOrDefault(l => string.Equals(l.Label, label, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Network '{description.Name}' has no layer '{label}'; its layers are {string.Join(", ", description.Layers.Select(l => l.Label))}.", nameof(labels))).ToList();
        var rows = new List<Row> { MakeRow("INPUT", description.Input, f => f.Input, 0, TileGrid.For(description.Input), frames) };
        foreach (LayerInfo layer in layers)
            rows.Add(MakeRow(layer.Label, layer.Output, f => f.Activations, layer.ActivationOffset,
                TileGrid.For(layer.Output, TileGrid.FeedsDigitCodes(description, layer)), frames));
        return rows;
    }

    private static Row MakeRow(string label, Shape shape, Func<SweepFrame, float[]> source, int offset, TileGrid grid, IReadOnlyList<SweepFrame> frames)
    {
        // Tiles on a near-square block as wide as the column, never larger than LargestTile.
        int tilesPerLine = (int)Math.Ceiling(Math.Sqrt(grid.Count));
        int fit = (int)((ColumnWidth - (tilesPerLine - 1) * TileGap) / (tilesPerLine * grid.Columns));
        int scale = Math.Max(1, Math.Min(fit, (int)(LargestTile / Math.Max(grid.Rows, grid.Columns))));
        ValueRange range = frames.Select(f => ValueRange.Covering(source(f).AsSpan(offset, shape.Size))).Aggregate((a, b) => a.Union(b));
        return new Row(label, LayerCaption.Shape(shape), source, offset, shape.Size, grid, scale, range);
    }

    private static float DrawBand(Painter painter, List<Row> rows, IReadOnlyList<SweepFrame> frames, int start, int count, float y)
    {
        float Left(int column) => Margin + LabelWidth + column * (ColumnWidth + ColumnGap);
        for (int c = 0; c < count; c++)
            painter.Text(frames[start + c].Caption, Left(c) + ColumnWidth / 2, y + CaptionSize, CaptionSize, Palette.Ink, bold: true, align: SKTextAlign.Center);
        y += CaptionHeight;

        foreach (Row row in rows)
        {
            painter.Text(row.Label, Margin, y + LabelSize, LabelSize, Palette.Ink, bold: true);
            painter.Text(row.Shape, Margin, y + LabelSize + SmallSize + 4f, SmallSize, Palette.Muted);
            painter.Text($"{ValueRange.Format(row.Range.Low)} … {ValueRange.Format(row.Range.High)}", Margin, y + LabelSize + 2 * (SmallSize + 4f), SmallSize, Palette.Muted);
            for (int c = 0; c < count; c++)
            {
                float blockWidth = Math.Min(row.TilesPerLine, row.Grid.Count) * (row.Grid.Columns * row.Scale + TileGap) - TileGap;
                ReadOnlySpan<float> values = row.Source(frames[start + c]).AsSpan(row.Offset, row.Length);
                TilePainter.Draw(painter, values, row.Grid, Left(c) + (ColumnWidth - blockWidth) / 2, y, ColumnWidth, row.Scale, row.Range, TileGap);
            }
            y += row.Height + RowGap;
        }

        painter.Text("ANSWER", Margin, y + LabelSize, LabelSize, Palette.Ink, bold: true);
        for (int c = 0; c < count; c++)
            DrawAnswer(painter, frames[start + c], Left(c), y);
        return y + AnswerHeight + ChartHeight;
    }

    private static void DrawAnswer(Painter painter, SweepFrame frame, float left, float y)
    {
        SKColor colour = frame.Expected is not { } expected ? Palette.Accent : expected == frame.Predicted ? Palette.Correct : Palette.Wrong;
        float p = frame.Probabilities[frame.Predicted];
        painter.Text(frame.Predicted.ToString(), left + ColumnWidth / 2 - 8f, y + AnswerSize * 0.85f, AnswerSize, colour, bold: true, align: SKTextAlign.Right);
        painter.Text($"{p * 100f:0}%", left + ColumnWidth / 2, y + AnswerSize * 0.45f, LabelSize, colour, bold: true);
        if (frame.Expected is { } truth)
            painter.Text(truth == frame.Predicted ? "right" : $"wrong (is {truth})", left + ColumnWidth / 2, y + AnswerSize * 0.85f, SmallSize, colour);

        // A small vertical bar per class, the predicted one coloured.
        float top = y + AnswerHeight, slot = ColumnWidth / frame.Probabilities.Length, barHeight = ChartHeight - SmallSize - 4f;
        for (int k = 0; k < frame.Probabilities.Length; k++)
        {
            float share = float.IsFinite(frame.Probabilities[k]) ? Math.Clamp(frame.Probabilities[k], 0f, 1f) : 0f;
            float x = left + k * slot + slot * 0.2f, bottom = top + barHeight;
            painter.Fill(new SKRect(x, top, x + slot * 0.6f, bottom), Palette.Grid);
            painter.Fill(new SKRect(x, bottom - barHeight * share, x + slot * 0.6f, bottom), k == frame.Predicted ? colour : Palette.Bar);
            painter.Text(k.ToString(), x + slot * 0.3f, bottom + SmallSize + 2f, SmallSize - 1f, Palette.Muted, align: SKTextAlign.Center);
        }
    }
}
