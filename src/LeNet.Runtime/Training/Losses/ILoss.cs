namespace LeNet.Training;

/// <summary>
/// A training criterion over one sample's network outputs, and how to read those outputs as a
/// class decision. Implementations are stateless and safe to call from several threads at once.
/// </summary>
public interface ILoss
{
    /// <summary>Short name for logs and checkpoint metadata ("ce", "mse", "rbf-map").</summary>
    string Name { get; }

    /// <summary>
    /// Returns the loss of <paramref name="output"/> (the last layer's outputs) for the true class
    /// <paramref name="label"/> and writes dE/doutput into <paramref name="gradient"/> (same length as the output).
    /// </summary>
    float Loss(ReadOnlySpan<float> output, int label, Span<float> gradient);

    /// <summary>
    /// Writes the diagonal Gauss-Newton curvature of the loss with respect to the outputs, the seed
    /// of <see cref="INetwork.BackwardCurvature"/>: d2E/dy2 for ordinary outputs; for radial-basis
    /// outputs, the non-negative weight of each unit's squared distance (1 for the true class, 0 for
    /// the others, with both radial-basis criteria).
    /// </summary>
    void Curvature(ReadOnlySpan<float> output, int label, Span<float> curvature);

    /// <summary>The class the outputs vote for.</summary>
    int Predict(ReadOnlySpan<float> output);

    /// <summary>Writes a probability per class (non-negative, summing to 1) read from the outputs, for display.</summary>
    void Probabilities(ReadOnlySpan<float> output, Span<float> probabilities);
}
