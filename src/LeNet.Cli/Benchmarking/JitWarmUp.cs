using System.Diagnostics;
using System.Runtime;

namespace LeNet.Cli.Benchmarking;

/// <summary>
/// Runs operations until the JIT has settled. With tiered compilation a method first runs as quick,
/// unoptimised tier-0 code, 10 to 25 times slower for the generated kernels, and is recompiled in the
/// background only after it has been called a while and no new methods were compiled for a moment;
/// on a busy machine that takes over half a second. Measuring before then measures tier 0.
/// </summary>
internal static class JitWarmUp
{
    /// <summary>How often the compiled-method count is checked.</summary>
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Calls every operation in turn until no method has been compiled for <paramref name="quiet"/>,
    /// but at least for <paramref name="minimum"/> and at most for <paramref name="maximum"/>;
    /// returns the time spent.
    /// </summary>
    public static TimeSpan Run(IReadOnlyList<Action> operations, TimeSpan minimum, TimeSpan quiet, TimeSpan maximum)
    {
        long start = Stopwatch.GetTimestamp();
        long compiled = JitInfo.GetCompiledMethodCount(), lastChange = start, lastCheck = start;
        while (true)
        {
            foreach (Action operation in operations) operation();
            long now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(lastCheck, now) < CheckInterval) continue;
            lastCheck = now;
            long count = JitInfo.GetCompiledMethodCount();
            if (count != compiled) (compiled, lastChange) = (count, now);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start, now);
            if (elapsed >= maximum || (elapsed >= minimum && Stopwatch.GetElapsedTime(lastChange, now) >= quiet))
                return elapsed;
        }
    }
}
