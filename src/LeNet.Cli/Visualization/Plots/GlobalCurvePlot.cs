using System.Globalization;
using LeNet.Cli.Commands;
using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// The curves of a global training phase (<see cref="GlobalCurve"/>), in <see cref="ErrorCurvePlot"/>'s style:
/// two panels over the minutes of training, the held-out strips read wrong (percent) on the left and the running
/// criterion (nats per strip) on the right, each with its last and best value above it.
/// </summary>
internal static class GlobalCurvePlot
{
    /// <summary>Picture width in pixels.</summary>
    public const int Width = 900;
    /// <summary>Picture height in pixels.</summary>
    public const int Height = 460;

    /// <summary>Colour of the criterion curve (the held-out curve is <see cref="Palette.Accent"/>).</summary>
    public static readonly SKColor CriterionColour = ErrorCurvePlot.TrainingColour;

    private const float Margin = 20f, PanelGap = 70f, PlotLeft = 66f, PlotRight = 24f, PlotTop = 96f, PlotBottom = 52f;
    private const float TitleSize = 19f, LegendSize = 13f, TickSize = 11f;
    private const float LineWidth = 2f, MarkerRadius = 3.5f, TickLength = 4f, LabelGap = 4f, Inset = 10f;
    private const double PercentPerUnit = 100, Headroom = 1.05;

    /// <summary>Renders the plot as PNG bytes, <see cref="Width"/> x <see cref="Height"/>.</summary>
    /// <exception cref="ArgumentException">No row records a held-out share or a criterion.</exception>
    public static byte[] Render(IReadOnlyList<GlobalCurveRow> rows, string title)
    {
        var misread = rows.Where(r => r.HeldOutRight is not null).Select(r => (r.Minutes, Value: (1 - r.HeldOutRight!.Value) * PercentPerUnit)).ToArray();
        var criterion = rows.Where(r => !float.IsNaN(r.Criterion)).Select(r => (r.Minutes, Value: (double)r.Criterion)).ToArray();
        if (misread.Length == 0 && criterion.Length == 0)
            throw new ArgumentException("The curve records no held-out share and no criterion to plot.", nameof(rows));
        double lastMinute = Math.Max(rows.Max(r => r.Minutes), 1e-3);
        float panelWidth = (Width - PlotLeft - PlotRight - PanelGap) / 2;
        var left = new SKRect(PlotLeft, PlotTop, PlotLeft + panelWidth, Height - PlotBottom);
        var right = new SKRect(left.Right + PanelGap, PlotTop, Width - PlotRight, Height - PlotBottom);
        return Painter.RenderPng(Width, Height, painter =>
        {
            painter.Text(title, Margin, Margin + TitleSize, TitleSize, Palette.Ink, bold: true);
            Panel(painter, left, misread, lastMinute, Palette.Accent, "held-out strips misread", v => $"{ErrorCurvePlot.Format(v)}%", square: true);
            Panel(painter, right, criterion, lastMinute, CriterionColour, "criterion, nats per strip",
                v => v.ToString("0.###", CultureInfo.InvariantCulture), square: false);
            return Height;
        });
    }

    private static void Panel(Painter painter, SKRect frame, (double Minutes, double Value)[] points, double lastMinute, SKColor colour, string name,
        Func<double, string> format, bool square)
    {
        float baseline = Margin + TitleSize + 2 * LegendSize;
        painter.Text(name, frame.Left, baseline, LegendSize, colour, bold: true);
        string summary = points.Length == 0 ? "not recorded"
            : $"last {format(points[^1].Value)}, lowest {format(points.Min(p => p.Value))}";
        painter.Text($"  {summary}", frame.Left + Painter.Measure(name, LegendSize, bold: true), baseline, LegendSize, Palette.Muted);
        painter.Fill(frame, SKColors.White);
        var plot = new SKRect(frame.Left, frame.Top + Inset, frame.Right - Inset, frame.Bottom);
        double top = Math.Max(points.Select(p => p.Value).DefaultIfEmpty(0).Max() * Headroom, 1e-3);
        List<double> ticks = [.. RobustnessPlot.Ticks(0, top)];
        if (ticks[^1] < top) ticks.Add(ticks[^1] + (ticks.Count > 1 ? ticks[1] - ticks[0] : top));
        double high = ticks[^1];
        float X(double minutes) => plot.Left + (float)(minutes / lastMinute) * plot.Width;
        float Y(double value) => plot.Bottom - (float)(value / high) * plot.Height;
        foreach (double tick in ticks)
        {
            painter.Line(frame.Left, Y(tick), frame.Right, Y(tick), Palette.Grid);
            painter.Line(frame.Left - TickLength, Y(tick), frame.Left, Y(tick), Palette.Frame);
            painter.Text(format(tick), frame.Left - TickLength - LabelGap, Y(tick) + TickSize * 0.36f, TickSize, Palette.Muted, align: SKTextAlign.Right);
        }
        foreach (double tick in RobustnessPlot.Ticks(0, lastMinute))
        {
            painter.Line(X(tick), plot.Bottom, X(tick), plot.Bottom + TickLength, Palette.Frame);
            painter.Text(tick.ToString("0.##", CultureInfo.InvariantCulture), X(tick), plot.Bottom + TickLength + LabelGap + TickSize, TickSize, Palette.Muted, align: SKTextAlign.Center);
        }
        painter.Text("minutes of global training", plot.MidX, Height - Margin + LabelGap, TickSize, Palette.Muted, align: SKTextAlign.Center);
        if (points.Length > 0)
        {
            using var path = new SKPath();
            path.MoveTo(X(points[0].Minutes), Y(points[0].Value));
            foreach ((double minutes, double value) in points.Skip(1)) path.LineTo(X(minutes), Y(value));
            using (var stroke = new SKPaint { Color = colour, StrokeWidth = LineWidth, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round })
                painter.Canvas.DrawPath(path, stroke);
            using var fill = new SKPaint { Color = colour, IsAntialias = true };
            // Squares mark the measured held-out points; the criterion, measured every few seconds, is a line alone.
            if (square)
                foreach ((double minutes, double value) in points)
                    painter.Canvas.DrawRect(X(minutes) - MarkerRadius, Y(value) - MarkerRadius, 2 * MarkerRadius, 2 * MarkerRadius, fill);
        }
        painter.FrameRect(frame, Palette.Frame);
    }
}
