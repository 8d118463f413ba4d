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
/// <c>scratch</c> holds <see cref="ScratchLength"/> floats for the backward pass. A block of samples
/// (<see cref="ForwardBlock"/>, <see cref="BackwardBlock"/>) holds them in the SIMD lanes (<see cref="BlockLayout"/>).
/// </remarks>
public interface INetwork
{
    /// <summary>The layer list with shapes and offsets, as declared.</summary>
    NetworkDescription Description { get; }

    /// <summary>Floats of scratch one backward call needs (delta buffers).</summary>
    int ScratchLength { get; }

    /// <summary>Runs one sample forward, writing every layer's output into <paramref name="activations"/>.</summary>
    void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations);

    /// <summary>
    /// Runs one sample forward as <paramref name="step"/> says: a training pass draws its dropout
    /// masks from it, <see cref="TrainingStep.Evaluation"/> is <see cref="Forward"/>.
    /// A network without dropout runs the same either way, which is what this default does.
    /// </summary>
    void ForwardTraining(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations, TrainingStep step) =>
        Forward(parameters, input, activations);

    /// <summary>
    /// Back-propagates <paramref name="outputGradient"/> (dE/d of the last layer's outputs) through one
    /// sample whose forward pass left <paramref name="activations"/>, and <em>adds</em> dE/dparameters
    /// into <paramref name="gradient"/> (same layout as the parameters).
    /// </summary>
    void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch);

    /// <summary>
    /// Samples per block of the batched kernels: the lanes of the widest vector on the kernel path in
    /// use (16 for Vector512, 8 for Vector256), or 1 where a block is one sample.
    /// </summary>
    int BlockSize { get; }

    /// <summary>Floats of scratch one <see cref="BackwardBlock"/> call needs.</summary>
    int BlockScratchLength { get; }

    /// <summary>
    /// Runs one block of <see cref="BlockSize"/> samples forward with the samples in the SIMD lanes:
    /// <paramref name="inputs"/> holds <c>Input.Size x BlockSize</c> floats, unit after unit, each unit
    /// with one value per sample (<see cref="BlockLayout"/>); <paramref name="activations"/> receives
    /// <c>ActivationCount x BlockSize</c> floats in the same layout. Lanes a caller does not use
    /// (a batch's tail) hold any finite input and are computed like the others.
    /// </summary>
    void ForwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations);

    /// <summary>
    /// <see cref="ForwardBlock"/> as <paramref name="step"/> says
    /// (lane l is sample <see cref="TrainingStep.FirstSample"/> + l). A network without dropout runs the same either way, which is what this default does.
    /// </summary>
    void ForwardBlockTraining(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations, TrainingStep step) =>
        ForwardBlock(parameters, inputs, activations);

    /// <summary>
    /// Back-propagates one block whose <see cref="ForwardBlock"/> left <paramref name="activations"/>:
    /// <paramref name="outputGradients"/> holds <c>Output.Size x BlockSize</c> floats in the block
    /// layout, and the sum over the block's samples of dE/dparameters is <em>added</em> into
    /// <paramref name="gradient"/>. A lane whose output gradient is zero adds nothing, so a batch's
    /// tail is padded with zero output gradients.
    /// </summary>
    void BackwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch);

    /// <summary>
    /// The paper's second-order pass (Appendix C): back-propagates a diagonal Gauss-Newton curvature
    /// <paramref name="outputCurvature"/> (d2E/dy2 of the last layer's outputs; for radial-basis outputs,
    /// the non-negative weight of each unit's squared distance) and <em>adds</em> the diagonal
    /// Gauss-Newton estimate of d2E/dw2 of every parameter into <paramref name="curvature"/>.
    /// </summary>
    void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch);
}
