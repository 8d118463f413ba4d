using System.Diagnostics;
using LeNet.Kernels;

namespace LeNet.Benchmarks.Layers;

/// <summary>What <see cref="SampleTimings"/> and <see cref="BlockTimings"/> share: the timing of a kernel and its made-up buffers.</summary>
internal static class KernelTiming
{
    private const int Windows = 40;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(25);

    /// <summary>Seconds per call of <paramref name="work"/>: the best of <see cref="Windows"/> windows of 25 ms, after a warm-up.</summary>
    public static double Best(Action work)
    {
        for (int i = 0; i < 100; i++) work();
        double best = double.MaxValue;
        for (int window = 0; window < Windows; window++)
        {
            long calls = 0;
            long start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(start) < Window)
            {
                work();
                calls++;
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / calls);
        }
        return best;
    }

    /// <summary>
    /// <paramref name="count"/> values as <see cref="Values"/> draws them (zeros for a scale of 0), in a buffer laid out
    /// as the engines lay theirs (<see cref="AlignedFloats"/>): float <paramref name="alignedIndex"/> starts a cache line,
    /// or lies <paramref name="movedBytes"/> (a multiple of 4) past the start of one.
    /// </summary>
    public static Memory<float> Aligned(Random random, int count, float scale, int alignedIndex = 0, int movedBytes = 0)
    {
        int shift = movedBytes / sizeof(float);
        Memory<float> buffer = new AlignedFloats(count + shift, alignedIndex).Memory[shift..];
        if (scale != 0) Values(random, count, scale).CopyTo(buffer);
        return buffer;
    }

    /// <summary><paramref name="count"/> values drawn evenly from [-<paramref name="scale"/>, <paramref name="scale"/>).</summary>
    public static float[] Values(Random random, int count, float scale)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }
}
