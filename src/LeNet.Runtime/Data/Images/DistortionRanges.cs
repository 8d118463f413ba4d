namespace LeNet.Data;

/// <summary>
/// How strong <see cref="RandomDistortion"/>'s distortions may be; each parameter is drawn uniformly
/// from its range. The paper (section III.C) lists the kinds — translation, scaling, squeezing,
/// horizontal shearing — but not the ranges; <see cref="Paper"/> holds ours: ±2 pixels, 0.85..1.15,
/// 0.85..1.15 and ±0.2, which keep a digit inside the 28x28 field and still recognisable.
/// </summary>
public sealed record DistortionRanges
{
    /// <summary>Largest horizontal and vertical shift, in pixels (each drawn independently in ±this).</summary>
    public double MaxTranslation { get; init; } = 2;
    /// <summary>Smallest uniform scale factor.</summary>
    public double MinScale { get; init; } = 0.85;
    /// <summary>Largest uniform scale factor.</summary>
    public double MaxScale { get; init; } = 1.15;
    /// <summary>Smallest squeeze factor (width times it, height divided by it).</summary>
    public double MinSqueeze { get; init; } = 0.85;
    /// <summary>Largest squeeze factor.</summary>
    public double MaxSqueeze { get; init; } = 1.15;
    /// <summary>Largest horizontal shear, in pixels of shift per row (drawn in ±this).</summary>
    public double MaxShear { get; init; } = 0.2;
    /// <summary>Largest rotation in degrees (drawn in ±this); 0 in the paper's set, which has no rotation.</summary>
    public double MaxRotationDegrees { get; init; }

    /// <summary>
    /// Strength of the elastic deformation (Simard, Steinkraus and Platt, 2003), in pixels: a random
    /// displacement field, uniform in ±1 per pixel and direction, smoothed by a Gaussian of
    /// <see cref="ElasticSigma"/> and multiplied by this. 0 (the paper's set) turns it off.
    /// </summary>
    public double ElasticAlpha { get; init; }
    /// <summary>Standard deviation, in pixels, of the Gaussian that smooths the elastic displacement field.</summary>
    public double ElasticSigma { get; init; } = 4;

    /// <summary>The paper's kinds of distortion with the ranges above.</summary>
    public static DistortionRanges Paper { get; } = new();

    /// <summary>The paper's affine distortions followed by an elastic deformation of strength 34 and smoothing 4 (Simard et al.'s values for MNIST).</summary>
    public static DistortionRanges Elastic { get; } = new() { ElasticAlpha = 34 };

    /// <summary>The elastic deformation of <see cref="Elastic"/> alone, with no affine distortion: what Simard et al. trained their 0.4% network on.</summary>
    public static DistortionRanges ElasticAlone { get; } = new()
    {
        MaxTranslation = 0,
        MinScale = 1,
        MaxScale = 1,
        MinSqueeze = 1,
        MaxSqueeze = 1,
        MaxShear = 0,
        ElasticAlpha = 34,
    };
}
