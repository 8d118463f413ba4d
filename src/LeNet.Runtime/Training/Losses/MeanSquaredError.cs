namespace LeNet.Training;

/// <summary>
/// Squared error against the true class, in the form that suits the output layer:
/// <list type="bullet">
/// <item>ordinary outputs (fully connected, softmax): E = 1/2 sum_i (y_i - t_i)^2 with the one-hot
/// target t = +1 at the label and 0 elsewhere, so dE/dy = y - t and d2E/dy2 = 1; predicts the arg-max;</item>
/// <item>radial-basis outputs: the paper's maximum-likelihood criterion E = y_label (eq. 8), the
/// squared distance of F6 to the true class's code, so dE/dy = 1 at the label and 0 elsewhere;
/// predicts the arg-min (the nearest code).</item>
/// </list>
/// The loss is per sample; the trainer averages it over the batch.
/// </summary>
internal sealed class MeanSquaredError(LayerKind outputKind) : ILoss
{
    private const float Target = 1f;
    private const float HalfSquare = 0.5f;

    /// <summary>The kind of the network's last layer, which decides the form of the criterion.</summary>
    public LayerKind OutputKind { get; } = outputKind;

    private bool RadialBasis => OutputKind == LayerKind.RadialBasis;

    /// <inheritdoc/>
    public string Name => "mse";

    /// <inheritdoc/>
    public float Loss(ReadOnlySpan<float> output, int label, Span<float> gradient)
    {
        if (RadialBasis)
        {
            gradient[..output.Length].Clear();
            gradient[label] = 1f;
            return output[label];
        }
        float loss = 0f;
        for (int i = 0; i < output.Length; i++)
        {
            float residual = output[i] - (i == label ? Target : 0f);
            gradient[i] = residual;
            loss += residual * residual;
        }
        return HalfSquare * loss;
    }

    /// <summary>1 for every output (ordinary outputs); 1 at the label and 0 elsewhere (radial-basis outputs).</summary>
    public void Curvature(ReadOnlySpan<float> output, int label, Span<float> curvature)
    {
        if (RadialBasis)
        {
            curvature[..output.Length].Clear();
            curvature[label] = 1f;
            return;
        }
        curvature[..output.Length].Fill(1f);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<float> output) => OutputReading.Answer(OutputKind, output);

    /// <summary>softmax(-y) for radial-basis penalties, the outputs themselves after a softmax layer, softmax(y) otherwise.</summary>
    public void Probabilities(ReadOnlySpan<float> output, Span<float> probabilities) => OutputReading.Probabilities(OutputKind, output, probabilities);
}
