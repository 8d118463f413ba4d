using LeNet.Training;
namespace LeNet.Benchmarking;

/// <summary>
/// A minibatch SGD step on several cores: the batch is split into contiguous shards, one per worker,
/// each worker runs forward, loss gradient and backward on its shard with its own buffers (a
/// <see cref="TrainingStep"/>), then the workers' gradients are summed in worker order (so the
/// result does not depend on which thread finishes first) and one SGD update is applied.
/// </summary>
/// <remarks>
/// The engine is shared by the workers: <see cref="INetwork"/> engines keep no per-call state, all
/// buffers are the caller's. One instance must not run two steps at once.
/// </remarks>
public sealed class DataParallelStep
{
    private readonly TrainingStep[] _workers;
    private readonly float[] _gradient;
    private readonly Action<int> _runShard;
    // Dedicated worker threads (the trainer's): Parallel.For's thread-pool hand-off cost more than a
    // second core gained on batches of a few milliseconds (measured: no speed-up at batch 64).
    private readonly WorkerCrew _crew;
    // The step being run, read by the workers; set before the parallel loop, cleared after it.
    private ReadOnlyMemory<float> _parameters, _inputs;
    private ReadOnlyMemory<int> _labels;
    private readonly int _inputSize;

    /// <summary>Workers for batches of up to <paramref name="maxBatch"/> samples; <paramref name="workers"/> defaults to every core.</summary>
    public DataParallelStep(INetwork network, int maxBatch, int workers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        Workers = workers == 0 ? Environment.ProcessorCount : workers;
        MaxBatch = maxBatch;
        _workers = new TrainingStep[Workers];
        for (int w = 0; w < Workers; w++)
            _workers[w] = new TrainingStep(network, Math.Max(1, BatchShards.Of(maxBatch, Workers, w).Count));
        _gradient = new float[network.Description.ParameterCount];
        _inputSize = network.Description.Input.Size;
        _runShard = RunShard;
        _crew = new WorkerCrew(Workers);
    }

    /// <summary>Number of workers the batch is split over.</summary>
    public int Workers { get; }

    /// <summary>Largest batch the buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>The summed (not averaged) gradient of the last step.</summary>
    public ReadOnlySpan<float> Gradient => _gradient;

    /// <summary>Sums the batch's parameter gradients into <see cref="Gradient"/> without changing the parameters.</summary>
    public void ComputeGradient(ReadOnlyMemory<float> parameters, ReadOnlyMemory<float> inputs, ReadOnlyMemory<int> labels)
    {
        if (labels.Length > MaxBatch)
            throw new ArgumentException($"A batch of {labels.Length} samples does not fit buffers made for {MaxBatch}.", nameof(labels));
        (_parameters, _inputs, _labels) = (parameters, inputs, labels);
        try
        {
            _crew.Run(Workers, _runShard);
        }
        finally
        {
            (_parameters, _inputs, _labels) = (default, default, default);
        }
        // Fixed order: worker 0, then 1, ... so repeated steps give bit-identical gradients.
        _workers[0].Gradient.CopyTo(_gradient);
        for (int w = 1; w < Workers; w++) ParameterUpdate.Add(_gradient, _workers[w].Gradient);
    }

    /// <summary>One SGD step: <see cref="ComputeGradient"/>, then <c>parameters -= rate / batch * gradient</c>.</summary>
    public void Run(Memory<float> parameters, ReadOnlyMemory<float> inputs, ReadOnlyMemory<int> labels, float rate)
    {
        ComputeGradient(parameters, inputs, labels);
        ParameterUpdate.Sgd(parameters.Span, _gradient, rate / labels.Length);
    }

    private void RunShard(int worker)
    {
        (int start, int count) = BatchShards.Of(_labels.Length, Workers, worker);
        _workers[worker].ComputeGradient(_parameters.Span, _inputs.Span.Slice(start * _inputSize, count * _inputSize),
            _labels.Span.Slice(start, count));
    }
}
