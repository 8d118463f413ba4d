namespace LeNet.Training;

/// <summary>The outcome of <see cref="Trainer.Train"/>.</summary>
/// <param name="Reports">One report per completed pass.</param>
/// <param name="Best">The report of the pass whose parameters are <paramref name="BestParameters"/>, or null when no pass completed.</param>
/// <param name="BestParameters">The best parameters: highest test accuracy, else the latest (a copy).</param>
/// <param name="FinalParameters">The parameters when training stopped (a copy).</param>
/// <param name="Cancelled">Training stopped early because the token was cancelled.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochReport> Reports,
    EpochReport? Best,
    float[] BestParameters,
    float[] FinalParameters,
    bool Cancelled,
    double Seconds);
