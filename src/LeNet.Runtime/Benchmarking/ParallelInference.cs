using LeNet.Training;
namespace LeNet.Benchmarking;

/// <summary>
/// Forward passes of a batch on several cores: each worker runs <see cref="INetwork.ForwardBatch"/> on a
/// contiguous shard of the batch, writing its own slice of one shared activation buffer.
/// </summary>
public sealed class ParallelInference
{
    private readonly INetwork _network;
    private readonly float[] _activations;
    private readonly Action<int> _runShard;
    // Dedicated worker threads (the trainer's): Parallel.For's thread-pool hand-off cost more than a
    // second core gained on batches of a few milliseconds (measured: no speed-up at batch 64).
    private readonly WorkerCrew _crew;
    // The batch being run, read by the workers; set before the parallel loop, cleared after it.
    private ReadOnlyMemory<float> _parameters, _inputs;
    private int _batch;

    /// <summary>Buffers for batches of up to <paramref name="maxBatch"/> samples; <paramref name="workers"/> defaults to every core.</summary>
    public ParallelInference(INetwork network, int maxBatch, int workers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        _network = network;
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
        MaxBatch = maxBatch;
        _activations = new float[maxBatch * network.Description.ActivationCount];
        _runShard = RunShard;
        _crew = new WorkerCrew(Workers);
    }

    /// <summary>Number of workers the batch is split over.</summary>
    public int Workers { get; }

    /// <summary>Largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>Every layer's outputs of the last batch, sample after sample.</summary>
    public ReadOnlySpan<float> Activations => _activations;

    /// <summary>Runs <paramref name="batch"/> samples of <paramref name="inputs"/> forward.</summary>
    public void Run(ReadOnlyMemory<float> parameters, ReadOnlyMemory<float> inputs, int batch)
    {
        if (batch <= 0 || batch > MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must hold 1..{MaxBatch} samples.");
        (_parameters, _inputs, _batch) = (parameters, inputs, batch);
        try
        {
            _crew.Run(Workers, _runShard);
        }
        finally
        {
            (_parameters, _inputs) = (default, default);
        }
    }

    private void RunShard(int worker)
    {
        (int start, int count) = BatchShards.Of(_batch, Workers, worker);
        if (count == 0) return;
        int inputSize = _network.Description.Input.Size, activationCount = _network.Description.ActivationCount;
        _network.ForwardBatch(_parameters.Span, _inputs.Span.Slice(start * inputSize, count * inputSize),
            _activations.AsSpan(start * activationCount, count * activationCount), count);
    }
}
