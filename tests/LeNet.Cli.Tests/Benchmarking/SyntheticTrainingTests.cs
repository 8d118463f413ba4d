using LeNet.Cli.Benchmarking;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Tests.Benchmarking;

/// <summary>The training the benchmarks time: the trainer's step on the pool's batches in turn.</summary>
public sealed class SyntheticTrainingTests
{
    private const int Seed = 5;

    [Fact]
    public void Steps_TakeThePoolsBatchesInTurnThenStartAgain()
    {
        INetwork network = ModelCatalog.Find("lenet5-paper").Create();
        var options = new TrainingOptions { BatchSize = 2, Threads = 1, LearningRate = 0.01f, Momentum = 0f, Seed = Seed };
        using var timed = new SyntheticTraining(network, options, samples: 7);
        for (int i = 0; i < 5; i++) timed.Step();

        // Seven samples make three whole batches: 0-1, 2-3, 4-5, then 0-1 and 2-3 again.
        var trainer = new Trainer(network, options);
        using Trainer.TrainingSteps steps = trainer.BeginSteps(SyntheticData.Images(network.Description, 6, Seed));
        foreach (int first in new[] { 0, 2, 4, 0, 2 }) steps.Step(new[] { first, first + 1 }, options.LearningRate);
        Assert.Equal(trainer.Parameters, timed.Trainer.Parameters);
    }

    [Fact]
    public void Steps_AllocateNothing()
    {
        INetwork network = ModelCatalog.Find("lenet5-classic").Create();
        using var timed = new SyntheticTraining(network, new TrainingOptions { BatchSize = 1, Threads = 1, Momentum = 0f }, samples: 3);
        for (int i = 0; i < 5; i++) timed.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 7; i++) timed.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
