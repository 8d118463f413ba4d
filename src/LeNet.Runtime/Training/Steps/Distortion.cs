namespace LeNet.Training;

/// <summary>
/// Which distortion, if any, a training image gets in a pass: a fresh one per sample and pass, or
/// one of a fixed set of distorted copies (<see cref="TrainingOptions.DistortedCopies"/>).
/// </summary>
internal static class Distortion
{
    /// <summary>
    /// The augmentation's seed for training image <paramref name="index"/> at <paramref name="position"/>
    /// of pass <paramref name="epoch"/>, or null when this pass shows the image itself.
    /// </summary>
    public static ulong? Seed(TrainingOptions options, int epoch, int index, int position)
    {
        int copies = options.DistortedCopies;
        if (copies == 0) return SampleSeeds.ForSample(options.Seed, epoch, position);
        // The image, then its copies 1 .. n, then the image again, each image starting the cycle at a
        // pass of its own, so that every pass shows about 1 / (n + 1) of the images undistorted.
        int version = ((int)(SampleSeeds.CopyPhase(options.Seed, index) % (ulong)(copies + 1)) + epoch) % (copies + 1);
        return version == 0 ? null : SampleSeeds.ForCopy(options.Seed, index, version);
    }
}
