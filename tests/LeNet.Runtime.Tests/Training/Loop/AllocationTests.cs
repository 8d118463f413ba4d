namespace LeNet.Training.Tests;

/// <summary>The trainer's own per-step work allocates nothing (measured with an engine that does no work).</summary>
public sealed class AllocationTests
{
    private static readonly Data.LabelledImages Train = SyntheticImages.Make(4000, seed: 51);
    private const int BatchSize = 4;
    /// <summary>The smallest object .NET allocates on a 64-bit machine: a step that allocated anything would cost at least this.</summary>
    private const long SmallestObject = 24;

    private static long AllocatedByTraining(int epochs, OptimizerKind optimizer)
    {
        var options = new TrainingOptions { Epochs = epochs, BatchSize = BatchSize, Threads = 2, Optimizer = optimizer, CurvatureSamples = 100 };
        var trainer = new Trainer(new IdleNetwork(TinyNetworks.Softmax()), options);
        trainer.Train(Train, null); // warm-up: JIT, lazily created buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        trainer.Train(Train, null);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Sdlm)]
    public void ExtraEpochsCostOnlyTheirReports(OptimizerKind optimizer)
    {
        const int extraEpochs = 4;
        long extra = AllocatedByTraining(1 + extraEpochs, optimizer) - AllocatedByTraining(1, optimizer);
        int extraSteps = extraEpochs * Train.Count / BatchSize;
        // The bound is half an object a step: the epochs' reports (about 2 KB each) and a one-time allocation seen
        // on a loaded machine (a few KB, when the two threads wait on each other) fit under it; one object a step does not.
        Assert.True(extra < extraSteps * SmallestObject / 2,
            $"{extraSteps} extra steps allocated {extra} bytes on the training thread");
    }

    /// <summary>An engine that computes nothing: uniform outputs, a constant gradient.</summary>
    private sealed class IdleNetwork(NetworkDescription description) : INetwork
    {
        public NetworkDescription Description => description;
        public int ScratchLength => 1;

        public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations) =>
            activations[description.OutputOffset..].Fill(1f / description.Output.Size);

        public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch) => gradient[0] += 1e-3f;

        public int BlockSize => 1;
        public int BlockScratchLength => 1;

        public void ForwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations) =>
            Forward(parameters, inputs, activations);

        public void BackwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch) =>
            Backward(parameters, inputs, activations, outputGradients, gradient, scratch);

        public void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch) => curvature[0] += 1f;
    }
}
