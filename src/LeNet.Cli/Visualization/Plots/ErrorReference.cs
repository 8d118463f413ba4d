namespace LeNet.Cli.Visualization;

/// <summary>Which of the two curves of an error plot something belongs to.</summary>
internal enum ErrorSeries
{
    /// <summary>Error on the training set.</summary>
    Training,
    /// <summary>Error on the test set.</summary>
    Test,
}

/// <summary>A horizontal line across an error plot marking a known result, e.g. the paper's 0.95% test error.</summary>
/// <param name="Label">Text written by the line ("paper test error 0.95%").</param>
/// <param name="ErrorRate">The error rate it marks, a fraction 0..1.</param>
/// <param name="Series">The curve it compares with; it is drawn in that curve's colour.</param>
internal sealed record ErrorReference(string Label, double ErrorRate, ErrorSeries Series);
