using Google.Protobuf;
using LeNet.Export;
using Microsoft.ML.OnnxRuntime;

namespace LeNet.Benchmarks;

/// <summary>
/// A network exported with <see cref="OnnxExport"/> and run by ONNX Runtime (CPU, all graph
/// optimisations) on a fixed batch, input and output bound once so that a call allocates no tensors:
/// the reference the generated engine is compared with in <see cref="LeNet.Benchmarks.OnnxRuntimeBenchmarks"/>.
/// The model is the export's network without its picture encoding (input: the encoded field, as the
/// generated engine takes it), so both sides compute the same thing.
/// </summary>
internal sealed class OnnxRuntimeInference : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly OrtValue _input, _output;
    private readonly RunOptions _run = new();
    private readonly string[] _inputNames = [OnnxExport.EncodedInputName], _outputNames = [OnnxExport.OutputName];
    private readonly OrtValue[] _inputs, _outputs;

    /// <summary>A session for <paramref name="network"/> with <paramref name="parameters"/>, running <paramref name="batch"/> samples of <paramref name="inputs"/> per call on <paramref name="threads"/> threads.</summary>
    public OnnxRuntimeInference(NetworkDescription network, float[] parameters, float[] inputs, int batch, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        if (inputs.Length < batch * network.Input.Size)
            throw new ArgumentException($"{batch} samples need {batch * network.Input.Size} input floats, not {inputs.Length}.", nameof(inputs));
        Threads = threads;
        Batch = batch;
        _options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(OnnxExport.Build(network, parameters, classNames: null, picture: null).ToByteArray(), _options);
        Shape input = network.Input;
        _input = OrtValue.CreateTensorValueFromMemory(inputs[..(batch * input.Size)], [batch, input.Channels, input.Height, input.Width]);
        _output = OrtValue.CreateTensorValueFromMemory(new float[batch * network.Output.Size], [batch, network.Output.Size]);
        _inputs = [_input];
        _outputs = [_output];
    }

    /// <summary>Threads ONNX Runtime runs an operator on.</summary>
    public int Threads { get; }
    /// <summary>Samples per call.</summary>
    public int Batch { get; }
    /// <summary>The outputs of the last call, [batch, units].</summary>
    public ReadOnlySpan<float> Outputs => _output.GetTensorDataAsSpan<float>();

    /// <summary>Runs the batch once.</summary>
    public void Run() => _session.Run(_run, _inputNames, _inputs, _outputNames, _outputs);

    /// <inheritdoc/>
    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _run.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
