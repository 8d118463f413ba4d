using LeNet.Data;

namespace LeNet.Training;

/// <summary>
/// On-the-fly affine distortions of training images (the paper's translations, scaling, squeezing
/// and shearing, section III.B), one worker-owned <see cref="RandomDistortion"/> per thread,
/// reseeded per sample so a run's images depend only on its seed.
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
}
