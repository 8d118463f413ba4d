using System.Runtime.ExceptionServices;

namespace LeNet.Training;

/// <summary>Runs a fixed number of work items (one per worker) in parallel, or inline when there is only one.</summary>
internal static class WorkerRunner
{
    /// <summary>Calls <paramref name="work"/>(0 .. <paramref name="workers"/> - 1) and rethrows a worker's exception as itself.</summary>
    public static void Run(int workers, Action<int> work)
    {
        if (workers == 1)
        {
            work(0);
            return;
        }
        try
        {
            Parallel.For(0, workers, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1 && e.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
        }
    }
}
