using LeNet.Cli.Visualization;
using SkiaSharp;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Visualization;

public sealed class RobustnessReportTests(ITestOutputHelper output)
{
    private const int Samples = 10000;

    /// <summary>A made-up but plausible curve: accuracy falls off smoothly away from the undistorted value.</summary>
    private static RobustnessCurve Curve(RobustnessTransform transform, double neutral, double width) =>
        new(transform, transform.Values().Select(v =>
            new RobustnessPoint(v, 0.1 + 0.89 * Math.Exp(-Math.Pow((v - neutral) / width, 2)), Samples)).ToArray());

    private static RobustnessReport Sample() => new("lenet5 on MNIST test (10000 digits)",
    [
        Curve(RobustnessTransforms.HorizontalShift, 0, 5),
        Curve(RobustnessTransforms.VerticalShift, 0, 4.5),
        Curve(RobustnessTransforms.Rotation, 0, 35),
        Curve(RobustnessTransforms.Scale, 1, 0.6),
        Curve(RobustnessTransforms.Noise, 0, 0.3),
    ]);

    [Fact]
    public void Standard_sweeps_cover_the_asked_ranges()
    {
        Assert.Equal(Enumerable.Range(-6, 13).Select(v => (double)v), RobustnessTransforms.HorizontalShift.Values());
        Assert.Equal(-45, RobustnessTransforms.Rotation.Values()[0]);
        Assert.Equal(45, RobustnessTransforms.Rotation.Values()[^1]);
        Assert.Equal([0.5, 0.625, 0.75, 0.875, 1, 1.125, 1.25, 1.375, 1.5, 1.625, 1.75, 1.875, 2], RobustnessTransforms.Scale.Values());
        Assert.Equal(0.5, RobustnessTransforms.Noise.Values()[^1]);
        Assert.Equal((-30.0, 30.0), (RobustnessTransforms.Rotation.ToleranceLow!.Value, RobustnessTransforms.Rotation.ToleranceHigh!.Value));
        Assert.Equal(5, RobustnessTransforms.VerticalShift.ToleranceHigh);
    }

    [Fact]
    public void Csv_has_the_header_and_one_line_per_point()
    {
        var report = new RobustnessReport("t",
        [
            new(RobustnessTransforms.Rotation, [new(-15, 0.975, Samples), new(0, 0.9912, Samples)]),
            new(RobustnessTransforms.Scale, [new(0.5, 0.5, 20)]),
        ]);
        string[] lines = report.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["transform,value,accuracy,count", "rotation,-15,0.975,10000", "rotation,0,0.9912,10000", "scale,0.5,0.5,20"], lines);
    }

    [Fact]
    public void Plot_has_a_panel_per_transform_and_the_tolerance_band()
    {
        RobustnessReport report = Sample();
        byte[] png = report.RenderPng();
        string path = Path.Combine(TestSupport.OutputFolder, "robustness.png");
        report.SavePng(path);
        report.SaveCsv(Path.ChangeExtension(path, ".csv"));
        output.WriteLine($"plot: {path}");

        using SKBitmap bitmap = TestSupport.DecodePng(png);
        Assert.Equal(1280, bitmap.Width); // three panels of 400 + gaps and margins
        Assert.InRange(bitmap.Height, 600, 700); // two rows of panels
        Assert.Contains(Palette.Accent, bitmap.Pixels);
        Assert.Contains(Palette.Tolerance, bitmap.Pixels); // the dashed tolerance lines
        Assert.Equal(File.ReadAllBytes(path), png);
    }

    [Fact]
    public void Ticks_are_round_numbers_spanning_the_range()
    {
        Assert.Equal([-40, -20, 0, 20, 40], RobustnessPlot.Ticks(-45, 45));
        Assert.Equal([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2], RobustnessPlot.Ticks(0.5, 2));
    }

    [Fact]
    public void A_curve_without_points_is_refused_by_name()
    {
        var report = new RobustnessReport("t", [new(RobustnessTransforms.Noise, [])]);
        var error = Assert.Throws<ArgumentException>(() => report.RenderPng());
        Assert.Contains("'noise'", error.Message);
    }
}
