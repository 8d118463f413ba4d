namespace LeNet.Training.Tests;

public sealed class WorkerCrewTests
{
    [Fact]
    public void EveryRunCallsEachWorkerOnce_WhetherTheWorkersSpinOrSleep()
    {
        using var crew = new WorkerCrew(3);
        var calls = new int[3];
        for (int run = 0; run < 2000; run++)
        {
            int workers = 1 + run % 3;
            crew.Run(workers, w => Interlocked.Increment(ref calls[w]));
            // Now and then leave the workers long enough to block on their semaphores.
            if (run % 50 == 0) Thread.Sleep(2);
        }
        Assert.Equal([2000, 1333, 666], calls);
    }

    [Fact]
    public void RunReturnsOnlyWhenEveryWorkerIsDone_WhetherTheCallerSpinsOrSleeps()
    {
        using var crew = new WorkerCrew(3);
        var done = new int[3];
        for (int run = 1; run <= 600; run++)
        {
            int value = run;
            // Workers 1 and 2 take from nothing to a few times the caller's spin before it blocks.
            crew.Run(3, w =>
            {
                if (w > 0 && (value + w) % 3 != 0) Thread.SpinWait(200 * (value % 7) * (value % 5));
                if (w > 0 && value % 97 == w) Thread.Sleep(1);
                Volatile.Write(ref done[w], value);
            });
            Assert.All(done, d => Assert.Equal(run, Volatile.Read(ref d)));
        }
    }

    [Fact]
    public void BarrierSeparatesPhases()
    {
        using var crew = new WorkerCrew(3);
        var written = new int[3];
        var seen = new int[3];
        for (int run = 1; run <= 200; run++)
        {
            int value = run;
            crew.Run(3, w =>
            {
                written[w] = value;
                crew.Barrier();
                seen[w] = written[(w + 1) % 3];
                crew.Barrier();
            });
            Assert.All(seen, s => Assert.Equal(run, s));
        }
    }

    [Fact]
    public void AFailingWorkerFailsTheRunWithoutLeavingTheOthersAtTheBarrier()
    {
        using var crew = new WorkerCrew(2);
        var error = Assert.Throws<InvalidOperationException>(() => crew.Run(2, w =>
        {
            if (w == 1) throw new InvalidOperationException("worker 1 broke");
            crew.Barrier();
        }));
        Assert.Equal("worker 1 broke", error.Message);
        // The crew still works afterwards.
        int sum = 0;
        crew.Run(2, w => { Interlocked.Add(ref sum, w + 1); crew.Barrier(); });
        Assert.Equal(3, sum);
    }
}
