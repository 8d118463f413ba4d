using LeNet.Cli.Benchmarking;
using LeNet.Models;

namespace LeNet.Cli.Tests.Benchmarking;

/// <summary>The inference the benchmarks time: a batch across the crew, block kernels, no allocation.</summary>
public sealed class ParallelInferenceTests
{
    private const int Seed = 3;
    /// <summary>The block kernels sum in another order than the one-sample ones: equal to the last float bits.</summary>
    private const float Tolerance = 1e-5f;

    [Fact]
    public void ParallelInference_OutputsMatchOneSampleForward()
    {
        INetwork network = ModelCatalog.Find("lenet5-paper").Create();
        NetworkDescription d = network.Description;
        const int batch = 5;
        float[] parameters = SyntheticData.Parameters(d, Seed), inputs = SyntheticData.Inputs(d, batch, Seed);
        using var inference = new ParallelInference(network, batch, workers: 2);
        inference.Run(parameters, inputs, batch);
        float[] activations = new float[d.ActivationCount];
        for (int s = 0; s < batch; s++)
        {
            network.Forward(parameters, inputs.AsSpan(s * d.Input.Size, d.Input.Size), activations);
            ReadOnlySpan<float> expected = activations.AsSpan(d.OutputOffset, d.Output.Size);
            ReadOnlySpan<float> actual = inference.Outputs.Slice(s * d.Output.Size, d.Output.Size);
            float scale = 1f;
            foreach (float value in expected) scale = MathF.Max(scale, MathF.Abs(value));
            for (int i = 0; i < expected.Length; i++)
                Assert.True(MathF.Abs(expected[i] - actual[i]) <= Tolerance * scale, $"sample {s}, unit {i}: {expected[i]:R} against {actual[i]:R}");
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) inference.Run(parameters, inputs, batch);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
