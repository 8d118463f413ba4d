using System.Diagnostics;

namespace LeNet.Benchmarking;

/// <summary>A measured operation: calls per second (median run) and bytes the calling thread allocated per call.</summary>
/// <param name="CallsPerSecond">Median over the timed runs.</param>
/// <param name="AllocatedBytesPerCall">Allocated on the calling thread per call, over all timed runs (work done on other threads is not seen).</param>
public readonly record struct Measurement(double CallsPerSecond, double AllocatedBytesPerCall);

/// <summary>Times an operation with <see cref="Stopwatch"/>: warm-up, then several runs of a fixed length, median rate.</summary>
public static class RateMeter
{
    /// <summary>Measures <paramref name="operation"/> as <paramref name="options"/> say.</summary>
    public static Measurement Measure(Action operation, QuickBenchOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Runs);
        RunFor(operation, options.WarmUp);
        var rates = new double[options.Runs];
        long calls = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < options.Runs; r++)
        {
            (long n, double seconds) = RunFor(operation, options.RunTime);
            rates[r] = n / seconds;
            calls += n;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(rates);
        return new Measurement(rates[options.Runs / 2], (double)allocated / calls);
    }

    /// <summary>Calls <paramref name="operation"/> at least once and until <paramref name="duration"/> has passed.</summary>
    private static (long Calls, double Seconds) RunFor(Action operation, TimeSpan duration)
    {
        long start = Stopwatch.GetTimestamp(), calls = 0;
        TimeSpan elapsed;
        do
        {
            operation();
            calls++;
        } while ((elapsed = Stopwatch.GetElapsedTime(start)) < duration);
        return (calls, elapsed.TotalSeconds);
    }
}
