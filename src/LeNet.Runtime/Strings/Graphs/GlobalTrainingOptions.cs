namespace LeNet.Strings;

/// <summary>How a <see cref="GlobalTrainer"/> trains.</summary>
public sealed record GlobalTrainingOptions
{
    /// <summary>Adam's learning rate for the field's weights.</summary>
    public float LearningRate { get; init; } = 1e-4f;

    /// <summary>Gradient step size for the character model's log-penalties; 0 keeps them fixed.</summary>
    public float PenaltyRate { get; init; } = 1e-2f;

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
        if (MaxRun < 1)
            throw new ArgumentException($"Runs of {MaxRun} positions are too short: a character takes one position at least.");
    }
}
