using LeNet.Files;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// One picture of a digit going through a network, laid out like LeCun's LeNet-5 demo: the input and
/// the answer on the left (the predicted digit large, the ten probabilities as bars), and on the right
/// every layer's output in order, each map a small grey tile, flat layers as grids of unit squares.
/// </summary>
/// <remarks>
/// Grey scale: each layer (and the input, and the kernels) gets its own range, from min(0, smallest
/// value) in black to max(0, largest value) in white, drawn as a legend bar with both numbers beside the
/// layer. A per-layer range keeps small layers readable whatever the activation function (ReLU outputs
/// are unbounded, tanh ones swing both ways); always including 0 keeps "no activity" at a fixed place
/// on each scale, marked on the bar by a blue tick when it lies inside. The kernels use a symmetric
/// range ±max|w| so 0 is mid-grey.
/// </remarks>
internal static class ActivationSheet
{
    /// <summary>Width of every sheet, in pixels.</summary>
    public const int Width = 1280;

    private const float Margin = 20f, LeftWidth = 250f, ColumnGap = 28f;
    private const float RightX = Margin + LeftWidth + ColumnGap, RightWidth = Width - RightX - Margin;
    private const float TitleSize = 22f, SubtitleSize = 13f, CaptionSize = 14f, AnswerSize = 120f, NamedAnswerSize = 36f;
    private const float CaptionHeight = 26f, BlockGap = 18f, LegendWidth = 120f, LegendHeight = 10f, LegendLabelRoom = 44f;
    private const float MapTileSide = 84f, SmallestMapTile = 40f, InputSide = 196f, FlatCellLargest = 24f, FlatGridWidth = 240f, FlatGridHeight = 200f;
    private const int LargestScale = 16, KernelScale = 10, ProbabilityRow = 22;
    private const int MaximumHeight = 20000;

    /// <summary>Renders the sheet as PNG bytes.</summary>
    /// <param name="description">The network's layout.</param>
    /// <param name="input">The encoded input the network ran on (<see cref="NetworkDescription.Input"/> units).</param>
    /// <param name="activations">Every layer's output from that forward pass (<see cref="NetworkDescription.ActivationCount"/> floats).</param>
    /// <param name="probabilities">Class probabilities (one per class), for the bars.</param>
    /// <param name="predicted">The predicted class, drawn large and highlighted.</param>
    /// <param name="title">The sheet's title line.</param>
    /// <param name="parameters">The network's parameters; when given, the first convolution's kernels are drawn too.</param>
    /// <param name="classNames">The classes' names for the answer and its bars; their numbers when null.</param>
    /// <exception cref="ArgumentException">A buffer's length does not match the description, or <paramref name="predicted"/> is not a class.</exception>
    public static byte[] Render(NetworkDescription description, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> probabilities, int predicted, string title, ReadOnlySpan<float> parameters = default, IReadOnlyList<string>? classNames = null)
    {
        SheetInputs.Check(description, input, activations, probabilities, predicted);
        if (!parameters.IsEmpty && parameters.Length != description.ParameterCount)
            throw new ArgumentException($"Network '{description.Name}' has {description.ParameterCount} parameters, not {parameters.Length}.", nameof(parameters));

        // Copies, because the drawing runs in a callback that cannot hold spans; they are a few thousand floats.
        float[] inputCopy = input.ToArray(), activationCopy = activations.ToArray(), probabilityCopy = probabilities.ToArray();
        Kernels? kernels = Kernels.OfFirstConvolution(description, parameters);
        return Painter.RenderPng(Width, MaximumHeight, painter =>
        {
            float top = DrawTitle(painter, description, title);
            float left = DrawInputAndAnswer(painter, description, inputCopy, probabilityCopy, predicted, classNames, top);
            float right = DrawLayers(painter, description, activationCopy, kernels, probabilityCopy.Length, top);
            return Math.Max(left, right) + Margin;
        });
    }

    /// <summary>Renders the sheet and writes it to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, NetworkDescription description, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> probabilities, int predicted, string title, ReadOnlySpan<float> parameters = default, IReadOnlyList<string>? classNames = null) =>
        AtomicFile.WriteAllBytes(path, Render(description, input, activations, probabilities, predicted, title, parameters, classNames));

    private static float DrawTitle(Painter painter, NetworkDescription description, string title)
    {
        float y = Margin + TitleSize;
        painter.Text(title, Margin, y, TitleSize, Palette.Ink, bold: true);
        y += SubtitleSize + 10f;
        painter.Text($"network {description.Name} · {description.Layers.Count} layers · grey scale per layer: black = min(0, lowest value), " +
                     "white = max(0, highest value), numbers beside each layer", Margin, y, SubtitleSize, Palette.Muted);
        return y + BlockGap;
    }

    private static float DrawInputAndAnswer(Painter painter, NetworkDescription description, float[] input, float[] probabilities, int predicted,
        IReadOnlyList<string>? classNames, float y)
    {
        painter.Text("INPUT", Margin, y + CaptionSize, CaptionSize, Palette.Ink, bold: true);
        painter.Text($"{LayerCaption.Shape(description.Input)} as the network sees it", Margin + 56f, y + CaptionSize, SubtitleSize, Palette.Muted);
        y += CaptionHeight;
        var grid = TileGrid.For(description.Input);
        int scale = TilePainter.ScaleFor(grid, LeftWidth, InputSide, SmallestMapTile, LargestScale);
        var range = ValueRange.Covering(input);
        y += TilePainter.Draw(painter, input, grid, Margin, y, LeftWidth, scale, range) + 14f;
        painter.Legend(new SKRect(Margin + LegendLabelRoom, y, Margin + LegendLabelRoom + LegendWidth, y + LegendHeight), range);
        y += LegendHeight + BlockGap + 8f;

        painter.Text("ANSWER", Margin, y + CaptionSize, CaptionSize, Palette.Ink, bold: true);
        // A class name is drawn smaller than a digit, so that "Ankle boot" fits the column.
        float answerSize = classNames is null ? AnswerSize : NamedAnswerSize;
        y += CaptionHeight + answerSize * 0.8f;
        painter.Text(LeNet.Data.ClassNames.Of(classNames, predicted), Margin + LeftWidth / 2, y, answerSize, Palette.Accent, bold: true, align: SKTextAlign.Center);
        y += 16f;
        return y + painter.ProbabilityBars(Margin, y, LeftWidth, ProbabilityRow, probabilities, predicted, Palette.Accent, classNames);
    }

    private static float DrawLayers(Painter painter, NetworkDescription description, float[] activations, Kernels? kernels, int classes, float y)
    {
        foreach (LayerInfo layer in description.Layers)
        {
            if (kernels is not null && layer.Index == kernels.Layer.Index)
                y = DrawBlock(painter, $"{layer.Label}  weights — {kernels.Grid.Count} kernels {kernels.Grid.Rows}x{kernels.Grid.Columns}",
                    kernels.Weights, kernels.Grid, KernelScale, kernels.Range, y);
            ReadOnlySpan<float> values = activations.AsSpan(layer.ActivationOffset, layer.Output.Size);
            var grid = TileGrid.For(layer.Output, TileGrid.FeedsDigitCodes(description, layer));
            int scale = grid.Count == 1
                ? (int)Math.Clamp(Math.Min(FlatGridWidth / grid.Columns, FlatGridHeight / grid.Rows), 1f, FlatCellLargest)
                : TilePainter.ScaleFor(grid, RightWidth, MapTileSide, SmallestMapTile, LargestScale);
            y = DrawBlock(painter, LayerCaption.Full(layer), values, grid, scale, ValueRange.Covering(values), y);
            if (grid is { Count: 1, Rows: 1 } && grid.Columns == classes)
                y = NumberCells(painter, grid.Columns, scale, y);
        }
        return y - BlockGap;
    }

    /// <summary>Writes each class number under its cell of a one-line layer with one unit per class (the outputs).</summary>
    private static float NumberCells(Painter painter, int cells, int scale, float y)
    {
        const float numberSize = 11f;
        float baseline = y - BlockGap + numberSize + 2f;
        for (int k = 0; k < cells; k++)
            painter.Text(k.ToString(), RightX + (k + 0.5f) * scale, baseline, numberSize, Palette.Muted, align: SKTextAlign.Center);
        return y + numberSize;
    }

    private static float DrawBlock(Painter painter, string caption, ReadOnlySpan<float> values, TileGrid grid, int scale, ValueRange range, float y)
    {
        int split = caption.IndexOf(' ');
        float labelWidth = painter.Text(caption[..split], RightX, y + CaptionSize, CaptionSize, Palette.Ink, bold: true);
        painter.Text(caption[split..], RightX + labelWidth, y + CaptionSize, SubtitleSize, Palette.Muted);
        float legendRight = RightX + RightWidth - LegendLabelRoom;
        painter.Legend(new SKRect(legendRight - LegendWidth, y + 5f, legendRight, y + 5f + LegendHeight), range);
        y += CaptionHeight;
        return y + TilePainter.Draw(painter, values, grid, RightX, y, RightWidth, scale, range) + BlockGap;
    }
}
