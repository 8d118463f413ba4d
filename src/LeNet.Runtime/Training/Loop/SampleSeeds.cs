namespace LeNet.Training;

/// <summary>Seeds derived from the run's seed with SplitMix64, so that each use gets its own stream.</summary>
internal static class SampleSeeds
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong CopyStream = 0xC0B1E5UL, PhaseStream = 0x9A5EUL, DropoutStream = 0xD2095UL;

    /// <summary>The seed of sample <paramref name="position"/> of pass <paramref name="epoch"/> (augmentation).</summary>
    public static ulong ForSample(int seed, int epoch, int position) =>
        Mix(Mix(Mix((ulong)(uint)seed) + (ulong)(uint)epoch) + (ulong)(uint)position);

    /// <summary>The seed of copy <paramref name="copy"/> (1 .. n) of training image <paramref name="image"/> in a fixed set of distorted copies.</summary>
    public static ulong ForCopy(int seed, int image, int copy) =>
        Mix(Mix(Mix(Mix((ulong)(uint)seed) ^ CopyStream) + (ulong)(uint)image) + (ulong)(uint)copy);

    /// <summary>Where training image <paramref name="image"/> starts its cycle through itself and its copies.</summary>
    public static ulong CopyPhase(int seed, int image) => Mix(Mix(Mix((ulong)(uint)seed) ^ PhaseStream) + (ulong)(uint)image);

    /// <summary>
    /// The dropout masks of sample <paramref name="position"/> of pass <paramref name="epoch"/> (and,
    /// in a block, of the positions after it in the lanes after lane 0).
    /// </summary>
    public static TrainingStep ForDropout(int seed, int epoch, int position) =>
        new(Mix(Mix(Mix((ulong)(uint)seed) ^ DropoutStream) + (ulong)(uint)epoch), position);

    /// <summary>A 31-bit seed for a <see cref="Random"/> that must not repeat another stream of the same run.</summary>
    public static int ForStream(int seed, int stream) => (int)(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)stream) >> 33);

    /// <summary>The SplitMix64 finaliser applied to x + golden ratio.</summary>
    private static ulong Mix(ulong x)
    {
        ulong z = x + Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
