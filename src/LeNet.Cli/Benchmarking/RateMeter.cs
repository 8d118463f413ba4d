using System.Diagnostics;

namespace LeNet.Cli.Benchmarking;

/// <summary>A measured operation: calls per second (median run) and bytes the calling thread allocated per call.</summary>
/// <param name="CallsPerSecond">Median over the timed runs.</param>
/// <param name="AllocatedBytesPerCall">Allocated on the calling thread per call, over all runs (work done on other threads is not seen).</param>
/// <param name="RunsSetAside">Runs not counted because the threads did not have a core each around them (see <see cref="CoreCheck"/>).</param>
/// <param name="GaveUpWaiting">True when the cores stayed taken past <see cref="QuickBenchOptions.CoreWait"/> and the last runs were counted anyway.</param>
internal readonly record struct Measurement(double CallsPerSecond, double AllocatedBytesPerCall, int RunsSetAside = 0, bool GaveUpWaiting = false);

/// <summary>Times an operation with <see cref="Stopwatch"/>: warm-up, then several runs of a fixed length, median rate.</summary>
internal static class RateMeter
{
    /// <summary>
    /// Measures <paramref name="operation"/> as <paramref name="options"/> say. With <paramref name="coresFree"/>
    /// (e.g. <see cref="CoreCheck.EveryThreadHasACore"/>), a run counts only when the check right before it and
    /// the one right after it say every thread had a core; others are set aside and run again, for at most
    /// <see cref="QuickBenchOptions.CoreWait"/> (0 turns the check off).
    /// </summary>
    public static Measurement Measure(Action operation, QuickBenchOptions options, Func<bool>? coresFree = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Runs);
        RunFor(operation, options.WarmUp);
        var rates = new double[options.Runs];
        long calls = 0;
        int setAside = 0;
        if (options.CoreWait <= TimeSpan.Zero) coresFree = null;
        long deadline = Stopwatch.GetTimestamp() + (long)(options.CoreWait.TotalSeconds * Stopwatch.Frequency);
        bool waitedOut = false;
        bool CoresFree()
        {
            if (coresFree is null) return true;
            if (Stopwatch.GetTimestamp() > deadline) return waitedOut = true;
            return coresFree();
        }

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        bool free = CoresFree();
        for (int r = 0; r < options.Runs;)
        {
            if (!free)
            {
                free = CoresFree();
                continue;
            }
            (long n, double seconds) = RunFor(operation, options.RunTime);
            calls += n;
            // The probe after this run is also the one before the next.
            free = CoresFree();
            if (free) rates[r++] = n / seconds;
            else setAside++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(rates);
        return new Measurement(rates[options.Runs / 2], (double)allocated / calls, setAside, waitedOut);
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
