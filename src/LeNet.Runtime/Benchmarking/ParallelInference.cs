using LeNet.Training;

namespace LeNet.Benchmarking;

/// <summary>
/// Inference of a batch on several cores, as a deployed model runs it: images in, class scores out.
/// Each worker runs its contiguous shard of the batch one sample at a time through its own
/// one-sample activation buffer, which stays in that core's cache, and copies out the outputs.
/// </summary>
/// <remarks>
/// Keeping every layer's activations for every sample (what <see cref="INetwork.ForwardBatch"/>
/// writes, and what a backward pass needs) costs 32 KB per LeNet-5 sample: a batch of 64 spills
/// out of the L2 caches, which measured about a third slower on two cores.
/// </remarks>
public sealed class ParallelInference
{
    private readonly INetwork _network;
    private readonly float[] _outputs;
    private readonly float[][] _workerActivations;
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
        _outputs = new float[maxBatch * network.Description.Output.Size];
        _workerActivations = new float[Workers][];
        for (int w = 0; w < Workers; w++) _workerActivations[w] = new float[network.Description.ActivationCount];
        _runShard = RunShard;
        _crew = new WorkerCrew(Workers);
    }

    /// <summary>Number of workers the batch is split over.</summary>
    public int Workers { get; }

    /// <summary>Largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>The last layer's outputs of the last batch, sample after sample.</summary>
    public ReadOnlySpan<float> Outputs => _outputs;

    /// <summary>Runs <paramref name="batch"/> samples of <paramref name="inputs"/> forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is not in 1..<see cref="MaxBatch"/>.</exception>
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
        NetworkDescription d = _network.Description;
        int inputSize = d.Input.Size, outputSize = d.Output.Size;
        Span<float> activations = _workerActivations[worker];
        ReadOnlySpan<float> parameters = _parameters.Span, inputs = _inputs.Span;
        for (int s = start; s < start + count; s++)
        {
            _network.Forward(parameters, inputs.Slice(s * inputSize, inputSize), activations);
            activations.Slice(d.OutputOffset, outputSize).CopyTo(_outputs.AsSpan(s * outputSize, outputSize));
        }
    }
}
