namespace LeNet.Training;

/// <summary>
/// The paper's per-pass rates for LeNet-5 with stochastic diagonal Levenberg-Marquardt (section
/// II.B/III): 0.0005 for passes 1-2, 0.0002 for passes 3-5, 0.0001 for 6-8, 0.00005 for 9-12 and
/// 0.00001 from pass 13 on. A different first rate scales the whole table in proportion.
/// </summary>
internal sealed class PaperSchedule : ILearningRateSchedule
{
    /// <summary>The paper's rate for the first two passes.</summary>
    public const float PaperFirstRate = 0.0005f;

    /// <summary>(first pass, 1-based, rate) in order; each rate holds until the next row's pass.</summary>
    private static readonly (int FirstPass, float Rate)[] Table =
    [
        (1, PaperFirstRate),
        (3, 0.0002f),
        (6, 0.0001f),
        (9, 0.00005f),
        (13, 0.00001f),
    ];

    /// <summary>The paper's table, scaled so that its first rate is <paramref name="firstRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstRate"/> is not positive.</exception>
    public PaperSchedule(float firstRate = PaperFirstRate)
    {
        if (!(firstRate > 0f && float.IsFinite(firstRate)))
            throw new ArgumentOutOfRangeException(nameof(firstRate), firstRate, "The first rate must be positive.");
        FirstRate = firstRate;
    }

    /// <summary>The rate of passes 1-2.</summary>
    public float FirstRate { get; }

    /// <inheritdoc/>
    public float Rate(int epoch, int step, int stepsPerEpoch)
    {
        int pass = epoch + 1;
        float rate = Table[0].Rate;
        foreach ((int firstPass, float value) in Table)
            if (pass >= firstPass) rate = value;
        // Exactly the paper's values at the paper's first rate; proportional otherwise.
        return FirstRate == PaperFirstRate ? rate : rate / PaperFirstRate * FirstRate;
    }
}
