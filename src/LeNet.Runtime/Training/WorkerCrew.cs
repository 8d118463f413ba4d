using System.Runtime.ExceptionServices;

namespace LeNet.Training;

/// <summary>
/// A fixed crew of worker threads for the training steps: the calling thread is worker 0 and
/// workers 1 .. n-1 are dedicated background threads that sleep between steps. Unlike
/// <see cref="Parallel.For(int, int, Action{int})"/>, running a step allocates nothing.
/// </summary>
internal sealed class WorkerCrew : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _go;
    private readonly ManualResetEventSlim _finished = new(false);
    private Action<int>? _work;
    private int _pending;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _stopping;

    /// <summary>Starts <paramref name="workers"/> - 1 background threads.</summary>
    public WorkerCrew(int workers)
    {
        _threads = new Thread[Math.Max(0, workers - 1)];
        _go = new SemaphoreSlim[_threads.Length];
        for (int i = 0; i < _threads.Length; i++)
        {
            _go[i] = new SemaphoreSlim(0);
            int worker = i + 1;
            _threads[i] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"LeNet training worker {worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>
    /// Calls <paramref name="work"/>(0 .. <paramref name="workers"/> - 1), worker 0 on the calling
    /// thread, and returns when all are done; the first exception thrown is rethrown as itself.
    /// </summary>
    public void Run(int workers, Action<int> work)
    {
        if (workers > _threads.Length + 1)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, $"The crew has {_threads.Length + 1} workers.");
        if (workers == 1)
        {
            work(0);
            return;
        }
        _work = work;
        _failure = null;
        _pending = workers - 1;
        _finished.Reset();
        for (int w = 1; w < workers; w++) _go[w - 1].Release();
        try { work(0); }
        catch (Exception e) { Fail(e); }
        _finished.Wait();
        _failure?.Throw();
    }

    private void Loop(int worker)
    {
        while (true)
        {
            _go[worker - 1].Wait();
            if (_stopping) return;
            try { _work!(worker); }
            catch (Exception e) { Fail(e); }
            if (Interlocked.Decrement(ref _pending) == 0) _finished.Set();
        }
    }

    private void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);

    /// <summary>Stops and joins the background threads.</summary>
    public void Dispose()
    {
        _stopping = true;
        foreach (SemaphoreSlim go in _go) go.Release();
        foreach (Thread thread in _threads) thread.Join();
        foreach (SemaphoreSlim go in _go) go.Dispose();
        _finished.Dispose();
    }
}
