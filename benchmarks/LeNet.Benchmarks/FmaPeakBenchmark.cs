using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using LeNet.Cli.Benchmarking;

namespace LeNet.Benchmarks;

/// <summary>
/// This machine's FP32 FMA throughput (see <see cref="FmaPeak"/>): one loop iteration is
/// <see cref="FmaPeak.Accumulators"/> vector FMAs per thread; the GFLOP/s column is the ceiling the
/// network benchmarks are compared with (ceiling samples/s = peak / (2 x multiply-adds per sample)).
/// Vector512 is only listed where it is hardware-accelerated.
/// </summary>
[Config(typeof(FmaColumnsConfig))]
public class FmaPeakBenchmark
{
    /// <summary>Loop iterations per thread per invocation: tens of milliseconds, so starting threads is noise.</summary>
    public const int Iterations = 4_000_000;

    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount == 1 ? [1] : [1, Environment.ProcessorCount];

    public static IEnumerable<int> Widths => FmaPeak.WidestAccelerated == VectorWidth.Vector512 ? [256, 512] : [256];

    /// <summary>The vector width in bits: 256 or 512.</summary>
    [ParamsSource(nameof(Widths))]
    public int Bits { get; set; }

    internal static VectorWidth WidthOf(int bits) => bits == 512 ? VectorWidth.Vector512 : VectorWidth.Vector256;

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    /// <summary>Times are per loop iteration (of all threads together).</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public float Fma() => FmaPeak.RunParallel(WidthOf(Bits), Threads, Iterations);
}

/// <summary>The GFLOP/s column of <see cref="FmaPeakBenchmark"/>.</summary>
public sealed class FmaColumnsConfig : ManualConfig
{
    public FmaColumnsConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.Min, new ThroughputColumn("GFLOP/s",
        "FP32 GFLOP/s of all threads: threads x accumulators x lanes x 2 per iteration",
        (c, mean) => ThroughputColumn.Parameter<int>(c, "Bits") is int bits and > 0
            ? (double?)FmaPeak.FlopsPerIteration(FmaPeakBenchmark.WidthOf(bits)) * ThroughputColumn.Parameter<int>(c, "Threads") / mean
            : null,
        "0.0"));
}
