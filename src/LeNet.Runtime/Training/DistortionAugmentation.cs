using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// On-the-fly distortions of training images (the paper's translations, scaling, squeezing and
/// shearing, section III.B, and an elastic deformation where the ranges ask for one), one
/// worker-owned <see cref="RandomDistortion"/> per thread, reseeded per sample so a run's images
/// depend only on its seed.
/// </summary>
public sealed class DistortionAugmentation(DistortionRanges? ranges = null) : IImageAugmentation
{
    private RandomDistortion[] _workers = [];

    /// <summary>The ranges distortions are drawn from.</summary>
    public DistortionRanges Ranges { get; } = ranges ?? DistortionRanges.Paper;

    /// <inheritdoc/>
    public void Prepare(int workers, int rows, int columns) =>
        _workers = Enumerable.Range(0, workers).Select(w => new RandomDistortion(rows, columns, w, Ranges)).ToArray();

    /// <inheritdoc/>
    public void Apply(int worker, ulong seed, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        RandomDistortion distortion = _workers[worker];
        distortion.Reseed(seed);
        distortion.Apply(source, destination);
    }

    /// <summary>"affine", "elastic(34,4)" or "affine+elastic(34,4)": which distortions, for logs and checkpoint metadata.</summary>
    public override string ToString()
    {
        DistortionRanges r = Ranges;
        bool affine = r.MaxTranslation > 0 || r.MinScale != 1 || r.MaxScale != 1 || r.MinSqueeze != 1 || r.MaxSqueeze != 1
            || r.MaxShear > 0 || r.MaxRotationDegrees > 0;
        string elastic = FormattableString.Invariant($"elastic({r.ElasticAlpha},{r.ElasticSigma})");
        return (affine, r.ElasticAlpha > 0) switch
        {
            (true, true) => "affine+" + elastic,
            (false, true) => elastic,
            (true, false) => "affine",
            _ => "none",
        };
    }
}
