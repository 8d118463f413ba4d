namespace LeNet.Training;

/// <summary>
/// The reduction of the workers' gradient buffers: each worker sums its own slice of the parameters
/// over every active worker's buffer into worker 0's, so the reduction runs on every core.
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
    /// Sums parameters [<paramref name="start"/>, + <paramref name="length"/>) over the active
    /// workers' buffers into worker 0's, in worker order (so the result does not depend on timing),
    /// divides by the sample count and notes in <paramref name="worker"/> whether the slice is finite.
    /// </summary>
    public static void ReduceSlice(StepContext step, TrainingWorker worker, int start, int length)
    {
        TrainingWorker[] workers = step.Workers;
        int active = step.Active;
        Span<float> total = workers[0].Gradient.AsSpan(start, length);
        for (int v = 1; v < active - 1; v++) SpanMath.Add(total, workers[v].Gradient.AsSpan(start, length));
        // The last buffer's sum, the division and the check in one pass; multiplying by 1 changes no value.
        ReadOnlySpan<float> last = active > 1 ? workers[active - 1].Gradient.AsSpan(start, length) : default;
        worker.SliceFinite = SpanMath.AddScaleAllFinite(total, last, step.Indices.Length > 1 ? 1f / step.Indices.Length : 1f);
    }
}
