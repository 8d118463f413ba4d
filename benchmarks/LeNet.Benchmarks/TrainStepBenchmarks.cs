using BenchmarkDotNet.Attributes;
using LeNet.Benchmarking;
using LeNet.Models;

namespace LeNet.Benchmarks;

/// <summary>
/// One SGD step on one batch: forward, the <see cref="LossGradient"/> (softmax: cross-entropy, so
/// the softmax backward yields p - onehot; RBF: E = distance to the right centre), backward into a
/// gradient buffer, then the vectorised update p -= lr / batch * g. Single-threaded
/// (<see cref="TrainingStep"/>) and on every core (<see cref="DataParallelStep"/>: the batch split
/// over <see cref="Environment.ProcessorCount"/> workers, gradients reduced in worker order). The
/// baseline is the generic engine on one thread; the parameters keep training across invocations.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TrainingColumnsConfig))]
public class TrainStepBenchmarks
{
    private const int Seed = 1;
    private const float LearningRate = 0.01f;
    private float[] _genericParameters = null!, _generatedParameters = null!, _inputs = null!;
    private int[] _labels = null!;
    private TrainingStep _generic = null!, _generated = null!;
    private DataParallelStep _genericParallel = null!, _generatedParallel = null!;

    [Params("lenet5-classic", "lenet5-paper")]
    public string Model { get; set; } = "";

    [Params(1, 16, 64, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ModelEntry entry = ModelCatalog.Find(Model);
        NetworkDescription d = entry.Description;
        _genericParameters = SyntheticData.Parameters(d, Seed);
        _generatedParameters = SyntheticData.Parameters(d, Seed);
        _inputs = SyntheticData.Inputs(d, Batch, Seed);
        _labels = SyntheticData.Labels(d, Batch, Seed);
        _generic = new TrainingStep(entry.CreateGeneric(), Batch);
        _generated = new TrainingStep(entry.Create(), Batch);
        _genericParallel = new DataParallelStep(entry.CreateGeneric(), Batch);
        _generatedParallel = new DataParallelStep(entry.Create(), Batch);
    }

    [Benchmark(Baseline = true)]
    public void Generic() => _generic.Run(_genericParameters, _inputs, _labels, LearningRate);

    [Benchmark]
    public void Generated() => _generated.Run(_generatedParameters, _inputs, _labels, LearningRate);

    [Benchmark]
    public void GenericAllCores() => _genericParallel.Run(_genericParameters, _inputs, _labels, LearningRate);

    [Benchmark]
    public void GeneratedAllCores() => _generatedParallel.Run(_generatedParameters, _inputs, _labels, LearningRate);
}
