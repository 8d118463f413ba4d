namespace LeNet.Cli.Visualization;

/// <summary>
/// A distortion whose strength is swept to measure robustness, with the tolerance the LeNet-5 papers
/// claim for it (null when they state none).
/// </summary>
/// <param name="Name">Identifier used in the CSV ("rotation").</param>
/// <param name="Title">Panel title ("Rotation").</param>
/// <param name="Unit">Unit of the swept value, for the axis ("degrees", "px", "×", "probability").</param>
/// <param name="Minimum">Smallest value swept.</param>
/// <param name="Maximum">Largest value swept.</param>
/// <param name="Step">Distance between swept values.</param>
/// <param name="ToleranceLow">Lower end of the stated tolerance, or null.</param>
/// <param name="ToleranceHigh">Upper end of the stated tolerance, or null.</param>
/// <param name="ToleranceNote">How the tolerance is stated, for the plot ("paper: ±30°").</param>
internal sealed record RobustnessTransform(string Name, string Title, string Unit, double Minimum, double Maximum, double Step,
    double? ToleranceLow = null, double? ToleranceHigh = null, string? ToleranceNote = null)
{
    /// <summary>Minimum, Minimum + Step, ... up to Maximum (inclusive, without rounding drift).</summary>
    public IReadOnlyList<double> Values()
    {
        int steps = (int)Math.Round((Maximum - Minimum) / Step);
        return Enumerable.Range(0, steps + 1).Select(i => Math.Round(Minimum + i * Step, 10)).ToArray();
    }
}

/// <summary>The sweeps the robustness report runs, with the LeNet-5 tolerances (LeCun et al. 1998 and the LeNet-5 demos).</summary>
internal static class RobustnessTransforms
{
    /// <summary>Digit height the shifts are measured against: MNIST digits are normalised to a 20x20 box.</summary>
    public const double DigitHeightPixels = 20;

    /// <summary>Horizontal shift, -6..+6 px (no tolerance stated: convolution is meant to be shift-tolerant throughout).</summary>
    public static readonly RobustnessTransform HorizontalShift = new("shift-x", "Horizontal shift", "px", -6, 6, 1);

    /// <summary>
    /// Vertical shift, -6..+6 px; tolerance "half the character height" of vertical displacement, read as
    /// a total swing of 10 px, i.e. ±5 px of a 20 px digit.
    /// </summary>
    public static readonly RobustnessTransform VerticalShift = new("shift-y", "Vertical shift", "px", -6, 6, 1,
        -DigitHeightPixels / 4, DigitHeightPixels / 4, "paper: ±5 px");

    /// <summary>Rotation, -45..+45 degrees; tolerance ±30°.</summary>
    public static readonly RobustnessTransform Rotation = new("rotation", "Rotation", "degrees", -45, 45, 5, -30, 30, "paper: ±30°");

    /// <summary>Scale, 0.5..2; tolerance a factor of 2 (0.5..2).</summary>
    public static readonly RobustnessTransform Scale = new("scale", "Scale", "×", 0.5, 2, 0.125, 0.5, 2, "paper: factor 2");

    /// <summary>Salt-and-pepper noise, each pixel flipped with probability 0..0.5 (no tolerance stated).</summary>
    public static readonly RobustnessTransform Noise = new("noise", "Noise", "probability", 0, 0.5, 0.05);

    /// <summary>All five, in report order.</summary>
    public static IReadOnlyList<RobustnessTransform> All { get; } = [HorizontalShift, VerticalShift, Rotation, Scale, Noise];
}
