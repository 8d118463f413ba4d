namespace LeNet.Cli.Benchmarking;

/// <summary>
/// Whether the threads of a multi-threaded measurement have a core each right now: a short FMA run
/// on that many threads must reach <see cref="Share"/> of that many times the one-thread peak. On a
/// virtual machine the cores a process gets can change from one second to the next (two virtual
/// CPUs put on one core by the host, other work): a run timed then measures the host, not the code.
/// </summary>
internal sealed class CoreCheck
{
    /// <summary>The share of the nominal all-threads peak a probe must reach.</summary>
    public const double Share = 0.9;

    private readonly VectorWidth _width;
    private readonly long _iterations;
    private readonly double _nominalGflops;

    /// <summary>A check for <paramref name="threads"/> threads, each probe about <paramref name="probeTime"/> long.</summary>
    /// <param name="width">The FMA kernel's vector width.</param>
    /// <param name="threads">The threads that must each have a core.</param>
    /// <param name="peakGflopsOneThread">The measured one-thread FMA peak.</param>
    /// <param name="probeTime">How long one probe runs when it gets the whole peak.</param>
    public CoreCheck(VectorWidth width, int threads, double peakGflopsOneThread, TimeSpan probeTime)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peakGflopsOneThread);
        _width = width;
        Threads = threads;
        _nominalGflops = threads * peakGflopsOneThread;
        _iterations = Math.Max(1, (long)(peakGflopsOneThread * 1e9 * probeTime.TotalSeconds / FmaPeak.FlopsPerIteration(width)));
    }

    /// <summary>The threads checked.</summary>
    public int Threads { get; }

    /// <summary>Runs one probe: true when it reached <see cref="Share"/> of the nominal peak.</summary>
    public bool EveryThreadHasACore() => FmaPeak.MeasureOnce(_width, Threads, _iterations) >= Share * _nominalGflops;
}
