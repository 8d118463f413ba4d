using LeNet.Benchmarking;
using LeNet.Models;

namespace LeNet.Runtime.Tests.Benchmarking;

/// <summary>The benchmark training steps: the single-threaded step, the data-parallel one and their pieces.</summary>
public sealed class TrainingStepTests
{
    private const int Seed = 3;
    /// <summary>Splitting the batch only changes the order the gradient is summed in: float rounding, nothing more.</summary>
    private const float SumOrderTolerance = 1e-5f;

    [Theory]
    [InlineData("lenet5-classic", 5, 2)]
    [InlineData("lenet5-paper", 5, 3)]
    [InlineData("lenet5-classic", 2, 3)] // more workers than samples: one worker gets none
    public void DataParallelGradient_MatchesSingleThreadedGradient(string model, int batch, int workers)
    {
        INetwork network = ModelCatalog.Find(model).Create();
        NetworkDescription d = network.Description;
        float[] parameters = SyntheticData.Parameters(d, Seed), inputs = SyntheticData.Inputs(d, batch, Seed);
        int[] labels = SyntheticData.Labels(d, batch, Seed);

        var single = new TrainingStep(network, batch);
        single.ComputeGradient(parameters, inputs, labels);
        var parallel = new DataParallelStep(network, batch, workers);
        parallel.ComputeGradient(parameters, inputs, labels);

        float scale = MaxAbs(single.Gradient);
        Assert.True(scale > 0f, "the gradient should not be all zero");
        float worst = 0f;
        for (int i = 0; i < d.ParameterCount; i++) worst = MathF.Max(worst, MathF.Abs(single.Gradient[i] - parallel.Gradient[i]));
        Assert.True(worst <= SumOrderTolerance * scale, $"{model}: largest difference {worst} against gradient scale {scale}");
    }

    [Fact]
    public void DataParallelStep_IsBitReproducible()
    {
        INetwork network = ModelCatalog.Find("lenet5-classic").Create();
        NetworkDescription d = network.Description;
        const int batch = 7;
        float[] first = SyntheticData.Parameters(d, Seed), second = SyntheticData.Parameters(d, Seed);
        float[] inputs = SyntheticData.Inputs(d, batch, Seed);
        int[] labels = SyntheticData.Labels(d, batch, Seed);
        var step = new DataParallelStep(network, batch, workers: 3);
        for (int i = 0; i < 3; i++) step.Run(first, inputs, labels, rate: 0.05f);
        for (int i = 0; i < 3; i++) step.Run(second, inputs, labels, rate: 0.05f);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Run_SubtractsTheMeanGradientTimesTheRate()
    {
        INetwork network = ModelCatalog.Find("lenet5-classic").Create();
        NetworkDescription d = network.Description;
        const int batch = 4;
        const float rate = 0.5f;
        float[] parameters = SyntheticData.Parameters(d, Seed), before = (float[])parameters.Clone();
        float[] inputs = SyntheticData.Inputs(d, batch, Seed);
        int[] labels = SyntheticData.Labels(d, batch, Seed);
        var step = new TrainingStep(network, batch);

        step.Run(parameters, inputs, labels, rate);

        for (int i = 0; i < d.ParameterCount; i++)
            Assert.Equal(before[i] - rate / batch * step.Gradient[i], parameters[i], 1e-6f);
    }

    [Fact]
    public void Run_OneSample_FusedStepMatchesTheGenericEnginesStep()
    {
        ModelEntry entry = ModelCatalog.Find("lenet5-paper");
        NetworkDescription d = entry.Description;
        const float rate = 0.1f;
        float[] fused = SyntheticData.Parameters(d, Seed), unfused = (float[])fused.Clone();
        float[] input = SyntheticData.Inputs(d, 1, Seed);
        int[] label = SyntheticData.Labels(d, 1, Seed);

        new TrainingStep(entry.Create(), 1).Run(fused, input, label, rate);
        new TrainingStep(entry.CreateGeneric(), 1).Run(unfused, input, label, rate);

        Assert.IsAssignableFrom<IFusedSgdStep>(entry.Create());
        Assert.IsNotAssignableFrom<IFusedSgdStep>(entry.CreateGeneric());
        for (int i = 0; i < d.ParameterCount; i++)
            Assert.Equal(unfused[i], fused[i], 1e-5f);
    }

    [Fact]
    public void Training_LowersTheLossOnAFixedBatch()
    {
        INetwork network = ModelCatalog.Find("lenet5-classic").Create();
        NetworkDescription d = network.Description;
        const int batch = 8, steps = 20;
        float[] parameters = SyntheticData.Parameters(d, Seed), inputs = SyntheticData.Inputs(d, batch, Seed);
        int[] labels = SyntheticData.Labels(d, batch, Seed);
        var step = new DataParallelStep(network, batch, workers: 2);
        float before = CrossEntropy(network, parameters, inputs, labels);
        for (int i = 0; i < steps; i++) step.Run(parameters, inputs, labels, rate: 0.1f);
        float after = CrossEntropy(network, parameters, inputs, labels);
        Assert.True(after < before * 0.9f, $"cross-entropy went from {before} to {after}");
    }

    [Fact]
    public void ParallelInference_OutputsMatchForwardBatch()
    {
        INetwork network = ModelCatalog.Find("lenet5-paper").Create();
        NetworkDescription d = network.Description;
        const int batch = 5;
        float[] parameters = SyntheticData.Parameters(d, Seed), inputs = SyntheticData.Inputs(d, batch, Seed);
        var expected = new float[batch * d.ActivationCount];
        network.ForwardBatch(parameters, inputs, expected, batch);
        var inference = new ParallelInference(network, batch, workers: 2);
        inference.Run(parameters, inputs, batch);
        for (int s = 0; s < batch; s++)
            Assert.Equal(expected.AsSpan(s * d.ActivationCount + d.OutputOffset, d.Output.Size).ToArray(),
                inference.Outputs.Slice(s * d.Output.Size, d.Output.Size).ToArray());
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(2, 4)]
    [InlineData(64, 2)]
    public void BatchShards_CoverTheBatchContiguouslyAndEvenly(int batch, int workers)
    {
        int next = 0;
        var counts = new List<int>();
        for (int w = 0; w < workers; w++)
        {
            (int start, int count) = BatchShards.Of(batch, workers, w);
            Assert.Equal(next, start);
            next += count;
            counts.Add(count);
        }
        Assert.Equal(batch, next);
        Assert.True(counts.Max() - counts.Min() <= 1, $"shards {string.Join(",", counts)} are uneven");
    }

    private static float CrossEntropy(INetwork network, float[] parameters, float[] inputs, int[] labels)
    {
        NetworkDescription d = network.Description;
        var activations = new float[labels.Length * d.ActivationCount];
        network.ForwardBatch(parameters, inputs, activations, labels.Length);
        float loss = 0f;
        for (int s = 0; s < labels.Length; s++) loss -= MathF.Log(activations[s * d.ActivationCount + d.OutputOffset + labels[s]]);
        return loss / labels.Length;
    }

    private static float MaxAbs(ReadOnlySpan<float> values)
    {
        float max = 0f;
        foreach (float v in values) max = MathF.Max(max, MathF.Abs(v));
        return max;
    }
}
