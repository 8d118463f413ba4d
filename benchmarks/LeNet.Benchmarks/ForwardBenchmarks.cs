using BenchmarkDotNet.Attributes;
using LeNet.Benchmarking;
using LeNet.Models;

namespace LeNet.Benchmarks;

/// <summary>
/// Inference: <see cref="INetwork.ForwardBatch"/> of one batch on one thread, the generic engine
/// (baseline) against the generated one. One invocation is one batch; per-sample figures are in the
/// custom columns.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ForwardColumnsConfig))]
public class ForwardBenchmarks
{
    private const int Seed = 1;
    private INetwork _generated = null!, _generic = null!;
    private float[] _parameters = null!, _inputs = null!, _activations = null!;

    [Params("lenet5-classic", "lenet5-paper")]
    public string Model { get; set; } = "";

    [Params(1, 64, 1000)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ModelEntry entry = ModelCatalog.Find(Model);
        _generated = entry.Create();
        _generic = entry.CreateGeneric();
        NetworkDescription d = entry.Description;
        _parameters = SyntheticData.Parameters(d, Seed);
        _inputs = SyntheticData.Inputs(d, Batch, Seed);
        _activations = new float[Batch * d.ActivationCount];
    }

    [Benchmark(Baseline = true)]
    public void Generic() => _generic.ForwardBatch(_parameters, _inputs, _activations, Batch);

    [Benchmark]
    public void Generated() => _generated.ForwardBatch(_parameters, _inputs, _activations, Batch);
}
