namespace LeNet.Training;

/// <summary>
/// A batch of ready-made inputs (floats, sample after sample) run through a <see cref="BlockWorkspace"/>:
/// how a batch of inputs runs on the block kernels (the benchmarks' parallel inference) and what the tests
/// check the block kernels with.
/// </summary>
internal static class BlockBatch
{
    /// <summary>
    /// Runs samples [<paramref name="first"/>, + <paramref name="count"/>) of <paramref name="inputs"/>
    /// forward and writes each one's outputs (or, with <paramref name="everyActivation"/>, all its
    /// activations) into <paramref name="results"/>, sample after sample, at the same sample index.
    /// </summary>
    public static void Forward(BlockWorkspace workspace, ReadOnlySpan<float> parameters, ReadOnlyMemory<float> inputs,
        Memory<float> results, int first, int count, bool everyActivation = false)
    {
        var samples = new InferenceSamples(inputs, workspace.InputSize, results, everyActivation);
        workspace.Infer(ref samples, first, count, parameters);
    }

    /// <summary>
    /// Runs samples [<paramref name="first"/>, + <paramref name="count"/>) of <paramref name="inputs"/>
    /// forward and back-propagates each one's row of <paramref name="outputGradients"/>, adding the sum
    /// of their parameter gradients into <paramref name="gradient"/>.
    /// </summary>
    public static void Backward(BlockWorkspace workspace, ReadOnlySpan<float> parameters, ReadOnlyMemory<float> inputs,
        ReadOnlyMemory<float> outputGradients, Span<float> gradient, int first, int count)
    {
        var samples = new GivenGradients(inputs, workspace.InputSize, outputGradients);
        workspace.Train(ref samples, first, count, parameters, gradient);
    }

    private readonly struct InferenceSamples(ReadOnlyMemory<float> inputs, int inputSize, Memory<float> results, bool everyActivation)
        : IInferenceSamples
    {
        public void Encode(int sample, Span<float> input) => inputs.Span.Slice(sample * inputSize, inputSize).CopyTo(input);

        public void Read(int sample, BlockWorkspace workspace, int lane)
        {
            if (everyActivation)
            {
                int size = workspace.Activations.Length / workspace.BlockSize;
                workspace.LoadActivations(lane, results.Span.Slice(sample * size, size));
                return;
            }
            ReadOnlySpan<float> output = workspace.LoadOutput(lane);
            output.CopyTo(results.Span.Slice(sample * output.Length, output.Length));
        }
    }

    private readonly struct GivenGradients(ReadOnlyMemory<float> inputs, int inputSize, ReadOnlyMemory<float> outputGradients) : ITrainingSamples
    {
        public void Encode(int sample, Span<float> input) => inputs.Span.Slice(sample * inputSize, inputSize).CopyTo(input);

        public bool Seed(int sample, ReadOnlySpan<float> output, Span<float> outputGradient)
        {
            outputGradients.Span.Slice(sample * output.Length, output.Length).CopyTo(outputGradient);
            return true;
        }

        public TrainingStep Step(int sample) => TrainingStep.Evaluation;
    }
}
