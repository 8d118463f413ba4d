namespace LeNet.Training;

/// <summary>The base rate multiplied by <see cref="Gamma"/> after every <see cref="EveryEpochs"/> passes.</summary>
internal sealed class StepSchedule : ILearningRateSchedule
{
    /// <summary>A schedule starting at <paramref name="rate"/>, multiplied by <paramref name="gamma"/> every <paramref name="everyEpochs"/> passes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="everyEpochs"/> is not positive or <paramref name="gamma"/> is not in (0, 1].</exception>
    public StepSchedule(float rate, int everyEpochs, float gamma)
    {
        if (everyEpochs <= 0)
            throw new ArgumentOutOfRangeException(nameof(everyEpochs), everyEpochs, "The step schedule needs a positive number of passes between drops.");
        if (!(gamma > 0f && gamma <= 1f))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The step schedule's factor must be in (0, 1].");
        BaseRate = rate;
        EveryEpochs = everyEpochs;
        Gamma = gamma;
    }

    /// <summary>The rate of the first passes.</summary>
    public float BaseRate { get; }
    /// <summary>Passes between drops.</summary>
    public int EveryEpochs { get; }
    /// <summary>Factor applied at each drop.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public float Rate(int epoch, int step, int stepsPerEpoch) => BaseRate * MathF.Pow(Gamma, epoch / EveryEpochs);
}
