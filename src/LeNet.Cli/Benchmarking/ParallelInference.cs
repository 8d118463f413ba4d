using LeNet.Training;

namespace LeNet.Cli.Benchmarking;

/// <summary>
/// Inference of a batch on several cores, as a deployed model runs it: images in, class scores out.
/// Each worker of the crew takes a contiguous share of the batch in whole blocks of
/// <see cref="INetwork.BlockSize"/> samples and runs it a block at a time through its own block
/// buffers (the ones evaluation and training use), which stay in that core's cache; a batch of one
/// runs the one-sample kernels. Allocates nothing per batch. Dispose to stop the worker threads.
/// </summary>
internal sealed class ParallelInference : IDisposable
{
    private readonly INetwork _network;
    private readonly float[] _outputs;
    private readonly BlockWorkspace[] _workspaces;
    private readonly Action<int> _runShare;
    private readonly WorkerCrew _crew;
    // The batch being run, read by the workers; set before the run, cleared after it.
    private ReadOnlyMemory<float> _parameters, _inputs;
    private int _batch, _active;

    /// <summary>Buffers for batches of up to <paramref name="maxBatch"/> samples; <paramref name="workers"/> defaults to every core.</summary>
    public ParallelInference(INetwork network, int maxBatch, int workers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        _network = network;
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
        MaxBatch = maxBatch;
        _outputs = new float[maxBatch * network.Description.Output.Size];
        _workspaces = new BlockWorkspace[Workers];
        for (int w = 0; w < Workers; w++) _workspaces[w] = new BlockWorkspace(network);
        _runShare = RunShare;
        _crew = new WorkerCrew(Workers);
    }

    /// <summary>Number of workers the batch is split over.</summary>
    public int Workers { get; }

    /// <summary>Largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>The last layer's outputs of the last batch, sample after sample.</summary>
    public ReadOnlySpan<float> Outputs => _outputs;

    /// <summary>Runs <paramref name="batch"/> samples of <paramref name="inputs"/> (sample after sample) forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is not in 1..<see cref="MaxBatch"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> holds fewer than <paramref name="batch"/> inputs.</exception>
    public void Run(ReadOnlyMemory<float> parameters, ReadOnlyMemory<float> inputs, int batch)
    {
        if (batch <= 0 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must hold 1..{MaxBatch} samples.");
        int inputSize = _network.Description.Input.Size;
        if (inputs.Length < batch * inputSize)
            throw new ArgumentException($"{batch} inputs of {inputSize} floats need {batch * inputSize} floats, not {inputs.Length}.", nameof(inputs));
        int blockSize = _workspaces[0].BlockSize;
        (_parameters, _inputs, _batch) = (parameters, inputs, batch);
        _active = WorkerCrew.ActiveFor(batch, blockSize, Workers);
        try
        {
            _crew.Run(_active, _runShare);
        }
        finally
        {
            (_parameters, _inputs) = (default, default);
        }
    }

    private void RunShare(int worker)
    {
        BlockWorkspace workspace = _workspaces[worker];
        (int first, int count) = WorkerCrew.ShareOf(_batch, workspace.BlockSize, _active, worker);
        BlockBatch.Forward(workspace, _parameters.Span, _inputs, _outputs, first, count);
    }

    /// <summary>Stops the worker threads.</summary>
    public void Dispose() => _crew.Dispose();
}
