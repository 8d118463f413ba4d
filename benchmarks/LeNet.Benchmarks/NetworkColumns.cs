using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using LeNet.Cli.Benchmarking;
using LeNet.Models;

namespace LeNet.Benchmarks;

/// <summary>
/// Per-sample columns for benchmarks whose parameters are <c>Model</c> and <c>Batch</c> and whose
/// invocation processes one batch: time per sample, samples/s and the effective GFLOP/s.
/// </summary>
public static class NetworkColumns
{
    private const double NanosecondsPerSecond = 1e9, NanosecondsPerMicrosecond = 1e3;

    /// <summary>The columns for a workload costing <paramref name="multiplyAdds"/> per sample of a model.</summary>
    public static ManualConfig Config(Func<NetworkDescription, long> multiplyAdds) => ManualConfig.CreateEmpty().AddColumn(
        StatisticColumn.Median,
        new SpeedupColumn(),
        new ThroughputColumn("us/sample", "Median divided by the batch: microseconds per sample",
            (c, mean) => mean / Batch(c) / NanosecondsPerMicrosecond, "#,0.00"),
        new ThroughputColumn("Samples/s", "Samples per second on the whole benchmark (all its threads)",
            (c, mean) => Batch(c) * NanosecondsPerSecond / mean, "#,0"),
        new ThroughputColumn("GFLOP/s", "Effective GFLOP/s: 2 x multiply-adds per sample x samples/s",
            (c, mean) => Workload.FlopsPerMultiplyAdd * MultiplyAdds(c, multiplyAdds) * Batch(c) / mean, "0.00"));

    // Null (shown as "-") for a case without these parameters, as when --join puts every class in one table.
    private static int? Batch(BenchmarkCase c) => ThroughputColumn.Parameter<int>(c, "Batch");
    private static long? MultiplyAdds(BenchmarkCase c, Func<NetworkDescription, long> multiplyAdds) =>
        ThroughputColumn.Text(c, "Model") is { } model ? multiplyAdds(ModelCatalog.Find(model).Description) : null;
}

/// <summary>Per-sample columns for forward passes.</summary>
public sealed class ForwardColumnsConfig : ManualConfig
{
    public ForwardColumnsConfig() => Add(NetworkColumns.Config(Workload.ForwardMultiplyAdds));
}

/// <summary>Per-sample columns for training steps.</summary>
public sealed class TrainingColumnsConfig : ManualConfig
{
    public TrainingColumnsConfig() => Add(NetworkColumns.Config(Workload.TrainingMultiplyAdds));
}
