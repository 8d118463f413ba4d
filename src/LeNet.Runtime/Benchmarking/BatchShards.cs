namespace LeNet.Benchmarking;

/// <summary>How a batch is cut into contiguous per-worker shards: the first <c>batch % workers</c> shards get one sample more.</summary>
public static class BatchShards
{
    /// <summary>The samples worker <paramref name="worker"/> of <paramref name="workers"/> handles: start index and count (possibly 0).</summary>
    public static (int Start, int Count) Of(int batch, int workers, int worker)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        if ((uint)worker >= (uint)workers)
            throw new ArgumentOutOfRangeException(nameof(worker), worker, $"Worker index must be in 0..{workers - 1}.");
        int share = batch / workers, extra = batch % workers;
        int start = worker * share + Math.Min(worker, extra);
        return (start, share + (worker < extra ? 1 : 0));
    }
}
