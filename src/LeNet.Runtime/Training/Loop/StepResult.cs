namespace LeNet.Training;

/// <summary>What one optimizer step saw (<see cref="Trainer.TrainingSteps.Step"/>).</summary>
/// <param name="Samples">Samples in the step.</param>
/// <param name="LossSum">The sum of their losses, before the update.</param>
/// <param name="Correct">How many of them the network classified right, before the update.</param>
public readonly record struct StepResult(int Samples, double LossSum, int Correct)
{
    /// <summary>The mean loss of the step's samples.</summary>
    public double MeanLoss => LossSum / Samples;
}
