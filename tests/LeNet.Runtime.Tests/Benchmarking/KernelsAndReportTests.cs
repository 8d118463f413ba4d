using LeNet.Benchmarking;
using LeNet.Engine;
using LeNet.Models;

namespace LeNet.Runtime.Tests.Benchmarking;

/// <summary>The loss gradient, the update kernels, the workload figures, the FMA kernel and the quick summary.</summary>
public sealed class KernelsAndReportTests
{
    [Fact]
    public void SoftmaxCrossEntropyGradient_BecomesProbabilitiesMinusOneHotThroughTheSoftmax()
    {
        var description = new NetworkDescription("softmax-only", new Shape(4, 1, 1), [new LayerDeclaration(LayerKind.Softmax, "OUT", 4)]);
        var network = new GenericNetwork(description);
        float[] input = [0.5f, -1f, 2f, 0.1f], probabilities = new float[4], outputGradient = new float[4];
        network.Forward([], input, probabilities);
        const int label = 2;

        LossGradient.Write(LayerKind.Softmax, probabilities, label, outputGradient);

        Assert.Equal(-1f / probabilities[label], outputGradient[label], 1e-6f);
        // The softmax Jacobian applied to it, p_i (g_i - sum_k g_k p_k), is the familiar p - onehot.
        float dot = 0f;
        for (int k = 0; k < 4; k++) dot += outputGradient[k] * probabilities[k];
        for (int i = 0; i < 4; i++)
            Assert.Equal(probabilities[i] - (i == label ? 1f : 0f), probabilities[i] * (outputGradient[i] - dot), 1e-6f);
    }

    [Fact]
    public void RadialBasisGradient_IsOneHot()
    {
        float[] output = [3f, 1f, 4f], gradient = [9f, 9f, 9f];
        LossGradient.Write(LayerKind.RadialBasis, output, 1, gradient);
        Assert.Equal([0f, 1f, 0f], gradient);
    }

    [Fact]
    public void LossGradient_RejectsALabelOutsideTheOutputs()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LossGradient.Write(LayerKind.Softmax, new float[10], 10, new float[10]));
        Assert.Contains("10 outputs", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(23)] // vector body and scalar tail
    [InlineData(61706)]
    public void SgdAndAdd_MatchScalarArithmetic(int length)
    {
        float[] parameters = Enumerable.Range(0, length).Select(i => i * 0.25f).ToArray();
        float[] gradient = Enumerable.Range(0, length).Select(i => 1f - i * 0.5f).ToArray();
        float[] sum = (float[])parameters.Clone();

        ParameterUpdate.Sgd(parameters, gradient, 0.5f);
        ParameterUpdate.Add(sum, gradient);

        for (int i = 0; i < length; i++)
        {
            Assert.Equal(i * 0.25f - 0.5f * (1f - i * 0.5f), parameters[i], 1e-3f);
            Assert.Equal(i * 0.25f + (1f - i * 0.5f), sum[i], 1e-3f);
        }
    }

    [Fact]
    public void Workload_ClassicMatchesThePublishedCounts()
    {
        NetworkDescription classic = ModelCatalog.Find("lenet5-classic").Description;
        Assert.Equal(416_520, Workload.ForwardMultiplyAdds(classic));
        Assert.Equal(1_131_960, Workload.TrainingMultiplyAdds(classic));
        // 100 GFLOP/s over 2 x 416,520 FLOP per image.
        Assert.Equal(120_042.2, Workload.CeilingSamplesPerSecond(100e9, 416_520), 0.1);
    }

    [Fact]
    public void FmaKernel_ConvergesAndCountsItsFlops()
    {
        Assert.Equal(12 * 8 * 2, FmaPeak.FlopsPerIteration(VectorWidth.Vector256));
        // Every lane of every accumulator converges to Drift / (1 - Decay) = 1.
        float checksum = FmaPeak.RunParallel(VectorWidth.Vector256, threads: 2, iterations: 100_000);
        Assert.Equal(2 * FmaPeak.Accumulators * 8, checksum, 0.01f);
    }

    [Fact]
    public void QuickBench_ReportsEveryRowWithoutAllocatingInTheGeneratedEngine()
    {
        ModelEntry model = ModelCatalog.Find("lenet5-classic");
        QuickBenchOptions options = QuickBenchOptions.Smoke with { InferenceBatch = 4, TrainingBatch = 4, Threads = 2 };

        QuickBenchReport report = QuickBench.Run(model.Create(), model.CreateGeneric(), options);

        Assert.Equal(4, report.Rows.Count);
        Assert.All(report.Rows, row => Assert.True(row.Generated.CallsPerSecond > 0 && row.Generic.CallsPerSecond > 0, row.Workload));
        Assert.All(report.Rows.Where(r => r.AllocationsMeasured), row => Assert.Equal(0, row.Generated.AllocatedBytesPerCall));
        Assert.True(report.PeakGflopsOneThread > 0);
        string table = report.Format();
        Assert.Contains("lenet5-classic", table);
        Assert.Contains("training, batch 4, 2 threads", table);
        Assert.Contains("µs/image", table);
    }

    [Fact]
    public void QuickBench_RejectsEnginesOfDifferentNetworks()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            QuickBench.Run(ModelCatalog.Find("lenet5-classic").Create(), ModelCatalog.Find("lenet5-paper").CreateGeneric(), QuickBenchOptions.Smoke));
        Assert.Contains("different networks", error.Message);
    }
}
