using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>
/// Draws a <see cref="RobustnessReport"/>: one panel per distortion, accuracy 0..100 % up the side,
/// the distortion's strength along the bottom with tick labels, the paper's tolerance as a shaded band
/// between dashed lines, and the measured points joined by a line.
/// </summary>
internal static class RobustnessPlot
{
    private const int PanelsPerRow = 3;
    private const float Margin = 20f, PanelWidth = 400f, PanelHeight = 280f, PanelGap = 20f, HeaderHeight = 44f;
    private const float PlotLeft = 52f, PlotRight = 18f, PlotTop = 44f, PlotBottom = 44f;
    private const float TitleSize = 20f, PanelTitleSize = 15f, TickSize = 11f, NoteSize = 11f, PointRadius = 3.5f;
    private const int AccuracyTicks = 4, TargetTicks = 6;
    private const byte BandAlpha = 0x40;

    public static byte[] Render(RobustnessReport report)
    {
        if (report.Curves.Count == 0)
            throw new ArgumentException("A robustness report needs at least one curve.", nameof(report));
        if (report.Curves.FirstOrDefault(c => c.Points.Count == 0) is { } empty)
            throw new ArgumentException($"The curve for '{empty.Transform.Name}' has no points.", nameof(report));

        int columns = Math.Min(PanelsPerRow, report.Curves.Count);
        int width = (int)(2 * Margin + columns * PanelWidth + (columns - 1) * PanelGap);
        int rows = (report.Curves.Count + PanelsPerRow - 1) / PanelsPerRow;
        return Painter.RenderPng(width, (int)(HeaderHeight + rows * (PanelHeight + PanelGap) + 2 * Margin), painter =>
        {
            painter.Text(report.Title, Margin, Margin + TitleSize, TitleSize, Palette.Ink, bold: true);
            for (int i = 0; i < report.Curves.Count; i++)
            {
                float left = Margin + i % PanelsPerRow * (PanelWidth + PanelGap);
                float top = Margin + HeaderHeight + i / PanelsPerRow * (PanelHeight + PanelGap);
                DrawPanel(painter, report.Curves[i], new SKRect(left, top, left + PanelWidth, top + PanelHeight));
            }
            return Margin + HeaderHeight + rows * (PanelHeight + PanelGap) - PanelGap + Margin;
        });
    }

    private static void DrawPanel(Painter painter, RobustnessCurve curve, SKRect panel)
    {
        RobustnessTransform t = curve.Transform;
        painter.Fill(panel, SKColors.White);
        painter.FrameRect(panel, Palette.Grid);
        painter.Text(t.Title, panel.Left + 12f, panel.Top + 22f, PanelTitleSize, Palette.Ink, bold: true);
        int[] counts = curve.Points.Select(p => p.Count).Distinct().ToArray();
        string samples = counts.Length == 1 ? $"n = {counts[0]} per point" : $"n = {counts.Min()}..{counts.Max()} per point";
        painter.Text(samples, panel.Right - 12f, panel.Top + 22f, NoteSize, Palette.Muted, align: SKTextAlign.Right);

        var plot = new SKRect(panel.Left + PlotLeft, panel.Top + PlotTop, panel.Right - PlotRight, panel.Bottom - PlotBottom);
        double low = Math.Min(t.Minimum, curve.Points.Min(p => p.Value)), high = Math.Max(t.Maximum, curve.Points.Max(p => p.Value));
        if (high <= low) { low -= 1; high += 1; }
        float X(double value) => plot.Left + (float)((value - low) / (high - low)) * plot.Width;
        float Y(double accuracy) => plot.Bottom - (float)Math.Clamp(accuracy, 0, 1) * plot.Height;

        DrawTolerance(painter, t, plot, low, high, X);
        for (int i = 0; i <= AccuracyTicks; i++)
        {
            double accuracy = (double)i / AccuracyTicks;
            painter.Line(plot.Left, Y(accuracy), plot.Right, Y(accuracy), Palette.Grid);
            painter.Text($"{accuracy * 100:0}%", plot.Left - 6f, Y(accuracy) + TickSize * 0.36f, TickSize, Palette.Muted, align: SKTextAlign.Right);
        }
        foreach (double tick in Ticks(low, high))
        {
            painter.Line(X(tick), plot.Bottom, X(tick), plot.Bottom + 4f, Palette.Frame);
            painter.Text(tick.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), X(tick), plot.Bottom + 6f + TickSize, TickSize, Palette.Muted, align: SKTextAlign.Center);
        }
        painter.Line(plot.Left, plot.Bottom, plot.Right, plot.Bottom, Palette.Frame);
        painter.Line(plot.Left, plot.Top, plot.Left, plot.Bottom, Palette.Frame);
        painter.Text(t.Unit, plot.MidX, panel.Bottom - 8f, TickSize, Palette.Muted, align: SKTextAlign.Center);

        RobustnessPoint[] points = curve.Points.OrderBy(p => p.Value).ToArray();
        for (int i = 1; i < points.Length; i++)
            painter.Line(X(points[i - 1].Value), Y(points[i - 1].Accuracy), X(points[i].Value), Y(points[i].Accuracy), Palette.Accent, 2f);
        using var dot = new SKPaint { Color = Palette.Accent, IsAntialias = true };
        foreach (RobustnessPoint point in points)
            painter.Canvas.DrawCircle(X(point.Value), Y(point.Accuracy), PointRadius, dot);
    }

    private static void DrawTolerance(Painter painter, RobustnessTransform t, SKRect plot, double low, double high, Func<double, float> x)
    {
        if (t.ToleranceLow is not { } from || t.ToleranceHigh is not { } to) return;
        float left = x(Math.Max(from, low)), right = x(Math.Min(to, high));
        painter.Fill(new SKRect(left, plot.Top, right, plot.Bottom), Palette.Tolerance.WithAlpha(BandAlpha));
        if (from >= low) painter.Line(left, plot.Top, left, plot.Bottom, Palette.Tolerance, 1.5f, dashed: true);
        if (to <= high) painter.Line(right, plot.Top, right, plot.Bottom, Palette.Tolerance, 1.5f, dashed: true);
        if (t.ToleranceNote is { } note)
            painter.Text(note, (left + right) / 2, plot.Top - 5f, NoteSize, Palette.Ink, align: SKTextAlign.Center);
    }

    /// <summary>Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering low..high, about <see cref="TargetTicks"/> of them.</summary>
    internal static IReadOnlyList<double> Ticks(double low, double high)
    {
        double rough = (high - low) / TargetTicks, power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        var ticks = new List<double>();
        for (double v = Math.Ceiling(low / step - 1e-9) * step; v <= high + step * 1e-9; v += step)
            ticks.Add(Math.Round(v, 10) is var tick && tick == 0 ? 0 : tick); // no "-0" label
        return ticks;
    }
}
