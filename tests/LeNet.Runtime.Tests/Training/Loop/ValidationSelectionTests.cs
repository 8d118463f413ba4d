using LeNet.Data;
using LeNet.Engine;

namespace LeNet.Training.Tests;

public sealed class ValidationSelectionTests
{
    private static readonly LabelledImages Train = SyntheticImages.Make(480, seed: 1, "synthetic-train");
    private static readonly LabelledImages Test = SyntheticImages.Make(240, seed: 2, "synthetic-test");
    private const int Held = 120;

    /// <summary>
    /// A run noisy enough that its passes do not improve steadily: a high rate, no momentum, small batches.
    /// Its validation accuracies (2 threads) are 25.0%, 79.2%, 84.2%, 79.2%, 85.0%, 84.2%, 80.8%, 80.8%.
    /// </summary>
    private static TrainingOptions Noisy(int threads = 2, int validation = Held) =>
        new() { Epochs = 8, BatchSize = 4, LearningRate = 1f, Momentum = 0f, Threads = threads, Seed = 6, ValidationCount = validation };

    [Fact]
    public void KeepsThePassWithTheBestValidationAccuracy()
    {
        var trainer = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), Noisy());
        TrainingResult result = trainer.Train(Train, Test);

        double[] validation = result.Reports.Select(r => r.ValidationAccuracy!.Value).ToArray();
        int chosen = Array.LastIndexOf(validation, validation.Max());
        Assert.Same(result.Reports[chosen], result.Best);
        Assert.Equal(result.Reports.Select((r, i) => validation[i] >= validation[..i].DefaultIfEmpty(-1).Max()), result.Reports.Select(r => r.IsBest));
        // The run is one where the validation set's choice is not simply the last pass.
        Assert.Equal(5, result.Best!.Epoch);

        LabelledImages held = Train.SplitValidation(Held, Noisy().Seed).Validation;
        Assert.Equal(result.Best!.ValidationAccuracy, trainer.Evaluator.Evaluate(result.BestParameters, held).Accuracy);
        Assert.Equal(result.Best.TestAccuracy, trainer.Evaluator.Evaluate(result.BestParameters, Test).Accuracy);
    }

    [Fact]
    public void WithoutAValidationSetKeepsTheLastPass()
    {
        TrainingResult result = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), Noisy(validation: 0)).Train(Train, Test);
        Assert.Same(result.Last, result.Best);
        Assert.Equal(result.FinalParameters, result.BestParameters);
        Assert.All(result.Reports, r => Assert.Null(r.Validation));
        Assert.All(result.Reports, r => Assert.True(r.IsBest));
    }

    [Fact]
    public void TrainsOnTheRestAndValidatesOnTheSameImagesForAnyThreadCount()
    {
        EvaluationResult Validation(int threads)
        {
            var progress = new List<TrainingProgress>();
            TrainingResult result = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), Noisy(threads) with { Epochs = 1, LearningRate = 0.3f })
                .Train(Train, Test, new SynchronousRecorder(progress));
            Assert.Equal(Train.Count - Held, progress[^1].SamplesInEpoch);
            return result.Reports[0].Validation!;
        }
        EvaluationResult one = Validation(1), three = Validation(3);
        Assert.Equal(Held, one.Count);
        // The same images: the same number of each class (the confusion matrix's row sums).
        int[] Rows(EvaluationResult e) => Enumerable.Range(0, SyntheticImages.Classes).Select(r => Enumerable.Range(0, SyntheticImages.Classes).Sum(c => e.Confusion[r, c])).ToArray();
        Assert.Equal(Rows(one), Rows(three));
        Assert.Equal([Held / 4, Held / 4, Held / 4, Held / 4], Rows(one));
    }

    [Fact]
    public void RefusesAValidationSetThatLeavesNothingToTrainOn()
    {
        var trainer = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), Noisy(validation: Train.Count));
        var error = Assert.Throws<ArgumentException>(() => trainer.Train(Train, Test));
        Assert.Contains("leaves none", error.Message);
    }

    private sealed class SynchronousRecorder(List<TrainingProgress> into) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => into.Add(value);
    }
}
