namespace LeNet;

/// <summary>
/// An engine that can apply one plain SGD step for one sample inside its backward pass, with no
/// gradient buffer: parameters -= learningRate * dE/dparameters. The generated networks implement
/// it; the generic engine does not (it is kept simple as the oracle).
/// </summary>
/// <remarks>
/// Back-propagation is linear in the output gradient, so seeding it with -learningRate * dE/dy and
/// adding every contribution straight into the parameters is exactly the SGD step, provided each
/// layer reads a parameter before anything is added into it. The generated kernels keep that
/// order (input deltas before weight gradients). A one-sample step then touches the parameters once
/// instead of clearing a gradient buffer, filling it and streaming both through an update.
/// </remarks>
public interface IFusedSgdStep
{
    /// <summary>
    /// One SGD step for the sample whose forward pass left <paramref name="activations"/>: back-propagates
    /// <paramref name="outputGradient"/> (dE/d of the last layer's outputs) and subtracts
    /// <paramref name="learningRate"/> times dE/dparameters from <paramref name="parameters"/>.
    /// </summary>
    void SgdStep(Span<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradient, float learningRate, Span<float> scratch);
}
