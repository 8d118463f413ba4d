namespace LeNet.Training;

/// <summary>
/// Cosine annealing from the base rate down to a floor over all steps of all passes, after an
/// optional linear warm-up that climbs from base/warm-up to the base rate over the first steps.
/// The warm-up never takes more than <see cref="MaxWarmupShare"/> of the run's steps, so a short run
/// (few passes, few samples) still reaches the base rate and decays from it.
/// </summary>
internal sealed class CosineSchedule : ILearningRateSchedule
{
    /// <summary>The largest share of a run's steps the warm-up may take.</summary>
    public const double MaxWarmupShare = 0.25;

    /// <summary>A schedule over <paramref name="epochs"/> passes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No passes, a negative warm-up, or a floor above the base rate.</exception>
    public CosineSchedule(float rate, float floor, int epochs, int warmupSteps = 0)
    {
        if (epochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The cosine schedule needs at least one pass.");
        if (warmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "The warm-up cannot be negative.");
        if (!(floor >= 0f && floor <= rate))
            throw new ArgumentOutOfRangeException(nameof(floor), floor, $"The cosine schedule's floor must be between 0 and the base rate {rate}.");
        BaseRate = rate;
        Floor = floor;
        Epochs = epochs;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The rate at the end of the warm-up.</summary>
    public float BaseRate { get; }
    /// <summary>The rate reached at the very end.</summary>
    public float Floor { get; }
    /// <summary>Passes the annealing spans.</summary>
    public int Epochs { get; }
    /// <summary>Steps of linear warm-up asked for; <see cref="WarmupFor(int)"/> says how many a run gets.</summary>
    public int WarmupSteps { get; }

    /// <summary>The warm-up steps of a run with <paramref name="stepsPerEpoch"/> steps a pass: <see cref="WarmupSteps"/>, at most <see cref="MaxWarmupShare"/> of the run.</summary>
    public int WarmupFor(int stepsPerEpoch) => WarmupFor(WarmupSteps, Epochs, stepsPerEpoch);

    /// <summary>The warm-up steps a run of <paramref name="epochs"/> passes of <paramref name="stepsPerEpoch"/> steps gets when <paramref name="warmupSteps"/> are asked for.</summary>
    public static int WarmupFor(int warmupSteps, int epochs, int stepsPerEpoch) =>
        (int)Math.Min(warmupSteps, (long)(MaxWarmupShare * epochs * stepsPerEpoch));

    /// <inheritdoc/>
    public float Rate(int epoch, int step, int stepsPerEpoch)
    {
        long at = (long)epoch * stepsPerEpoch + step;
        int warmup = WarmupFor(stepsPerEpoch);
        if (at < warmup) return BaseRate * (at + 1) / warmup;
        long span = Math.Max(1L, (long)Epochs * stepsPerEpoch - warmup - 1);
        double progress = Math.Min(1.0, (double)(at - warmup) / span);
        return (float)(Floor + (BaseRate - Floor) * 0.5 * (1.0 + Math.Cos(Math.PI * progress)));
    }
}
