namespace LeNet.Benchmarking;

/// <summary>
/// The output gradient dE/dy a training step feeds into <see cref="INetwork.Backward"/>, for the
/// loss that suits each output layer. Cheap on purpose: it is part of the timed step, not the subject.
/// </summary>
public static class LossGradient
{
    /// <summary>Smallest probability the cross-entropy gradient divides by, so a zero probability cannot give infinity.</summary>
    public const float ProbabilityFloor = 1e-12f;

    /// <summary>
    /// Writes dE/dy for one sample whose last layer output is <paramref name="output"/> and whose
    /// class is <paramref name="label"/>:
    /// <list type="bullet">
    /// <item>softmax: cross-entropy E = -log y_label, so dE/dy_label = -1 / y_label and 0 elsewhere
    /// (the softmax backward turns it into y - onehot);</item>
    /// <item>radial basis: the paper's simplest loss E = y_label (the distance to the right centre),
    /// so dE/dy is one-hot;</item>
    /// <item>anything else: squared error against a one-hot target, dE/dy = y - onehot.</item>
    /// </list>
    /// </summary>
    public static void Write(LayerKind outputKind, ReadOnlySpan<float> output, int label, Span<float> gradient)
    {
        if ((uint)label >= (uint)output.Length)
            throw new ArgumentOutOfRangeException(nameof(label), label, $"The label must name one of the {output.Length} outputs.");
        switch (outputKind)
        {
            case LayerKind.Softmax:
                gradient[..output.Length].Clear();
                gradient[label] = -1f / MathF.Max(output[label], ProbabilityFloor);
                break;
            case LayerKind.RadialBasis:
                gradient[..output.Length].Clear();
                gradient[label] = 1f;
                break;
            default:
                output.CopyTo(gradient);
                gradient[label] -= 1f;
                break;
        }
    }
}
