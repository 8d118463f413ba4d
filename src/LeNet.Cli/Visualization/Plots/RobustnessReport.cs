using LeNet.Files;
using System.Globalization;
using System.Text;

namespace LeNet.Cli.Visualization;

/// <summary>Accuracy measured at one strength of a distortion.</summary>
/// <param name="Value">The distortion's strength (pixels, degrees, factor, probability).</param>
/// <param name="Accuracy">Fraction of samples classified correctly, 0..1.</param>
/// <param name="Count">Number of samples the accuracy is over.</param>
internal sealed record RobustnessPoint(double Value, double Accuracy, int Count);

/// <summary>Accuracy as a function of one distortion's strength.</summary>
/// <param name="Transform">The distortion swept.</param>
/// <param name="Points">Measurements, in increasing <see cref="RobustnessPoint.Value"/>.</param>
internal sealed record RobustnessCurve(RobustnessTransform Transform, IReadOnlyList<RobustnessPoint> Points);

/// <summary>
/// The network's accuracy as a function of distortion strength for several distortions: a CSV table
/// (<c>transform,value,accuracy,count</c>, accuracy as a fraction 0..1) and a PNG of one panel per
/// distortion with the paper's stated tolerance marked. Pure rendering: the numbers come from the caller.
/// </summary>
/// <param name="Title">Heading of the picture (model, data set).</param>
/// <param name="Curves">One curve per distortion.</param>
internal sealed record RobustnessReport(string Title, IReadOnlyList<RobustnessCurve> Curves)
{
    /// <summary>The CSV header line.</summary>
    public const string CsvHeader = "transform,value,accuracy,count";

    /// <summary>The table as CSV text: the header, then one line per point, invariant culture, '\n' line ends.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (RobustnessCurve curve in Curves)
            foreach (RobustnessPoint point in curve.Points)
                csv.Append(Field(curve.Transform.Name)).Append(',')
                   .Append(point.Value.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                   .Append(point.Accuracy.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
                   .Append(point.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return csv.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically.</summary>
    public void SaveCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());

    /// <summary>The plot as PNG bytes (see <see cref="RobustnessPlot"/>).</summary>
    /// <exception cref="ArgumentException">No curves, or a curve without points.</exception>
    public byte[] RenderPng() => RobustnessPlot.Render(this);

    /// <summary>Writes <see cref="RenderPng"/> to <paramref name="path"/> atomically.</summary>
    public void SavePng(string path) => AtomicFile.WriteAllBytes(path, RenderPng());

    // RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes.
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";
}
