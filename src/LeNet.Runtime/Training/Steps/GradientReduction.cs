namespace LeNet.Training;

/// <summary>
/// The reduction of the workers' gradient buffers: each worker sums its own slice of the parameters
/// over every active worker's buffer (into its own for a training step, into worker 0's for the
/// curvature estimate), so the reduction runs on every core.
/// </summary>
internal static class GradientReduction
{
    /// <summary>
    /// Parameter slices start on multiples of this many floats (64 bytes): whole vectors for the
    /// optimizers' loops, and at most the one cache line that straddles a boundary is written by two workers.
    /// </summary>
    private const int SliceAlignment = 16;

    /// <summary>Worker <paramref name="w"/>'s slice of the parameters for the reduction and the update.</summary>
    public static (int Start, int Length) SliceOf(StepContext step, int w)
    {
        int count = step.Parameters.Length, active = step.Active;
        int Bound(int v) => v == active ? count : (int)((long)count * v / active) / SliceAlignment * SliceAlignment;
        int start = Bound(w);
        return (start, Bound(w + 1) - start);
    }

    /// <summary>
    /// Sums parameters [<paramref name="start"/>, + <paramref name="length"/>) over the active workers'
    /// buffers into <paramref name="target"/>'s (one of them), in worker order (so the result depends
    /// neither on timing nor on the target), divides by the sample count and notes in
    /// <paramref name="worker"/> whether the slice is finite. A worker that sums into its own buffer
    /// writes no cache line of another worker's, so the next step's backward pass finds its buffer in
    /// its own cache.
    /// </summary>
    public static void ReduceSlice(StepContext step, TrainingWorker worker, TrainingWorker target, int start, int length)
    {
        TrainingWorker[] workers = step.Workers;
        int active = step.Active;
        // Multiplying by 1 changes no value.
        float scale = step.Indices.Length > 1 ? 1f / step.Indices.Length : 1f;
        if (target == workers[0])
        {
            Span<float> total = target.Gradient.AsSpan(start, length);
            for (int v = 1; v < active - 1; v++) SpanMath.Add(total, workers[v].Gradient.AsSpan(start, length));
            // The last buffer's sum, the division and the check in one pass.
            ReadOnlySpan<float> last = active > 1 ? workers[active - 1].Gradient.AsSpan(start, length) : default;
            worker.SliceFinite = SpanMath.AddScaleAllFinite(total, last, scale);
            return;
        }
        // The same sums a piece at a time on the stack, each piece read from every buffer before the target's is written.
        Span<float> sum = stackalloc float[Piece];
        bool finite = true;
        for (int at = start, end = start + length; at < end; at += Piece)
        {
            int count = Math.Min(Piece, end - at);
            Span<float> part = sum[..count];
            workers[0].Gradient.AsSpan(at, count).CopyTo(part);
            for (int v = 1; v < active - 1; v++) SpanMath.Add(part, workers[v].Gradient.AsSpan(at, count));
            ReadOnlySpan<float> last = active > 1 ? workers[active - 1].Gradient.AsSpan(at, count) : default;
            finite &= SpanMath.AddScaleAllFinite(part, last, scale);
            part.CopyTo(target.Gradient.AsSpan(at, count));
        }
        worker.SliceFinite = finite;
    }

    /// <summary>Floats summed at a time on the stack when the target is not worker 0's buffer: 4 KB, a whole number of vectors.</summary>
    private const int Piece = 1024;
}
