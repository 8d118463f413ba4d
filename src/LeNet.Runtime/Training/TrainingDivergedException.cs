using System.Globalization;

namespace LeNet.Training;

/// <summary>
/// Training produced a NaN or infinite loss, gradient or parameter. The parameters the trainer holds
/// as best are untouched; the message says where it happened and suggests a lower learning rate.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Describes the divergence at step <paramref name="step"/> of pass <paramref name="epoch"/> (both 1-based).</summary>
    public TrainingDivergedException(int epoch, int step, float learningRate, string what)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Training diverged in epoch {epoch}, step {step}: {what} with learning rate {learningRate:g4}. " +
            $"Lower the learning rate (try {learningRate / 10f:g4}) or use a gentler schedule; the best parameters so far are kept."))
    {
        Epoch = epoch;
        Step = step;
        LearningRate = learningRate;
    }

    /// <summary>The pass (1-based) in which training diverged.</summary>
    public int Epoch { get; }
    /// <summary>The step within the pass (1-based).</summary>
    public int Step { get; }
    /// <summary>The learning rate in force.</summary>
    public float LearningRate { get; }
}
