namespace LeNet.Training;

/// <summary>The same rate throughout.</summary>
internal sealed class ConstantSchedule(float rate) : ILearningRateSchedule
{
    /// <summary>The rate.</summary>
    public float BaseRate { get; } = rate;

    /// <inheritdoc/>
    public float Rate(int epoch, int step, int stepsPerEpoch) => BaseRate;
}
