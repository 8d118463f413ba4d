namespace LeNet;

/// <summary>
/// Whether a forward pass trains, and if so what its dropout masks are drawn from: the training
/// seed and the number of the pass's (first) sample. The default value is evaluation, where dropout
/// is the identity. A unit's mask is a hash of (seed, sample number, unit), a counter-based draw, so
/// a run gives the same masks whatever the thread that runs a sample or the kernel path.
/// </summary>
/// <param name="seed">The training run's seed.</param>
/// <param name="firstSample">The number of the pass's sample, or of the sample in lane 0 of a block (lane l is sample firstSample + l).</param>
public readonly struct TrainingStep(ulong seed, long firstSample)
{
    /// <summary>The training run's seed.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>The number of the pass's sample, or of the sample in lane 0 of a block.</summary>
    public long FirstSample { get; } = firstSample;

    /// <summary>True for a training pass, false for <see cref="Evaluation"/> (the default value).</summary>
    public bool IsTraining { get; } = true;

    /// <summary>An evaluation pass: dropout is the identity.</summary>
    public static TrainingStep Evaluation => default;

    /// <summary>
    /// What inverted dropout at <paramref name="rate"/> multiplies unit <paramref name="unit"/> (its
    /// index in a sample's activations) of the sample in lane <paramref name="lane"/> by: in training
    /// 0 with probability <paramref name="rate"/>, else 1 / (1 - rate); in evaluation 1.
    /// </summary>
    public float DropoutFactor(int unit, int lane, float rate)
    {
        if (!IsTraining || rate == 0f) return 1f;
        ulong hash = Mix(Mix(Mix(Seed) ^ (ulong)(FirstSample + lane)) ^ (uint)unit);
        float uniform = (hash >> 40) * (1f / (1 << 24));
        return uniform < rate ? 0f : 1f / (1f - rate);
    }

    /// <summary>
    /// dy/dx of dropout at <paramref name="rate"/> read from its input <paramref name="x"/> and output
    /// <paramref name="y"/>: 1 where y = x (evaluation), 0 where a unit was dropped (y = 0, x not 0),
    /// 1 / (1 - rate) where it was kept in training. A training unit whose input is exactly 0 gets 1.
    /// </summary>
    public static float DropoutDerivative(float x, float y, float rate) =>
        y == x ? 1f : y == 0f ? 0f : 1f / (1f - rate);

    /// <summary>SplitMix64's finaliser: every bit of the result depends on every bit of <paramref name="z"/>.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
