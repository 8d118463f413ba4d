namespace LeNet.Training;

/// <summary>What one pass achieved.</summary>
/// <param name="Epoch">The pass, 1-based.</param>
/// <param name="Epochs">Passes in the run.</param>
/// <param name="TrainLoss">Mean training loss over the pass.</param>
/// <param name="TrainAccuracy">Fraction of training samples classified right, measured during the pass while the parameters moved (not a separate evaluation).</param>
/// <param name="Test">The evaluation on the test set after the pass, or null without one.</param>
/// <param name="LearningRate">The rate of the pass's last step.</param>
/// <param name="Seconds">Wall time of the pass, evaluation included.</param>
/// <param name="IsBest">Whether these parameters became the trainer's best (highest test accuracy, or the latest without a test set).</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double TrainAccuracy,
    EvaluationResult? Test,
    float LearningRate,
    double Seconds,
    bool IsBest)
{
    /// <summary>Test accuracy (fraction), or null without a test set.</summary>
    public double? TestAccuracy => Test?.Accuracy;
    /// <summary>Mean test loss, or null without a test set.</summary>
    public double? TestLoss => Test?.MeanLoss;
}
