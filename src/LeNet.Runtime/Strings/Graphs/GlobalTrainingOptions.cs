using LeNet.Data;

namespace LeNet.Strings;

/// <summary>How a <see cref="GlobalTrainer"/> trains.</summary>
public sealed record GlobalTrainingOptions
{
    /// <summary>Adam's learning rate for the field's weights.</summary>
    public float LearningRate { get; init; } = 1e-4f;

    /// <summary>Gradient step size for the character model's log-penalties; 0 keeps them fixed.</summary>
    public float PenaltyRate { get; init; } = 1e-2f;

    /// <summary>Strips per step (<see cref="GlobalTrainer.Run"/>).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Strips composed once and drawn from at random (<see cref="GlobalTrainer.Run"/>): composing a strip costs more than learning from it.</summary>
    public int PoolSize { get; init; } = 30_000;

    /// <summary>Seeds the pool's strips and the order they are drawn in.</summary>
    public int Seed { get; init; } = 7000;

    /// <summary>
    /// What strips the pool mixes, in turn: lengths and spacings varied beyond any one test set's
    /// (1-8 digits at every spacing, zip codes apart and touching, 2-6 digits mixed).
    /// </summary>
    public IReadOnlyList<StripRecipe> Recipes { get; init; } =
    [
        new(1, 8, StripSpacing.Mixed), new(5, 5, StripSpacing.Apart), new(5, 5, StripSpacing.Touching),
        new(1, 8, StripSpacing.Apart), new(1, 8, StripSpacing.Touching), new(2, 6, StripSpacing.Mixed),
    ];

    /// <summary>
    /// The share of every batch drawn from the strips cut from pages given to <see cref="GlobalTrainer.Run"/>, when
    /// any are given; the rest comes from the pool.
    /// </summary>
    public double CutShare { get; init; } = 0.5;

    /// <summary>Decoupled weight decay of the field's weights.</summary>
    public float WeightDecay { get; init; }

    /// <summary>The longest run of positions one digit occupies in the character model.</summary>
    public int MaxRun { get; init; } = 3;

    /// <summary>Fails on options no training can follow.</summary>
    /// <exception cref="ArgumentException">The message names the option.</exception>
    public void Validate()
    {
        if (!(LearningRate > 0) || !(PenaltyRate >= 0) || !(WeightDecay >= 0))
            throw new ArgumentException($"Rates must be positive (learning rate {LearningRate}) or 0 or more (penalty rate {PenaltyRate}, weight decay {WeightDecay}).");
        if (BatchSize < 1 || PoolSize < 1 || Recipes.Count == 0)
            throw new ArgumentException($"A batch of {BatchSize} strips, a pool of {PoolSize} or {Recipes.Count} recipes are too few.");
        foreach (StripRecipe recipe in Recipes) recipe.Validate();
        if (!(CutShare >= 0 && CutShare <= 1))
            throw new ArgumentException($"The share of a batch drawn from strips cut from pages is between 0 and 1, not {CutShare}.");
        if (MaxRun < 1)
            throw new ArgumentException($"Runs of {MaxRun} positions are too short: a character takes one position at least.");
    }
}
