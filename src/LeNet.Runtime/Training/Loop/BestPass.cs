namespace LeNet.Training;

/// <summary>
/// The pass kept: the highest validation accuracy (the later pass on a tie, which the validation set
/// cannot tell apart and which trained longer), or without a validation set the latest. The test set
/// never chooses.
/// </summary>
internal sealed class BestPass(ReadOnlySpan<float> initial)
{
    /// <summary>The kept parameters; before training, the initial ones.</summary>
    public float[] Parameters { get; } = initial.ToArray();

    /// <summary>The report of the kept pass, or null.</summary>
    public EpochReport? Report { get; private set; }

    /// <summary>Keeps <paramref name="tested"/> when <paramref name="report"/>'s pass is the best so far, and says so in the report.</summary>
    public EpochReport Consider(EpochReport report, ReadOnlySpan<float> tested)
    {
        bool isBest = report.Validation is not { } validation || Report?.Validation is not { } best || validation.Accuracy >= best.Accuracy;
        if (!isBest) return report;
        report = report with { IsBest = true };
        tested.CopyTo(Parameters);
        Report = report;
        return report;
    }

    /// <summary>
    /// After a cancelled run: a run stopped before any validated pass (or without a validation set)
    /// has nothing better than <paramref name="tested"/>, where it stands, when that is finite.
    /// </summary>
    public void KeepIfUnchosen(bool validated, ReadOnlySpan<float> tested)
    {
        if ((!validated || Report is null) && SpanMath.AllFinite(tested)) tested.CopyTo(Parameters);
    }
}
