namespace LeNet.Training;

/// <summary>The outcome of <see cref="Trainer.Train"/>.</summary>
/// <param name="Reports">One report per completed pass.</param>
/// <param name="Best">The report of the chosen pass, whose parameters are <paramref name="BestParameters"/>, or null when no pass completed.</param>
/// <param name="BestParameters">The chosen parameters: highest validation accuracy, else the latest (a copy).</param>
/// <param name="FinalParameters">The parameters when training stopped (a copy).</param>
/// <param name="Cancelled">Training stopped early because the token was cancelled.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record TrainingResult(
    IReadOnlyList<EpochReport> Reports,
    EpochReport? Best,
    float[] BestParameters,
    float[] FinalParameters,
    bool Cancelled,
    double Seconds)
{
    /// <summary>The report of the last completed pass, or null when none completed.</summary>
    public EpochReport? Last => Reports.Count == 0 ? null : Reports[^1];
}
