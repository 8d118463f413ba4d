using LeNet.Cli.Benchmarking;
using LeNet.Models;

namespace LeNet.Cli.Tests.Benchmarking;

/// <summary>The workload figures, the FMA kernel and the quick summary.</summary>
public sealed class KernelsAndReportTests
{
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

        Assert.Equal(5, report.Rows.Count);
        Assert.All(report.Rows, row => Assert.True(row.Generated.CallsPerSecond > 0 && row.Generic.CallsPerSecond > 0, row.Workload));
        Assert.True(report.ThreadScaling() > 0);
        Assert.All(report.Rows.Where(r => r.AllocationsMeasured), row => Assert.Equal(0, row.Generated.AllocatedBytesPerCall));
        Assert.True(report.PeakGflopsOneThread > 0);
        string table = report.Format();
        Assert.Contains("lenet5-classic", table);
        Assert.Contains("training, batch 4, 2 threads", table);
        Assert.Contains("training, batch 4, 1 thread", table);
        Assert.Contains("Training at the same batch on 2 threads:", table);
        Assert.Contains("µs/image", table);
    }

    [Fact]
    public void RateMeter_SetsAsideRunsWithoutACoreForEveryThread()
    {
        var options = QuickBenchOptions.Smoke with { Runs = 3, CoreWait = TimeSpan.FromMinutes(1) };
        // Before run 1: free; after it: taken (set aside); then free until the end.
        var answers = new Queue<bool>([true, false, true, true, true, true, true]);
        int calls = 0;
        Measurement m = RateMeter.Measure(() => calls++, options, () => answers.Dequeue());
        Assert.Equal(1, m.RunsSetAside);
        Assert.False(m.GaveUpWaiting);
        Assert.True(m.CallsPerSecond > 0);
        // Checks: before run 1, after it (taken), before run 2 (free again), after runs 2, 3 and 4.
        Assert.Single(answers);

        Measurement untested = RateMeter.Measure(() => calls++, options with { CoreWait = TimeSpan.Zero }, () => throw new InvalidOperationException("not to be called"));
        Assert.Equal(0, untested.RunsSetAside);
    }

    [Fact]
    public void RateMeter_CountsRunsAsTheyComeOnceTheWaitIsOver()
    {
        var options = QuickBenchOptions.Smoke with { Runs = 3, CoreWait = TimeSpan.FromMilliseconds(50) };
        Measurement m = RateMeter.Measure(() => { }, options, () => false);
        Assert.True(m.GaveUpWaiting);
        Assert.True(m.CallsPerSecond > 0);
    }

    [Fact]
    public void QuickBench_RejectsEnginesOfDifferentNetworks()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            QuickBench.Run(ModelCatalog.Find("lenet5-classic").Create(), ModelCatalog.Find("lenet5-paper").CreateGeneric(), QuickBenchOptions.Smoke));
        Assert.Contains("different networks", error.Message);
    }
}
