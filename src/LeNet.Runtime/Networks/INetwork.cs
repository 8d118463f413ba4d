namespace LeNet;

/// <summary>
/// The one contract every engine honours: a generated network and the generic engine alike. The
/// trainer, evaluation, checkpoints and the visualisations only ever see this interface.
/// </summary>
/// <remarks>
/// Buffers are the caller's: the engine allocates nothing per call. For one sample,
/// <c>input</c> holds <see cref="NetworkDescription.Input"/> units ([map][row][column]),
/// <c>activations</c> holds every layer's output (<see cref="NetworkDescription.ActivationCount"/>
/// floats, layer after layer, offsets in <see cref="LayerInfo.ActivationOffset"/>) and
/// <c>scratch</c> holds <see cref="ScratchLength"/> floats for the backward pass. Batched calls take
/// <c>batch</c> such blocks back to back.
/// </remarks>
public interface INetwork
{
    /// <summary>The layer list with shapes and offsets, as declared.</summary>
    NetworkDescription Description { get; }

    /// <summary>Floats of scratch one backward call needs (delta buffers).</summary>
    int ScratchLength { get; }

    /// <summary>Runs one sample forward, writing every layer's output into <paramref name="activations"/>.</summary>
    void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations);

    /// <summary>Runs <paramref name="batch"/> samples forward; sample <c>s</c> reads input block <c>s</c> and writes activation block <c>s</c>.</summary>
    void ForwardBatch(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations, int batch);

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> (dE/d of the last layer's outputs) through one
    /// sample whose forward pass left <paramref name="activations"/>, and <em>adds</em> dE/dparameters
    /// into <paramref name="gradient"/> (same layout as the parameters).
    /// </summary>
    void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch);

    /// <summary>
    /// <see cref="Backward"/> for <paramref name="batch"/> samples: output gradient block <c>s</c> belongs
    /// to sample <c>s</c>; all samples' parameter gradients are added into one <paramref name="gradient"/>.
    /// </summary>
    void BackwardBatch(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch, int batch);

    /// <summary>
    /// The paper's second-order pass (Appendix C): back-propagates a diagonal Gauss-Newton curvature
    /// <paramref name="outputCurvature"/> (d2E/dy2 of the last layer's outputs; for radial-basis outputs,
    /// the non-negative weight of each unit's squared distance) and <em>adds</em> the diagonal
    /// Gauss-Newton estimate of d2E/dw2 of every parameter into <paramref name="curvature"/>.
    /// </summary>
    void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch);
}
