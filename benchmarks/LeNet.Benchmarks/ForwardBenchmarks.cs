using BenchmarkDotNet.Attributes;
using LeNet.Cli.Benchmarking;
using LeNet.Models;

namespace LeNet.Benchmarks;

/// <summary>
/// Inference of one batch, images in and class scores out (<see cref="ParallelInference"/>, a block
/// of samples at a time): on one thread and split over every core, the generic engine on one
/// thread being the baseline of every row. One invocation is one batch; per-sample figures are in
/// the custom columns.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ForwardColumnsConfig))]
public class ForwardBenchmarks
{
    private const int Seed = 1;
    private ParallelInference _generated = null!, _generic = null!, _generatedAllCores = null!, _genericAllCores = null!;
    private float[] _parameters = null!, _inputs = null!;

    [Params("lenet5-classic", "lenet5-paper")]
    public string Model { get; set; } = "";

    [Params(1, 64, 1000)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ModelEntry entry = ModelCatalog.Find(Model);
        _generated = new ParallelInference(entry.Create(), Batch, workers: 1);
        _generic = new ParallelInference(entry.CreateGeneric(), Batch, workers: 1);
        _generatedAllCores = new ParallelInference(entry.Create(), Batch);
        _genericAllCores = new ParallelInference(entry.CreateGeneric(), Batch);
        NetworkDescription d = entry.Description;
        _parameters = SyntheticData.Parameters(d, Seed);
        _inputs = SyntheticData.Inputs(d, Batch, Seed);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generated.Dispose();
        _generic.Dispose();
        _generatedAllCores.Dispose();
        _genericAllCores.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Generic() => _generic.Run(_parameters, _inputs, Batch);

    [Benchmark]
    public void Generated() => _generated.Run(_parameters, _inputs, Batch);

    [Benchmark]
    public void GenericAllCores() => _genericAllCores.Run(_parameters, _inputs, Batch);

    [Benchmark]
    public void GeneratedAllCores() => _generatedAllCores.Run(_parameters, _inputs, Batch);
}
