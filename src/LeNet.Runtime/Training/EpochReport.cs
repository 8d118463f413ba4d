namespace LeNet.Training;

/// <summary>What one pass achieved.</summary>
/// <param name="Epoch">The pass, 1-based.</param>
/// <param name="Epochs">Passes in the run.</param>
/// <param name="TrainLoss">Mean training loss over the pass.</param>
/// <param name="TrainAccuracy">Fraction of training samples classified right, measured during the pass while the parameters moved (not a separate evaluation).</param>
/// <param name="Test">The evaluation on the test set after the pass, or null without one.</param>
/// <param name="LearningRate">The rate of the pass's last step.</param>
/// <param name="Seconds">Wall time of the pass, evaluation included.</param>
/// <param name="IsBest">Whether these parameters became the trainer's chosen ones: the highest validation accuracy so far (the later pass on a tie), or, without a validation set, the latest.</param>
/// <param name="Validation">The evaluation on the validation set held out of the training set (<see cref="TrainingOptions.ValidationCount"/>), or null without one.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double TrainAccuracy,
    EvaluationResult? Test,
    float LearningRate,
    double Seconds,
    bool IsBest,
    EvaluationResult? Validation = null)
{
    /// <summary>Validation accuracy (fraction), or null without a validation set.</summary>
    public double? ValidationAccuracy => Validation?.Accuracy;
    /// <summary>Mean validation loss, or null without a validation set.</summary>
    public double? ValidationLoss => Validation?.MeanLoss;
    /// <summary>Test accuracy (fraction), or null without a test set.</summary>
    public double? TestAccuracy => Test?.Accuracy;
    /// <summary>Mean test loss, or null without a test set.</summary>
    public double? TestLoss => Test?.MeanLoss;
}
