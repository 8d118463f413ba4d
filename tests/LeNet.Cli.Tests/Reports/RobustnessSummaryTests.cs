using LeNet.Cli.Commands;
using LeNet.Cli.Visualization;
using LeNet.Data;

namespace LeNet.Cli.Tests.Commands;

public sealed class RobustnessSummaryTests
{
    private static RobustnessCurve Curve(RobustnessTransform transform, params double[] accuracies)
    {
        IReadOnlyList<double> values = transform.Values();
        Assert.Equal(values.Count, accuracies.Length);
        return new RobustnessCurve(transform, values.Select((v, i) => new RobustnessPoint(v, accuracies[i], 100)).ToArray());
    }

    [Fact]
    public void The_tolerated_range_is_the_unbroken_run_around_no_distortion()
    {
        //                                                          -45   -40   -35   -30   -25   -20   -15   -10   -5    0     5     10    15    20    25    30    35    40    45
        RobustnessCurve rotation = Curve(RobustnessTransforms.Rotation, 0.95, 0.50, 0.80, 0.85, 0.91, 0.95, 0.97, 0.98, 0.99, 0.99, 0.99, 0.98, 0.97, 0.96, 0.93, 0.90, 0.80, 0.60, 0.40);

        ToleratedRange range = RobustnessSummary.Tolerated(rotation, 0.9);

        // -45 is above 90% again, but it is not connected to 0 through tolerated points.
        Assert.Equal(new ToleratedRange(-25, 30, false, false), range);
        Assert.Equal("rotation: ≥90% from -25° to +30° (paper: ±30°; 85.00% at -30°, 90.00% at +30°)", RobustnessSummary.Line(rotation));
    }

    [Fact]
    public void Scale_is_measured_around_one_and_noise_from_zero()
    {
        //                                                     0.5   0.625 0.75  0.875 1     1.125 1.25  1.375 1.5   1.625 1.75  1.875 2
        RobustnessCurve scale = Curve(RobustnessTransforms.Scale, 0.10, 0.50, 0.92, 0.97, 0.99, 0.98, 0.95, 0.91, 0.85, 0.70, 0.50, 0.40, 0.30);
        Assert.Equal(new ToleratedRange(0.75, 1.375, false, false), RobustnessSummary.Tolerated(scale, 0.9));
        Assert.StartsWith("scale: ≥90% from ×0.75 to ×1.375 (paper: factor 2; 10.00% at ×0.5, 30.00% at ×2)", RobustnessSummary.Line(scale));

        RobustnessCurve noise = Curve(RobustnessTransforms.Noise, 0.99, 0.97, 0.93, 0.85, 0.7, 0.5, 0.3, 0.2, 0.1, 0.1, 0.1);
        Assert.Equal("noise: ≥90% from p = 0 to p = 0.1 (no tolerance stated in the paper)", RobustnessSummary.Line(noise));
    }

    [Fact]
    public void Whole_range_and_hopeless_curves_are_said_plainly()
    {
        RobustnessCurve flat = Curve(RobustnessTransforms.HorizontalShift, Enumerable.Repeat(0.99, 13).ToArray());
        Assert.Equal(new ToleratedRange(-6, 6, true, true), RobustnessSummary.Tolerated(flat, 0.9));
        Assert.StartsWith("shift-x: ≥90% over the whole range swept (-6 px to +6 px)", RobustnessSummary.Line(flat));

        RobustnessCurve hopeless = Curve(RobustnessTransforms.VerticalShift, Enumerable.Repeat(0.1, 13).ToArray());
        Assert.Equal(new ToleratedRange(null, null, false, false), RobustnessSummary.Tolerated(hopeless, 0.9));
        Assert.StartsWith("shift-y: below ≥90% even undistorted", RobustnessSummary.Line(hopeless));
    }

    [Fact]
    public void Distortions_of_the_grid_move_the_image_as_named()
    {
        const int side = 28;
        var dot = new byte[side * side];
        dot[10 * side + 12] = 255; // row 10, column 12
        var moved = new byte[dot.Length];

        RobustnessMeasurement.Distort(RobustnessTransforms.HorizontalShift, 3, dot, moved, side, side, 0);
        Assert.Equal(255, moved[10 * side + 15]);
        RobustnessMeasurement.Distort(RobustnessTransforms.VerticalShift, -2, dot, moved, side, side, 0);
        Assert.Equal(255, moved[8 * side + 12]);
        RobustnessMeasurement.Distort(RobustnessTransforms.Rotation, 0, dot, moved, side, side, 0);
        Assert.Equal(dot, moved);
        RobustnessMeasurement.Distort(RobustnessTransforms.Scale, 1, dot, moved, side, side, 0);
        Assert.Equal(dot, moved);

        RobustnessMeasurement.Distort(RobustnessTransforms.Noise, 0.5, dot, moved, side, side, 7);
        var again = new byte[dot.Length];
        RobustnessMeasurement.Distort(RobustnessTransforms.Noise, 0.5, dot, again, side, side, 7);
        Assert.Equal(moved, again); // seeded by the image index: the same on every thread and run
        Assert.InRange(moved.Count(b => b != 0), 300, 500);

        var unknown = new RobustnessTransform("shear", "Shear", "factor", 0, 1, 0.5);
        Assert.Throws<ArgumentException>(() => RobustnessMeasurement.Distort(unknown, 0.5, dot, moved, side, side, 0));
    }

    [Fact]
    public void Every_sweep_has_seven_to_nine_steps_with_the_undistorted_digit_among_them()
    {
        byte[] digit = TestSupport.SyntheticDigit(4);
        Assert.Equal(["translation", "scale", "rotation", "squeeze", "thickness", "noise"], DigitSweeps.All.Select(s => s.Name));
        foreach (DigitSweep sweep in DigitSweeps.All)
        {
            Assert.InRange(sweep.Steps.Count, 7, 9);
            Assert.Equal(sweep.Steps.Count, sweep.Steps.Select(s => s.Caption).Distinct().Count());
            Assert.Single(sweep.Steps, step => step.Transform(digit).AsSpan().SequenceEqual(digit));
        }
        byte[] rotated = DigitSweeps.All.Single(s => s.Name == "rotation").Steps[^1].Transform(digit);
        Assert.Equal(Distortions.Rotate(digit, 28, 28, 60), rotated);
    }
}
