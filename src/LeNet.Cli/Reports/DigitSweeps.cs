using System.Globalization;
using LeNet.Data;

namespace LeNet.Cli.Commands;

/// <summary>One step of a sweep: what is done to the digit and how.</summary>
/// <param name="Caption">Shown above the frame ("rotate +15°").</param>
/// <param name="Transform">A 28x28 digit (bytes, 0 = background) to its distorted copy.</param>
internal sealed record SweepStep(string Caption, Func<byte[], byte[]> Transform);

/// <summary>One kind of distortion applied to a digit at increasing strength.</summary>
/// <param name="Name">File-name part ("rotation" gives sweep-rotation.png).</param>
/// <param name="Title">Words for the picture's title ("Rotation about the centre").</param>
/// <param name="Steps">The strengths, in order, the undistorted digit among them.</param>
internal sealed record DigitSweep(string Name, string Title, IReadOnlyList<SweepStep> Steps);

/// <summary>
/// The sweeps <c>lenet sweep</c> draws, the categories of LeCun's LeNet-5 demos: translation, scale,
/// rotation, squeezing, stroke thickness and pixel noise, each from clearly harmless to clearly too much.
/// </summary>
internal static class DigitSweeps
{
    private const int Side = Mnist.Rows;
    /// <summary>Seed of the noise sweep, so the same digit always gets the same speckles.</summary>
    private const int NoiseSeed = 1998;
    /// <summary>Scale and squeeze factors are powers of 2 in quarter steps: ×0.5 ... ×2 evenly on a log scale.</summary>
    private const double QuarterOctave = 0.25;

    private static readonly int[] Shifts = [-6, -4, -2, 0, 2, 4, 6];
    private static readonly int[] ScaleQuarters = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
    private static readonly int[] Angles = [-60, -45, -30, -15, 0, 15, 30, 45, 60];
    private static readonly int[] SqueezeQuarters = [-3, -2, -1, 0, 1, 2, 3];
    private static readonly int[] StrokeRadii = [-2, -1, 0, 1, 2, 3, 4];
    private static readonly double[] NoiseProbabilities = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];

    /// <summary>All six, in the order the demos list them.</summary>
    public static IReadOnlyList<DigitSweep> All { get; } =
    [
        new("translation", "Horizontal translation", Shifts.Select(dx =>
            new SweepStep($"shift {Signed(dx)} px", d => Distortions.Translate(d, Side, Side, dx, 0))).ToArray()),
        new("scale", "Scaling about the centre", ScaleQuarters.Select(q => Math.Pow(2, q * QuarterOctave)).Select(f =>
            new SweepStep($"scale ×{Number(f)}", d => Distortions.Scale(d, Side, Side, f))).ToArray()),
        new("rotation", "Rotation about the centre (clockwise positive)", Angles.Select(a =>
            new SweepStep($"rotate {Signed(a)}°", d => Distortions.Rotate(d, Side, Side, a))).ToArray()),
        new("squeeze", "Squeezing: width ×f, height ÷f", SqueezeQuarters.Select(q => Math.Pow(2, q * QuarterOctave)).Select(f =>
            new SweepStep($"squeeze ×{Number(f)}", d => Distortions.Squeeze(d, Side, Side, f))).ToArray()),
        new("thickness", "Stroke thickness: thinned (erosion) or thickened (dilation) by a disc", StrokeRadii.Select(r =>
            new SweepStep(r == 0 ? "original" : r < 0 ? $"thinner, r = {-r}" : $"thicker, r = {r}", d => Distortions.ChangeThickness(d, Side, Side, r))).ToArray()),
        new("noise", "Salt-and-pepper noise: each pixel inverted with probability p", NoiseProbabilities.Select(p =>
            new SweepStep($"noise p = {Number(p)}", d => Distortions.SaltAndPepper(d, p, new Random(NoiseSeed)))).ToArray()),
    ];

    private static string Signed(int value) => value > 0 ? $"+{value}" : value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
