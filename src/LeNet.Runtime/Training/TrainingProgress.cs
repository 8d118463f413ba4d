namespace LeNet.Training;

/// <summary>A progress snapshot, reported at most about ten times a second.</summary>
/// <param name="Epoch">The current pass, 1-based.</param>
/// <param name="Epochs">Passes in the run.</param>
/// <param name="SamplesDone">Samples of this pass done so far.</param>
/// <param name="SamplesInEpoch">Samples in one pass.</param>
/// <param name="SamplesPerSecond">Training throughput so far in the run (evaluation excluded).</param>
/// <param name="Remaining">Estimated training time left in the run, at that throughput.</param>
/// <param name="RunningLoss">Mean training loss over this pass so far.</param>
/// <param name="RunningAccuracy">Fraction of this pass's samples classified right so far (while the parameters moved).</param>
/// <param name="LearningRate">The rate of the latest step.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int SamplesDone,
    int SamplesInEpoch,
    double SamplesPerSecond,
    TimeSpan Remaining,
    double RunningLoss,
    double RunningAccuracy,
    float LearningRate);
