using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace LeNet.Training;

/// <summary>
/// The one crew of worker threads that training, evaluation and the benchmarks run on: the calling
/// thread is worker 0 and workers 1 .. n-1 are dedicated background threads. Running work allocates
/// nothing.
/// </summary>
/// <remarks>
/// A training step takes a millisecond or two, so the hand-off must cost microseconds, not the
/// tens of microseconds (hundreds on a busy host) a blocked thread takes to wake. Every wait of the
/// crew is one rule (<see cref="SpinThenSleep"/>): spin, yielding the core to any thread that is
/// ready, for as long as the last run took (at least
/// <see cref="MinimumSpin"/>, at most <see cref="MaximumSpin"/>), then block on a semaphore, saying
/// so in a flag the other side checks (whoever finds the flag set releases the semaphore). Runs that
/// follow each other (the steps of a pass) thus never sleep between them, however long a run is,
/// while a crew used now and then spins at most as long as it worked. A worker
/// waits so between two runs, for the run counter to move; the caller waits so for the others, and
/// the worker that finishes a run last releases it. <see cref="Barrier"/>
/// lets the workers of one run meet between phases (e.g. between the backward pass and the
/// gradient reduction) without a second hand-off.
/// </remarks>
internal sealed class WorkerCrew : IDisposable
{
    /// <summary>The shortest spin of a waiting thread of the crew before it blocks.</summary>
    private static readonly long MinimumSpin = Stopwatch.Frequency / 20_000; // 50 µs
    /// <summary>The longest spin of a waiting thread of the crew before it blocks.</summary>
    private static readonly long MaximumSpin = Stopwatch.Frequency / 500; // 2 ms

    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _go;
    private readonly PaddedInt[] _sleeping;
    private readonly SemaphoreSlim _done = new(0);
    private PaddedInt _callerSleeping;
    private Action<int>? _work;
    private ExceptionDispatchInfo? _failure;
    private PaddedInt _run, _pending, _arrived, _barrierPhase;
    private int _workers;
    private volatile bool _stopping;
    /// <summary>How long a wait spins: the length of the last run of several workers, within <see cref="MinimumSpin"/> .. <see cref="MaximumSpin"/>.</summary>
    private long _spin = MinimumSpin;

    /// <summary>Starts <paramref name="workers"/> - 1 background threads.</summary>
    public WorkerCrew(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        Size = workers;
        _threads = new Thread[workers - 1];
        _go = new SemaphoreSlim[_threads.Length];
        _sleeping = new PaddedInt[_threads.Length];
        for (int i = 0; i < _threads.Length; i++)
        {
            _go[i] = new SemaphoreSlim(0);
            int worker = i + 1;
            _threads[i] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"LeNet worker {worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>Workers in the crew, the calling thread included.</summary>
    public int Size { get; }

    /// <summary>How many of at most <paramref name="workers"/> workers share <paramref name="size"/> samples cut into units (blocks) of <paramref name="unit"/>: one unit each at least.</summary>
    public static int ActiveFor(int size, int unit, int workers) => Math.Max(1, Math.Min(workers, (size + unit - 1) / unit));

    /// <summary>
    /// Worker <paramref name="worker"/>'s contiguous share of <paramref name="size"/> samples among
    /// <paramref name="workers"/>: whole units of <paramref name="unit"/> samples (blocks), as evenly
    /// as they go, the last unit cut at the end.
    /// </summary>
    public static (int First, int Count) ShareOf(int size, int unit, int workers, int worker)
    {
        int units = (size + unit - 1) / unit;
        int first = Math.Min(size, (int)((long)units * worker / workers) * unit);
        int end = Math.Min(size, (int)((long)units * (worker + 1) / workers) * unit);
        return (first, end - first);
    }

    /// <summary>
    /// Calls <paramref name="work"/>(0 .. <paramref name="workers"/> - 1), worker 0 on the calling
    /// thread, and returns when all are done; the first exception thrown is rethrown as itself.
    /// </summary>
    public void Run(int workers, Action<int> work)
    {
        if (workers < 1 || workers > Size)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, $"The crew has {Size} workers.");
        ObjectDisposedException.ThrowIf(_stopping, this);
        _workers = workers;
        if (workers == 1)
        {
            work(0);
            return;
        }
        long started = Stopwatch.GetTimestamp();
        _work = work;
        _failure = null;
        _arrived.Value = 0;
        // Every background thread takes part in every run (those past `workers` do nothing), so no
        // thread can still be looking at the previous run when the next one starts.
        _pending.Value = Size - 1;
        // The increment is a full fence: the fields above are visible before the run counter moves.
        Interlocked.Increment(ref _run.Value);
        for (int w = 1; w < Size; w++) Wake(w);
        try { work(0); }
        catch (Exception e) { Fail(e); }
        WaitForOthers();
        Volatile.Write(ref _spin, Math.Clamp(Stopwatch.GetTimestamp() - started, MinimumSpin, MaximumSpin));
        _work = null;
        _failure?.Throw();
    }

    /// <summary>
    /// Waits until every worker of the current run has called it (a no-op for a run of one worker).
    /// Every worker of the run must call it the same number of times, also when it has nothing to do.
    /// When a worker has failed, the others leave the barrier by throwing instead of waiting forever.
    /// </summary>
    public void Barrier()
    {
        int workers = _workers;
        if (workers == 1) return;
        int phase = Volatile.Read(ref _barrierPhase.Value);
        if (Interlocked.Increment(ref _arrived.Value) == workers)
        {
            _arrived.Value = 0;
            Interlocked.Increment(ref _barrierPhase.Value);
            return;
        }
        var spin = new SpinWait();
        // Never Sleep(1): the others arrive within microseconds unless the machine is busy, and a
        // yield then hands the core to whoever needs it.
        while (Volatile.Read(ref _barrierPhase.Value) == phase)
        {
            if (Volatile.Read(ref _failure) is not null) throw new OperationCanceledException("Another worker of the crew failed.");
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Wake(int worker) => Release(ref _sleeping[worker - 1].Value, _go[worker - 1]);

    private void WaitForOthers() => SpinThenSleep(new RunFinished(this), Volatile.Read(ref _spin), ref _callerSleeping.Value, _done);

    private void Loop(int worker)
    {
        int seen = 0;
        while (true)
        {
            SpinThenSleep(new RunStarted(this, seen), Volatile.Read(ref _spin), ref _sleeping[worker - 1].Value, _go[worker - 1]);
            if (_stopping) return;
            seen = Volatile.Read(ref _run.Value);
            if (worker < _workers)
            {
                try { _work!(worker); }
                catch (Exception e) { Fail(e); }
            }
            if (Interlocked.Decrement(ref _pending.Value) == 0) Release(ref _callerSleeping.Value, _done);
        }
    }

    /// <summary>
    /// The one way a thread of the crew waits: it spins for <paramref name="spin"/> ticks watching
    /// <paramref name="until"/>, then raises its <paramref name="sleeping"/> flag and blocks on
    /// <paramref name="wake"/>, which whoever clears the flag (<see cref="Release"/>) releases.
    /// </summary>
    private static void SpinThenSleep<TCondition>(TCondition until, long spin, ref int sleeping, SemaphoreSlim wake)
        where TCondition : struct, ICondition
    {
        long start = Stopwatch.GetTimestamp();
        var spinner = new SpinWait();
        while (Stopwatch.GetTimestamp() - start <= spin)
        {
            if (until.Holds) return;
            // As in the barrier: a few short spins, then a yield to whatever else is ready, so that a
            // waiting thread takes no core from a worker (or another process) that needs it.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        while (true)
        {
            Interlocked.Exchange(ref sleeping, 1);
            // The condition came true before the flag was visible: take the flag back, unless the
            // other side already took it, in which case its release is on the way and must be consumed.
            if (until.Holds && Interlocked.CompareExchange(ref sleeping, 0, 1) == 1) return;
            wake.Wait();
            // The condition decides, not the release: the caller's can be the previous run's, from a last
            // worker that took the flag after the caller (which had seen the run end while spinning)
            // had started this run.
            if (until.Holds) return;
        }
    }

    /// <summary>Wakes the thread whose <paramref name="sleeping"/> flag is raised; whoever clears the flag owns the release.</summary>
    private static void Release(ref int sleeping, SemaphoreSlim wake)
    {
        if (Interlocked.CompareExchange(ref sleeping, 0, 1) == 1) wake.Release();
    }

    /// <summary>What a waiting thread of the crew watches.</summary>
    private interface ICondition
    {
        bool Holds { get; }
    }

    /// <summary>A worker's wait: the run counter has moved past the run it last saw, or the crew is stopping.</summary>
    private readonly struct RunStarted(WorkerCrew crew, int seen) : ICondition
    {
        public bool Holds => Volatile.Read(ref crew._run.Value) != seen || crew._stopping;
    }

    /// <summary>The caller's wait: every background thread has finished the run.</summary>
    private readonly struct RunFinished(WorkerCrew crew) : ICondition
    {
        public bool Holds => Volatile.Read(ref crew._pending.Value) == 0;
    }

    private void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);

    /// <summary>Stops and joins the background threads.</summary>
    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        for (int w = 1; w < Size; w++) Wake(w);
        foreach (Thread thread in _threads) thread.Join();
        foreach (SemaphoreSlim go in _go) go.Dispose();
        _done.Dispose();
    }

    /// <summary>A counter or a sleeping flag on a cache line of its own, so that threads polling one do not slow down writers of another.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedInt
    {
        [FieldOffset(64)] public int Value;
    }
}
