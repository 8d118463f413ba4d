namespace LeNet.Training;

/// <summary>
/// On-the-fly distortion of training images (the paper's affine distortions, elastic deformations
/// and the like). The trainer calls <see cref="Apply"/> for every training sample it distorts
/// (all of them, unless <see cref="TrainingOptions.DistortedCopies"/> shows some undistorted),
/// concurrently from its worker threads; test images are never distorted.
/// </summary>
public interface IImageAugmentation
{
    /// <summary>
    /// Called once at the start of training with the number of worker threads and the image size,
    /// so that the implementation can allocate one set of buffers per worker.
    /// </summary>
    void Prepare(int workers, int rows, int columns);

    /// <summary>
    /// Writes a distorted copy of <paramref name="source"/> into <paramref name="destination"/> (same
    /// size). <paramref name="worker"/> (0 .. workers - 1) says whose buffers to use; <paramref name="seed"/>
    /// depends only on the run's seed, the pass and the sample's position in it (with fixed distorted
    /// copies, on the run's seed, the image and the copy), so a distortion drawn from it keeps training
    /// reproducible whatever the thread count, and the same seed must give the same distortion.
    /// </summary>
    void Apply(int worker, ulong seed, ReadOnlySpan<byte> source, Span<byte> destination);
}
