using System.Globalization;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>How an error plot scales its vertical axis.</summary>
internal enum ErrorScale
{
    /// <summary>Logarithmic when the values span more than <see cref="ErrorCurvePlot.LogarithmicSpan"/> times, linear otherwise.</summary>
    Automatic,
    /// <summary>Linear from 0.</summary>
    Linear,
    /// <summary>Logarithmic, ticks at 1, 2, 3 and 5 times powers of ten.</summary>
    Logarithmic,
}

/// <summary>
/// The error rate per training pass, training and test, as in the paper's Figure 5: pass along the
/// bottom, error in percent up the side (logarithmic when it falls by more than a factor of ten, so
/// the last passes' tenths of a percent stay readable), one line with markers per set, a legend with
/// each set's last and lowest value, and optional reference lines for known results.
/// </summary>
internal static class ErrorCurvePlot
{
    /// <summary>Picture width in pixels.</summary>
    public const int Width = 820;
    /// <summary>Picture height in pixels.</summary>
    public const int Height = 520;
    /// <summary>Ratio of the largest to the smallest non-zero value above which <see cref="ErrorScale.Automatic"/> turns logarithmic.</summary>
    public const double LogarithmicSpan = 10;

    private const float Margin = 20f, PlotLeft = 66f, PlotRight = 24f, PlotTop = 96f, PlotBottom = 52f;
    private const float TitleSize = 19f, LegendSize = 13f, TickSize = 11f, ReferenceSize = 11f;
    private const float LineWidth = 2f, ReferenceWidth = 1.5f, MarkerRadius = 3.5f, LegendSampleWidth = 26f, LegendGap = 28f;
    private const float TickLength = 4f, LabelGap = 4f;
    // Room between the last pass or the top tick and the frame, so end markers are not cut by it.
    private const float Inset = 10f;
    private const byte LabelBacking = 0xD0;
    // Past this many passes the markers would merge into a thick line; the line alone reads better.
    private const int MaximumMarkers = 60;
    private const double PercentPerUnit = 100, LinearHeadroom = 1.05, LogarithmicPadding = 1.15;
    private const int MinimumTicks = 2;
    private static readonly double[] LogSteps = [1, 2, 3, 5];

    /// <summary>Colour of the training curve (the test curve is <see cref="Palette.Accent"/>).</summary>
    public static readonly SKColor TrainingColour = new(0xE0, 0x6C, 0x00);

    /// <summary>Renders the plot as PNG bytes, <see cref="Width"/> x <see cref="Height"/>.</summary>
    /// <param name="history">The passes, in order, as read by <see cref="TrainingHistoryFile"/>.</param>
    /// <param name="title">The title line.</param>
    /// <param name="references">Horizontal lines for known results, or null.</param>
    /// <param name="scale">The vertical axis's scale.</param>
    /// <exception cref="ArgumentException">No pass records a training or test error.</exception>
    public static byte[] Render(IReadOnlyList<TrainingHistoryRow> history, string title,
        IReadOnlyList<ErrorReference>? references = null, ErrorScale scale = ErrorScale.Automatic)
    {
        references ??= [];
        if (!history.Any(r => r.TrainError is not null || r.TestError is not null))
            throw new ArgumentException("The history records no training or test error to plot.", nameof(history));
        var axis = ErrorAxis.For(Values(history, references), UsesLogarithmicScale(history, references, scale));
        int lastPass = Math.Max(1, history.Max(r => r.Pass));
        var frame = new SKRect(PlotLeft, PlotTop, Width - PlotRight, Height - PlotBottom);
        var plot = new SKRect(frame.Left, frame.Top + Inset, frame.Right - Inset, frame.Bottom);
        float X(double pass) => plot.Left + (float)(pass / lastPass) * plot.Width;
        float Y(double percent) => plot.Bottom - axis.Fraction(percent) * plot.Height;

        return Painter.RenderPng(Width, Height, painter =>
        {
            painter.Text(title, Margin, Margin + TitleSize, TitleSize, Palette.Ink, bold: true);
            DrawLegend(painter, history, Margin + TitleSize + 2 * LegendSize);
            painter.Fill(frame, SKColors.White);
            DrawYAxis(painter, frame, axis, Y);
            DrawXAxis(painter, plot, lastPass, X);
            DrawReferences(painter, frame, references, Y);
            foreach (ErrorSeries series in AllSeries) DrawSeries(painter, history, series, X, Y);
            painter.FrameRect(frame, Palette.Frame);
            return Height;
        });
    }

    /// <summary>Whether <paramref name="scale"/> comes out logarithmic for these values.</summary>
    public static bool UsesLogarithmicScale(IReadOnlyList<TrainingHistoryRow> history, IReadOnlyList<ErrorReference>? references, ErrorScale scale)
    {
        if (scale != ErrorScale.Automatic) return scale == ErrorScale.Logarithmic;
        double[] positive = Values(history, references ?? []).Where(v => v > 0).ToArray();
        return positive.Length > 0 && positive.Max() / positive.Min() > LogarithmicSpan;
    }

    /// <summary>Every error rate plotted, in percent.</summary>
    private static IEnumerable<double> Values(IReadOnlyList<TrainingHistoryRow> history, IReadOnlyList<ErrorReference> references) =>
        history.SelectMany(r => new[] { r.TrainError, r.TestError }).OfType<double>()
            .Concat(references.Select(r => r.ErrorRate))
            .Select(v => v * PercentPerUnit);

    private static readonly ErrorSeries[] AllSeries = [ErrorSeries.Training, ErrorSeries.Test];

    private static SKColor ColourOf(ErrorSeries series) => series == ErrorSeries.Training ? TrainingColour : Palette.Accent;
    private static string NameOf(ErrorSeries series) => series == ErrorSeries.Training ? "training error" : "test error";
    // Squares for test, circles for training: the curves stay apart in grey-scale print too.
    private static bool HasSquareMarkers(ErrorSeries series) => series == ErrorSeries.Test;
    private static Func<TrainingHistoryRow, double?> ValueOf(ErrorSeries series) =>
        series == ErrorSeries.Training ? r => r.TrainError : r => r.TestError;

    private static void DrawLegend(Painter painter, IReadOnlyList<TrainingHistoryRow> history, float baseline)
    {
        float x = Margin;
        foreach (ErrorSeries series in AllSeries)
        {
            float middle = baseline - LegendSize * 0.36f;
            painter.Line(x, middle, x + LegendSampleWidth, middle, ColourOf(series), LineWidth);
            Marker(painter, x + LegendSampleWidth / 2, middle, series);
            x += LegendSampleWidth + LabelGap * 2;
            x += painter.Text(NameOf(series), x, baseline, LegendSize, Palette.Ink, bold: true);
            x += painter.Text($"  {Summary(history, ValueOf(series))}", x, baseline, LegendSize, Palette.Muted) + LegendGap;
        }
    }

    /// <summary>"last 0.98%, lowest 0.91% (pass 14)", or "not recorded".</summary>
    internal static string Summary(IReadOnlyList<TrainingHistoryRow> history, Func<TrainingHistoryRow, double?> value)
    {
        TrainingHistoryRow[] measured = history.Where(r => value(r) is not null).ToArray();
        if (measured.Length == 0) return "not recorded";
        TrainingHistoryRow lowest = measured.MinBy(r => value(r)!.Value)!;
        return $"last {Percent.Of(value(measured[^1]))}, lowest {Percent.Of(value(lowest))} (pass {lowest.Pass})";
    }

    private static void DrawYAxis(Painter painter, SKRect plot, ErrorAxis axis, Func<double, float> y)
    {
        foreach (double tick in axis.Ticks)
        {
            painter.Line(plot.Left, y(tick), plot.Right, y(tick), Palette.Grid);
            painter.Line(plot.Left - TickLength, y(tick), plot.Left, y(tick), Palette.Frame);
            painter.Text($"{Format(tick)}%", plot.Left - TickLength - LabelGap, y(tick) + TickSize * 0.36f, TickSize, Palette.Muted, align: SKTextAlign.Right);
        }
        string label = axis.Logarithmic ? "error rate (logarithmic scale)" : "error rate";
        painter.Text(label, plot.Left, plot.Top - LabelGap * 2, TickSize, Palette.Muted);
    }

    private static void DrawXAxis(Painter painter, SKRect plot, int lastPass, Func<double, float> x)
    {
        // Passes are whole numbers: keep only the whole ticks of a round-number sequence over 0..last.
        foreach (double tick in RobustnessPlot.Ticks(0, lastPass).Where(t => t == Math.Floor(t)))
        {
            painter.Line(x(tick), plot.Bottom, x(tick), plot.Bottom + TickLength, Palette.Frame);
            painter.Text(tick.ToString("0", CultureInfo.InvariantCulture), x(tick), plot.Bottom + TickLength + LabelGap + TickSize, TickSize, Palette.Muted, align: SKTextAlign.Center);
        }
        painter.Text("training pass", plot.MidX, Height - Margin + LabelGap, TickSize, Palette.Muted, align: SKTextAlign.Center);
    }

    private static void DrawReferences(Painter painter, SKRect plot, IReadOnlyList<ErrorReference> references, Func<double, float> y)
    {
        // Labels sit above their line at the left, where the curves are still high above the final
        // results they mark; one that would overlap the label above it goes under its line instead.
        float previousBaseline = float.NegativeInfinity;
        foreach (ErrorReference reference in references.OrderByDescending(r => r.ErrorRate))
        {
            float at = y(reference.ErrorRate * PercentPerUnit);
            SKColor colour = ColourOf(reference.Series);
            painter.Line(plot.Left, at, plot.Right, at, colour, ReferenceWidth, dashed: true);
            float baseline = at - LabelGap;
            if (baseline - ReferenceSize < previousBaseline + LabelGap) baseline = at + ReferenceSize + LabelGap;
            float width = Painter.Measure(reference.Label, ReferenceSize);
            // A white backing keeps the label legible where a curve passes behind it.
            float left = plot.Left + LabelGap * 2;
            painter.Fill(new SKRect(left - 2, baseline - ReferenceSize, left + width + 2, baseline + 3), SKColors.White.WithAlpha(LabelBacking));
            painter.Text(reference.Label, left, baseline, ReferenceSize, colour);
            previousBaseline = baseline;
        }
    }

    private static void DrawSeries(Painter painter, IReadOnlyList<TrainingHistoryRow> history, ErrorSeries series, Func<double, float> x, Func<double, float> y)
    {
        Func<TrainingHistoryRow, double?> value = ValueOf(series);
        using var path = new SKPath();
        bool drawing = false; // a pass without the value breaks the line rather than bridging it
        foreach (TrainingHistoryRow row in history)
        {
            if (value(row) is not double rate) { drawing = false; continue; }
            var point = new SKPoint(x(row.Pass), y(rate * PercentPerUnit));
            if (drawing) path.LineTo(point); else path.MoveTo(point);
            drawing = true;
        }
        using (var stroke = new SKPaint { Color = ColourOf(series), StrokeWidth = LineWidth, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round })
            painter.Canvas.DrawPath(path, stroke);
        if (history.Count > MaximumMarkers) return;
        foreach (TrainingHistoryRow row in history)
            if (value(row) is double rate)
                Marker(painter, x(row.Pass), y(rate * PercentPerUnit), series);
    }

    private static void Marker(Painter painter, float x, float y, ErrorSeries series)
    {
        using var fill = new SKPaint { Color = ColourOf(series), IsAntialias = true };
        if (HasSquareMarkers(series)) painter.Canvas.DrawRect(x - MarkerRadius, y - MarkerRadius, 2 * MarkerRadius, 2 * MarkerRadius, fill);
        else painter.Canvas.DrawCircle(x, y, MarkerRadius, fill);
    }

    /// <summary>A percentage for a label: as many decimals as a value below 1% needs, "10", "2", "0.5", "0.35".</summary>
    internal static string Format(double percent) =>
        percent.ToString(percent >= 10 ? "0.#" : percent >= 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>Tick values 1, 2, 3 and 5 times powers of ten from <paramref name="low"/> to <paramref name="high"/> inclusive.</summary>
    internal static IReadOnlyList<double> LogTicks(double low, double high)
    {
        var ticks = new List<double>();
        for (int exponent = (int)Math.Floor(Math.Log10(low)); exponent <= (int)Math.Ceiling(Math.Log10(high)); exponent++)
            foreach (double step in LogSteps)
            {
                double tick = Math.Round(step * Math.Pow(10, exponent), 12);
                if (tick >= low * (1 - 1e-9) && tick <= high * (1 + 1e-9)) ticks.Add(tick);
            }
        return ticks;
    }

    /// <summary>The largest 1-2-3-5 value at or below <paramref name="value"/> (<paramref name="up"/>: the smallest at or above).</summary>
    internal static double LogRound(double value, bool up)
    {
        int exponent = (int)Math.Floor(Math.Log10(value));
        double[] candidates = [.. new[] { exponent - 1, exponent, exponent + 1 }.SelectMany(e => LogSteps.Select(s => Math.Round(s * Math.Pow(10, e), 12)))];
        return up ? candidates.Where(c => c >= value * (1 - 1e-9)).Min() : candidates.Where(c => c <= value * (1 + 1e-9)).Max();
    }

    /// <summary>The vertical axis: its range in percent, its ticks and where a value falls on it.</summary>
    private sealed record ErrorAxis(double Low, double High, bool Logarithmic, IReadOnlyList<double> Ticks)
    {
        public static ErrorAxis For(IEnumerable<double> percents, bool logarithmic)
        {
            double[] values = percents.ToArray();
            double[] positive = values.Where(v => v > 0).ToArray();
            if (logarithmic && positive.Length > 0)
            {
                // The data plus a little room sets the range, so no decade is half empty; only when
                // that leaves fewer than two ticks to read values by does it widen to round values.
                double low = positive.Min() / LogarithmicPadding, high = positive.Max() * LogarithmicPadding;
                IReadOnlyList<double> logTicks = LogTicks(low, high);
                if (logTicks.Count < MinimumTicks)
                {
                    (low, high) = (LogRound(low, up: false), LogRound(high, up: true));
                    logTicks = LogTicks(low, high);
                }
                return new ErrorAxis(low, high, true, logTicks);
            }
            double top = Math.Max(values.DefaultIfEmpty(0).Max() * LinearHeadroom, 1e-3);
            IReadOnlyList<double> ticks = RobustnessPlot.Ticks(0, top);
            double step = ticks.Count > 1 ? ticks[1] - ticks[0] : top;
            // The top of the axis is a tick, so the highest value always has a labelled line above it.
            List<double> all = [.. ticks];
            if (all[^1] < top) all.Add(all[^1] + step);
            return new ErrorAxis(0, all[^1], false, all);
        }

        /// <summary>Where <paramref name="percent"/> falls, 0 at the bottom to 1 at the top, clamped (zero sits at the bottom of a logarithmic axis).</summary>
        public float Fraction(double percent)
        {
            double f = Logarithmic
                ? (percent <= 0 ? 0 : (Math.Log10(percent) - Math.Log10(Low)) / (Math.Log10(High) - Math.Log10(Low)))
                : (percent - Low) / (High - Low);
            return (float)Math.Clamp(f, 0, 1);
        }
    }
}
