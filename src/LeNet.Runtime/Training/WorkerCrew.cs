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
/// tens of microseconds a blocked thread takes to wake: between two runs a worker first spins for
/// <see cref="SpinTime"/> watching the run counter, and only then blocks on its semaphore, saying
/// so in a flag the caller checks (a caller that finds the flag set releases the semaphore). The
/// caller likewise spins before blocking while it waits for the others, the same way: the worker
/// that finishes a run last releases the caller's semaphore if the caller's flag says it sleeps. <see cref="Barrier"/>
/// lets the workers of one run meet between phases (e.g. between the backward pass and the
/// gradient reduction) without a second hand-off.
/// </remarks>
internal sealed class WorkerCrew : IDisposable
{
    /// <summary>How long an idle worker (or the waiting caller) spins before it blocks.</summary>
    private static readonly long SpinTime = Stopwatch.Frequency / 20_000; // 50 µs

    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _go;
    private readonly PaddedFlag[] _sleeping;
    private readonly SemaphoreSlim _done = new(0);
    private PaddedFlag _callerSleeping;
    private Action<int>? _work;
    private ExceptionDispatchInfo? _failure;
    private PaddedCounter _run, _pending, _arrived, _barrierPhase;
    private int _workers;
    private volatile bool _stopping;

    /// <summary>Starts <paramref name="workers"/> - 1 background threads.</summary>
    public WorkerCrew(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        Size = workers;
        _threads = new Thread[workers - 1];
        _go = new SemaphoreSlim[_threads.Length];
        _sleeping = new PaddedFlag[_threads.Length];
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

    private void Wake(int worker)
    {
        // A worker about to block has set its flag; whoever clears it owns the release.
        if (Interlocked.CompareExchange(ref _sleeping[worker - 1].Value, 0, 1) == 1) _go[worker - 1].Release();
    }

    private void WaitForOthers()
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start <= SpinTime)
        {
            if (Volatile.Read(ref _pending.Value) == 0) return;
            Thread.SpinWait(20);
        }
        while (true)
        {
            Interlocked.Exchange(ref _callerSleeping.Value, 1);
            // The run ended before the flag was visible: take the flag back, unless a worker already took
            // it, in which case its release is on the way and must be consumed.
            if (Volatile.Read(ref _pending.Value) == 0 && Interlocked.CompareExchange(ref _callerSleeping.Value, 0, 1) == 1) return;
            _done.Wait();
            // The count decides: the release can be the previous run's, from a last worker that took the flag
            // after the caller (which had seen the count reach 0 while spinning) had started this run.
            if (Volatile.Read(ref _pending.Value) == 0) return;
        }
    }

    private void Loop(int worker)
    {
        int seen = 0;
        while (true)
        {
            WaitForRun(worker, seen);
            if (_stopping) return;
            seen = Volatile.Read(ref _run.Value);
            if (worker < _workers)
            {
                try { _work!(worker); }
                catch (Exception e) { Fail(e); }
            }
            if (Interlocked.Decrement(ref _pending.Value) == 0 && Interlocked.CompareExchange(ref _callerSleeping.Value, 0, 1) == 1)
                _done.Release();
        }
    }

    /// <summary>Returns once the run counter has moved past <paramref name="seen"/> (or the crew is stopping).</summary>
    private void WaitForRun(int worker, int seen)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start <= SpinTime)
        {
            if (Volatile.Read(ref _run.Value) != seen || _stopping) return;
            Thread.SpinWait(20);
        }
        ref int sleeping = ref _sleeping[worker - 1].Value;
        Interlocked.Exchange(ref sleeping, 1);
        // A run that started before the flag was visible: take the flag back, unless the caller
        // already took it, in which case its release is on the way and must be consumed.
        if ((Volatile.Read(ref _run.Value) != seen || _stopping) && Interlocked.CompareExchange(ref sleeping, 0, 1) == 1) return;
        _go[worker - 1].Wait();
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

    /// <summary>A counter on a cache line of its own, so that workers polling one do not slow down writers of another.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [FieldOffset(64)] public int Value;
    }

    /// <summary>A sleeping flag (a worker's, the caller's) on a cache line of its own.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedFlag
    {
        [FieldOffset(64)] public int Value;
    }
}
