namespace LeNet.Training;

/// <summary>The learning rate as a function of where training is.</summary>
public interface ILearningRateSchedule
{
    /// <summary>
    /// The rate for step <paramref name="step"/> (0-based) of pass <paramref name="epoch"/> (0-based:
    /// 0 is the first pass), when a pass has <paramref name="stepsPerEpoch"/> steps.
    /// </summary>
    float Rate(int epoch, int step, int stepsPerEpoch);
}
