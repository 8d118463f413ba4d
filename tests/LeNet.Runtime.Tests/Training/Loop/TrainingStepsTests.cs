using LeNet.Data;
using LeNet.Engine;
using LeNet.Models;

namespace LeNet.Training.Tests;

/// <summary>The trainer's step run on given samples (<see cref="Trainer.BeginSteps"/>), as the benchmarks time it.</summary>
public sealed class TrainingStepsTests
{
    private const int Seed = 3;
    /// <summary>Splitting the batch only changes the order the gradient is summed in: float rounding, nothing more.</summary>
    private const float SumOrderTolerance = 1e-5f;

    private static TrainingOptions PlainSgd(int batch, int threads, float rate = 0.05f) =>
        new() { BatchSize = batch, Threads = threads, LearningRate = rate, Momentum = 0f, Seed = Seed };

    private static float[] AfterSteps(INetwork network, TrainingOptions options, LabelledImages data, int steps)
    {
        var trainer = new Trainer(network, options);
        using Trainer.TrainingSteps run = trainer.BeginSteps(data);
        ReadOnlyMemory<int> indices = Enumerable.Range(0, data.Count).ToArray();
        for (int i = 0; i < steps; i++) run.Step(indices, options.LearningRate);
        return trainer.Parameters.ToArray();
    }

    [Theory]
    [InlineData("lenet5-classic", 5, 2, OptimizerKind.Sgd)]
    [InlineData("lenet5-paper", 5, 3, OptimizerKind.Sgd)]
    [InlineData("lenet5-classic", 2, 3, OptimizerKind.Sgd)] // more workers than blocks: some get none
    [InlineData("lenet5-classic", 6, 2, OptimizerKind.Adam)]
    [InlineData("lenet5-paper", 6, 3, OptimizerKind.Sdlm)]
    public void SeveralWorkers_TakeTheStepOneWorkerTakes(string model, int batch, int workers, OptimizerKind optimizer)
    {
        INetwork network = ModelCatalog.Find(model).Create();
        LabelledImages data = SyntheticImages.Uniform(network.Description, batch, Seed);
        TrainingOptions Options(int threads) => PlainSgd(batch, threads, 0.01f) with { Optimizer = optimizer };
        float[] initial = new Trainer(network, Options(1)).Parameters.ToArray();
        float[] one = AfterSteps(network, Options(1), data, 2);
        float[] several = AfterSteps(network, Options(workers), data, 2);

        float scale = 0f, worst = 0f;
        for (int i = 0; i < one.Length; i++)
        {
            scale = MathF.Max(scale, MathF.Abs(one[i] - initial[i]));
            worst = MathF.Max(worst, MathF.Abs(one[i] - several[i]));
        }
        Assert.True(scale > 0f, "the steps should move the parameters");
        // Adam divides by the root of the second moment, which magnifies the rounding of tiny gradients.
        float tolerance = optimizer == OptimizerKind.Adam ? 1e-3f : SumOrderTolerance;
        Assert.True(worst <= tolerance * scale + 1e-7f, $"{model} {optimizer}: largest difference {worst} against steps of {scale}");
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    public void Steps_AreBitReproducible(OptimizerKind optimizer)
    {
        INetwork network = ModelCatalog.Find("lenet5-classic").Create();
        LabelledImages data = SyntheticImages.Uniform(network.Description, 7, Seed);
        var options = new TrainingOptions { BatchSize = 7, Threads = 3, LearningRate = 0.01f, Optimizer = optimizer, Seed = Seed };
        Assert.Equal(AfterSteps(network, options, data, 3), AfterSteps(network, options, data, 3));
    }

    [Fact]
    public void PlainSgdStep_SubtractsTheMeanGradientTimesTheRate()
    {
        var network = new GenericNetwork(TinyNetworks.Softmax());
        NetworkDescription d = network.Description;
        LabelledImages data = SyntheticImages.Make(5, seed: 8);
        const float rate = 0.5f;
        var trainer = new Trainer(network, PlainSgd(5, 2, rate));
        float[] before = trainer.Parameters.ToArray();

        float[] sum = new float[d.ParameterCount], activations = new float[d.ActivationCount], input = new float[d.Input.Size];
        float[] outputGradient = new float[d.Output.Size], scratch = new float[network.ScratchLength];
        var encoder = new InputEncoder(d.Input, data.Rows, data.Columns);
        for (int s = 0; s < data.Count; s++)
        {
            encoder.Encode(data.Image(s), input);
            network.Forward(before, input, activations);
            trainer.Loss.Loss(activations.AsSpan(d.OutputOffset, d.Output.Size), data.Labels[s], outputGradient);
            network.Backward(before, input, activations, outputGradient, sum, scratch);
        }

        using (Trainer.TrainingSteps steps = trainer.BeginSteps(data))
            steps.Step(new[] { 0, 1, 2, 3, 4 }, rate);

        for (int i = 0; i < d.ParameterCount; i++)
            Assert.Equal(before[i] - rate * (sum[i] / data.Count), trainer.Parameters.Span[i], 1e-5f);
    }

    [Fact]
    public void OneSampleWithPlainSgd_IsTheEnginesFusedStep()
    {
        ModelEntry entry = ModelCatalog.Find("lenet5-paper");
        LabelledImages data = SyntheticImages.Uniform(entry.Description, 1, Seed);
        var probe = new FusedProbe(entry.Create());
        float[] fused = AfterSteps(probe, PlainSgd(1, 2, 0.1f), data, 1);
        float[] unfused = AfterSteps(entry.CreateGeneric(), PlainSgd(1, 2, 0.1f), data, 1);

        Assert.Equal(1, probe.FusedSteps);
        for (int i = 0; i < fused.Length; i++) Assert.Equal(unfused[i], fused[i], 1e-5f);

        // With momentum the optimizer's state matters: no fused step.
        AfterSteps(probe, PlainSgd(1, 1, 0.1f) with { Momentum = 0.9f }, data, 1);
        Assert.Equal(1, probe.FusedSteps);
    }

    [Fact]
    public void Steps_LowerTheLossOnAFixedBatch()
    {
        INetwork network = ModelCatalog.Find("lenet5-classic").Create();
        LabelledImages data = SyntheticImages.Uniform(network.Description, 8, Seed);
        var trainer = new Trainer(network, new TrainingOptions { BatchSize = 8, Threads = 2, LearningRate = 0.05f, Seed = Seed });
        using Trainer.TrainingSteps steps = trainer.BeginSteps(data);
        ReadOnlyMemory<int> all = Enumerable.Range(0, 8).ToArray();
        double first = steps.Step(all, 0.05f).MeanLoss, last = first;
        for (int i = 0; i < 20; i++) last = steps.Step(all, 0.05f).MeanLoss;
        Assert.True(last < first * 0.9, $"the mean loss went from {first} to {last}");
    }

    [Fact]
    public void WiderBlocks_TrainLikeOneSampleBlocks()
    {
        LabelledImages train = SyntheticImages.Make(60, seed: 9);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 7, Threads = 2, LearningRate = 0.02f, Seed = Seed };
        var narrow = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), options);
        var wide = new Trainer(new WideBlockNetwork(new GenericNetwork(TinyNetworks.Softmax()), 4), options);
        narrow.Train(train, null);
        wide.Train(train, null);
        for (int i = 0; i < narrow.Parameters.Length; i++) Assert.Equal(narrow.Parameters.Span[i], wide.Parameters.Span[i], 1e-4f);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.999f)] // the moving average of the parameters too
    public void Steps_AllocateNothing(float averageDecay)
    {
        INetwork network = ModelCatalog.Find("lenet5-classic").Create();
        LabelledImages data = SyntheticImages.Uniform(network.Description, 20, Seed);
        var trainer = new Trainer(network, new TrainingOptions { BatchSize = 20, Threads = 2, LearningRate = 0.001f, Seed = Seed, AverageDecay = averageDecay });
        using Trainer.TrainingSteps steps = trainer.BeginSteps(data);
        ReadOnlyMemory<int> all = Enumerable.Range(0, 20).ToArray();
        for (int i = 0; i < 3; i++) steps.Step(all, 0.001f);
        // A step that allocated would allocate in every round. One round once allocated 3,296 bytes in a CI run on a
        // loaded machine (two threads waiting on each other), never again: the quietest of three rounds is what counts.
        long fewest = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) steps.Step(all, 0.001f);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }

    [Fact]
    public void Steps_RejectSamplesOutsideTheDataAndASecondOpening()
    {
        var trainer = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), PlainSgd(2, 1));
        using Trainer.TrainingSteps steps = trainer.BeginSteps(SyntheticImages.Make(4, seed: 1));
        var error = Assert.Throws<ArgumentException>(() => steps.Step(new[] { 0, 4 }, 0.1f));
        Assert.Contains("Index 4", error.Message);
        Assert.Throws<InvalidOperationException>(() => trainer.BeginSteps(SyntheticImages.Make(4, seed: 1)));
    }

    /// <summary>An engine that counts the fused steps it is asked for.</summary>
    private sealed class FusedProbe(INetwork inner) : INetwork, IFusedSgdStep
    {
        public int FusedSteps { get; private set; }
        public NetworkDescription Description => inner.Description;
        public int ScratchLength => inner.ScratchLength;
        public int BlockSize => inner.BlockSize;
        public int BlockScratchLength => inner.BlockScratchLength;

        public void SgdStep(Span<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputGradient, float learningRate, Span<float> scratch)
        {
            FusedSteps++;
            ((IFusedSgdStep)inner).SgdStep(parameters, input, activations, outputGradient, learningRate, scratch);
        }

        public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations) => inner.Forward(parameters, input, activations);
        public void ForwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations) => inner.ForwardBlock(parameters, inputs, activations);
        public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch) => inner.Backward(parameters, input, activations, outputGradient, gradient, scratch);
        public void BackwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch) => inner.BackwardBlock(parameters, inputs, activations, outputGradients, gradient, scratch);
        public void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch) => inner.BackwardCurvature(parameters, input, activations, outputCurvature, curvature, scratch);
    }
}
