namespace LeNet.Training;

/// <summary>
/// The negative log-likelihood of the true class, E = -log p_label, for a network whose last layer
/// is a softmax (its outputs already are the probabilities p). Predicts the arg-max.
/// </summary>
/// <remarks>
/// The softmax layer back-propagates dE/dp_label = -1/p_label into the familiar p - onehot at the
/// logits. p is clamped from below so that a vanishing probability gives a large finite loss
/// rather than infinity; a NaN output still gives a NaN loss, which the trainer treats as divergence.
/// </remarks>
internal sealed class CrossEntropy : ILoss
{
    /// <summary>Smallest probability the loss and gradient use: caps the loss at about 69.</summary>
    public const float MinProbability = 1e-30f;

    /// <summary>
    /// Smallest probability the curvature uses: 1/p^2 must stay well inside float range (1e30)
    /// and the softmax layer multiplies it by p^2 again, so nothing overflows.
    /// </summary>
    public const float MinCurvatureProbability = 1e-15f;

    /// <inheritdoc/>
    public string Name => "ce";

    /// <inheritdoc/>
    public float Loss(ReadOnlySpan<float> output, int label, Span<float> gradient)
    {
        float p = MathF.Max(output[label], MinProbability);
        gradient[..output.Length].Clear();
        gradient[label] = -1f / p;
        return -MathF.Log(p);
    }

    /// <summary>d2E/dp_label2 = 1/p_label^2 at the label, 0 elsewhere (the exact diagonal second derivative).</summary>
    public void Curvature(ReadOnlySpan<float> output, int label, Span<float> curvature)
    {
        float p = MathF.Max(output[label], MinCurvatureProbability);
        curvature[..output.Length].Clear();
        curvature[label] = 1f / (p * p);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> output) => OutputReading.ArgMax(output);

    /// <summary>The softmax outputs themselves.</summary>
    public void Probabilities(ReadOnlySpan<float> output, Span<float> probabilities) => output.CopyTo(probabilities);
}
