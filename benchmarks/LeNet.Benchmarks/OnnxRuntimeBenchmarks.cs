using BenchmarkDotNet.Attributes;
using LeNet.Cli.Benchmarking;
using LeNet.Models;

namespace LeNet.Benchmarks;

/// <summary>
/// Inference of one batch of the classic LeNet-5 exported to ONNX (<c>lenet export</c>) and run by
/// ONNX Runtime, beside the generated engine on the same batch (<see cref="ParallelInference"/>), on one
/// thread and on every core; ONNX Runtime on one thread is the baseline. One invocation is one batch.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ForwardColumnsConfig))]
public class OnnxRuntimeBenchmarks
{
    private const int Seed = 1;
    private OnnxRuntimeInference _onnx = null!, _onnxAllCores = null!;
    private ParallelInference _generated = null!, _generatedAllCores = null!;
    private float[] _parameters = null!, _inputs = null!;

    [Params("lenet5-classic")]
    public string Model { get; set; } = "";

    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ModelEntry entry = ModelCatalog.Find(Model);
        NetworkDescription d = entry.Description;
        _parameters = SyntheticData.Parameters(d, Seed);
        _inputs = SyntheticData.Inputs(d, Batch, Seed);
        _onnx = new OnnxRuntimeInference(d, _parameters, _inputs, Batch, threads: 1);
        _onnxAllCores = new OnnxRuntimeInference(d, _parameters, _inputs, Batch, Environment.ProcessorCount);
        _generated = new ParallelInference(entry.Create(), Batch, workers: 1);
        _generatedAllCores = new ParallelInference(entry.Create(), Batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx.Dispose();
        _onnxAllCores.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void OnnxRuntime() => _onnx.Run();

    [Benchmark]
    public void OnnxRuntimeAllCores() => _onnxAllCores.Run();

    [Benchmark]
    public void Generated() => _generated.Run(_parameters, _inputs, Batch);

    [Benchmark]
    public void GeneratedAllCores() => _generatedAllCores.Run(_parameters, _inputs, Batch);
}
