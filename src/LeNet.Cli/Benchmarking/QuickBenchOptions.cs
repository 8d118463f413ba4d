namespace LeNet.Cli.Benchmarking;

/// <summary>How long and on what <see cref="QuickBench"/> measures.</summary>
internal sealed record QuickBenchOptions
{
    /// <summary>Shortest JIT warm-up: every operation is run in turn before anything is timed (see <see cref="JitWarmUp"/>).</summary>
    public TimeSpan JitWarmUpMinimum { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>The JIT warm-up ends once no method was compiled for this long.</summary>
    public TimeSpan JitQuietPeriod { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Longest JIT warm-up, for machines too busy to ever look quiet.</summary>
    public TimeSpan JitWarmUpMaximum { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Untimed running right before each measurement (caches, clock ramp-up).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Length of one timed run; the operation repeats until it is reached.</summary>
    public TimeSpan RunTime { get; init; } = TimeSpan.FromMilliseconds(60);
    /// <summary>Timed runs per measurement; the median is reported (odd counts give a true median).</summary>
    public int Runs { get; init; } = 5;
    /// <summary>Length of one <see cref="CoreCheck"/> probe around the timed runs of the all-cores rows.</summary>
    public TimeSpan CoreProbe { get; init; } = TimeSpan.FromMilliseconds(20);
    /// <summary>How long one measurement of an all-cores row waits, at most, for every thread to have a core; then its runs count as they come; 0 times every run as it comes.</summary>
    public TimeSpan CoreWait { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Workers of the all-cores rows; 0 means <see cref="Environment.ProcessorCount"/>.</summary>
    public int Threads { get; init; }
    /// <summary>Batch of the all-cores inference row.</summary>
    public int InferenceBatch { get; init; } = 64;
    /// <summary>Batch of the all-cores training row.</summary>
    public int TrainingBatch { get; init; } = 64;
    /// <summary>Synthetic images the training rows take their batches from in turn (see <see cref="SyntheticTraining"/>).</summary>
    public int TrainingSamples { get; init; } = SyntheticTraining.DefaultSamples;
    /// <summary>Learning rate of the training rows' SGD steps (applied to the mean gradient).</summary>
    public float LearningRate { get; init; } = 0.01f;
    /// <summary>Seed of the synthetic parameters, inputs and labels.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The effective worker count of the all-cores rows.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>Quick settings for a smoke test: a few milliseconds per measurement, numbers not meaningful.</summary>
    public static QuickBenchOptions Smoke { get; } = new()
    {
        JitWarmUpMinimum = TimeSpan.Zero, JitQuietPeriod = TimeSpan.Zero, JitWarmUpMaximum = TimeSpan.Zero,
        WarmUp = TimeSpan.FromMilliseconds(1), RunTime = TimeSpan.FromMilliseconds(1), Runs = 1, CoreWait = TimeSpan.Zero,
    };
}
