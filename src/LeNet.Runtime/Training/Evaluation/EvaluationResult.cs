namespace LeNet.Training;

/// <summary>How a network did on a labelled set.</summary>
/// <param name="Count">Samples evaluated.</param>
/// <param name="Correct">Samples classified right.</param>
/// <param name="MeanLoss">Mean loss per sample.</param>
/// <param name="Confusion">Counts [true class, predicted class].</param>
/// <param name="Misclassified">The samples got wrong, in index order.</param>
public sealed record EvaluationResult(
    int Count,
    int Correct,
    double MeanLoss,
    int[,] Confusion,
    IReadOnlyList<Misclassification> Misclassified)
{
    /// <summary>Fraction classified right (0 for an empty set).</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;
    /// <summary>Fraction classified wrong.</summary>
    public double ErrorRate => Count == 0 ? 0 : 1.0 - Accuracy;
}
