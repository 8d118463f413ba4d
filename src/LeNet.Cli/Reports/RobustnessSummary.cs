using System.Globalization;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;

namespace LeNet.Cli.Commands;

/// <summary>Where a curve stays at or above a threshold, walking out from the undistorted point.</summary>
/// <param name="Low">The smallest strength of the unbroken run, or null when even the undistorted point is below.</param>
/// <param name="High">The largest strength of the run.</param>
/// <param name="ReachesLow">The run goes down to the smallest strength swept.</param>
/// <param name="ReachesHigh">The run goes up to the largest strength swept.</param>
internal sealed record ToleratedRange(double? Low, double? High, bool ReachesLow, bool ReachesHigh);

/// <summary>
/// Reads a <see cref="RobustnessReport"/> for people: per distortion, the unbroken range around "no
/// distortion" where accuracy stays at or above <see cref="Threshold"/>, and the accuracy at the
/// tolerance the LeNet-5 papers state, e.g. "rotation: ≥90% from -25° to +30° (paper: ±30°; 78.1% at -30°, 90.2% at +30°)".
/// </summary>
internal static class RobustnessSummary
{
    /// <summary>The accuracy a network must keep for a distortion to count as tolerated.</summary>
    public const double Threshold = 0.9;

    /// <summary>One line per curve.</summary>
    public static IReadOnlyList<string> Lines(RobustnessReport report) => report.Curves.Select(Line).ToArray();

    /// <summary>The summary line of one curve.</summary>
    public static string Line(RobustnessCurve curve)
    {
        RobustnessTransform t = curve.Transform;
        ToleratedRange range = Tolerated(curve, Threshold);
        string above = $"≥{Threshold * 100:0}%";
        string tolerated = range.Low is not { } low || range.High is not { } high
            ? $"below {above} even undistorted"
            : range.ReachesLow && range.ReachesHigh ? $"{above} over the whole range swept ({Format(t, t.Minimum)} to {Format(t, t.Maximum)})"
            : low == high ? $"{above} only at {Format(t, low)}"
            : $"{above} from {Format(t, low)} to {Format(t, high)}";
        return $"{t.Name}: {tolerated}{PaperComparison(curve)}";
    }

    /// <summary>The unbroken run of points at or above <paramref name="threshold"/> around the undistorted strength.</summary>
    public static ToleratedRange Tolerated(RobustnessCurve curve, double threshold)
    {
        RobustnessPoint[] points = curve.Points.OrderBy(p => p.Value).ToArray();
        if (points.Length == 0) return new ToleratedRange(null, null, false, false);
        double neutral = RobustnessMeasurement.Neutral(curve.Transform);
        int centre = Array.IndexOf(points, points.MinBy(p => Math.Abs(p.Value - neutral)));
        if (points[centre].Accuracy < threshold) return new ToleratedRange(null, null, false, false);
        int first = centre, last = centre;
        while (first > 0 && points[first - 1].Accuracy >= threshold) first--;
        while (last < points.Length - 1 && points[last + 1].Accuracy >= threshold) last++;
        return new ToleratedRange(points[first].Value, points[last].Value, first == 0, last == points.Length - 1);
    }

    private static string PaperComparison(RobustnessCurve curve)
    {
        RobustnessTransform t = curve.Transform;
        if (t.ToleranceLow is not { } from || t.ToleranceHigh is not { } to)
            return " (no tolerance stated in the paper)";
        string At(double value) => curve.Points.FirstOrDefault(p => Math.Abs(p.Value - value) < 1e-9) is { } point
            ? $"{Percent.Of(point.Accuracy)} at {Format(t, value)}"
            : $"not measured at {Format(t, value)}";
        return $" ({t.ToleranceNote ?? "paper"}; {At(from)}, {At(to)})";
    }

    /// <summary>A strength with its unit: "+5 px", "-30°", "×0.5", "p = 0.1".</summary>
    public static string Format(RobustnessTransform transform, double value)
    {
        string number = value.ToString("0.###", CultureInfo.InvariantCulture);
        string signed = value > 0 ? "+" + number : number;
        return transform.Unit switch
        {
            "px" => $"{signed} px",
            "degrees" => $"{signed}°",
            "×" => $"×{number}",
            "probability" => $"p = {number}",
            _ => $"{number} {transform.Unit}",
        };
    }
}
