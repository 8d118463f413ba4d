using BenchmarkDotNet.Attributes;
using LeNet.Cli.Benchmarking;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Benchmarks;

/// <summary>
/// One training step on one batch: <see cref="Trainer"/>'s own step, the one <c>lenet train</c>
/// runs (forward a block at a time, the trainer's loss, backward, the gradient reduced and the SGD
/// update applied by every worker on its slice of the parameters), each invocation on the next batch
/// of a pool of synthetic images (<see cref="SyntheticTraining"/>). SGD with the trainer's default momentum; one sample is plain SGD, which
/// the generated engines run as their fused step. On one thread and on every core
/// (<see cref="Environment.ProcessorCount"/> workers); the baseline is the generic engine on one
/// thread. The parameters keep training across invocations.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TrainingColumnsConfig))]
public class TrainStepBenchmarks
{
    private const int Seed = 1;
    private const float LearningRate = 0.01f;
    private SyntheticTraining _generic = null!, _generated = null!, _genericAllCores = null!, _generatedAllCores = null!;

    [Params("lenet5-classic", "lenet5-paper")]
    public string Model { get; set; } = "";

    [Params(1, 16, 64, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ModelEntry entry = ModelCatalog.Find(Model);
        _generic = Steps(entry.CreateGeneric(), 1);
        _generated = Steps(entry.Create(), 1);
        _genericAllCores = Steps(entry.CreateGeneric(), Environment.ProcessorCount);
        _generatedAllCores = Steps(entry.Create(), Environment.ProcessorCount);
    }

    private SyntheticTraining Steps(INetwork engine, int threads) => new(engine, new TrainingOptions
    {
        BatchSize = Batch, Threads = threads, LearningRate = LearningRate, Seed = Seed,
        Momentum = Batch == 1 ? 0f : SgdOptimizer.DefaultMomentum,
    });

    [GlobalCleanup]
    public void Cleanup()
    {
        _generic.Dispose();
        _generated.Dispose();
        _genericAllCores.Dispose();
        _generatedAllCores.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Generic() => _generic.Step();

    [Benchmark]
    public void Generated() => _generated.Step();

    [Benchmark]
    public void GenericAllCores() => _genericAllCores.Step();

    [Benchmark]
    public void GeneratedAllCores() => _generatedAllCores.Step();
}
