using LeNet.Data;
using LeNet.Engine;

namespace LeNet.Training.Tests;

public sealed class TrainerTests
{
    private static readonly LabelledImages Train = SyntheticImages.Make(480, seed: 1, "synthetic-train");
    private static readonly LabelledImages Test = SyntheticImages.Make(240, seed: 2, "synthetic-test");
    private const double Learned = 0.95;

    private static TrainingResult Run(NetworkDescription network, TrainingOptions options, out Trainer trainer)
    {
        trainer = new Trainer(new GenericNetwork(network), options);
        return trainer.Train(Train, Test);
    }

    public static TheoryData<string, TrainingOptions> SoftmaxRecipes => new()
    {
        { "sgd", new TrainingOptions { Epochs = 6, BatchSize = 8, LearningRate = 0.05f, Threads = 2 } },
        { "adam", new TrainingOptions { Epochs = 6, BatchSize = 8, LearningRate = 0.01f, Optimizer = OptimizerKind.Adam, Threads = 2 } },
        { "sdlm", new TrainingOptions { Epochs = 6, BatchSize = 1, LearningRate = 0.002f, Optimizer = OptimizerKind.Sdlm, Threads = 2 } },
    };

    [Theory]
    [MemberData(nameof(SoftmaxRecipes))]
    public void LearnsTheSyntheticClassesOnASoftmaxNetwork(string recipe, TrainingOptions options)
    {
        TrainingResult result = Run(TinyNetworks.Softmax(), options, out Trainer trainer);
        Assert.Equal(options.Epochs, result.Reports.Count);
        Assert.True(result.Best!.TestAccuracy >= Learned, $"{recipe}: best test accuracy {result.Best.TestAccuracy}");
        Assert.True(result.Reports[^1].TrainLoss < result.Reports[0].TrainLoss, $"{recipe}: the training loss did not fall");
        Assert.Equal(result.BestParameters, trainer.BestParameters);
        Assert.Same(result.Reports[^1], result.Best); // no validation set: the last pass is kept, whatever the test set says
    }

    [Fact]
    public void LearnsWithThePapersRecipeOnARadialBasisNetwork()
    {
        var options = TrainingOptions.Paper with { Epochs = 4, LearningRate = 0.002f, Threads = 2 }; // the paper's table, scaled
        TrainingResult result = Run(TinyNetworks.RadialBasis(), options, out Trainer trainer);
        Assert.IsType<RbfDiscriminative>(trainer.Loss);
        Assert.True(result.Best!.TestAccuracy >= Learned, $"best test accuracy {result.Best.TestAccuracy}");
    }

    [Fact]
    public void LearnsWithSquaredErrorOnPlainOutputs()
    {
        var options = new TrainingOptions { Epochs = 6, BatchSize = 8, LearningRate = 0.02f, Threads = 2 };
        TrainingResult result = Run(TinyNetworks.Linear(), options, out Trainer trainer);
        Assert.IsType<MeanSquaredError>(trainer.Loss);
        Assert.True(result.Best!.TestAccuracy >= Learned, $"best test accuracy {result.Best.TestAccuracy}");
    }

    [Fact]
    public void ReportsEveryEpochAndProgress()
    {
        var epochs = new List<EpochReport>();
        var progress = new SynchronousProgress();
        var trainer = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), new TrainingOptions { Epochs = 2, BatchSize = 16, Threads = 1 });
        TrainingResult result = trainer.Train(Train, null, progress, epochs.Add);
        Assert.Equal([1, 2], epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.Null(e.Test));
        Assert.All(epochs, e => Assert.True(e.IsBest));
        Assert.Equal(result.FinalParameters, result.BestParameters);
        Assert.NotEmpty(progress.Reports);
        TrainingProgress last = progress.Reports[^1];
        Assert.Equal((2, Train.Count, Train.Count), (last.Epoch, last.SamplesDone, last.SamplesInEpoch));
    }

    [Fact]
    public void WithAveragingTheBestParametersAreTheMovingAverageOfTheSteps()
    {
        // One step per pass (the whole set is the batch) in one constant order, so that a run
        // without averaging, one pass per Train call, retraces the same steps.
        var plain = new TrainingOptions { Epochs = 1, BatchSize = Train.Count, LearningRate = 0.05f, Order = SampleOrder.Fixed, Threads = 2 };
        const int Steps = 4;
        const float Decay = 0.5f;
        var averaged = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), plain with { Epochs = Steps, AverageDecay = Decay });
        TrainingResult result = averaged.Train(Train, null);

        var reference = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), plain);
        float[] expected = reference.Parameters.ToArray();
        for (int n = 0; n < Steps; n++)
        {
            reference.Train(Train, null);
            float weight = 1f - Math.Min(Decay, (1f + n) / (10f + n)); // 0.9, 0.82, 0.75, then the decay's 0.5
            for (int i = 0; i < expected.Length; i++) expected[i] += weight * (reference.Parameters.Span[i] - expected[i]);
        }

        Assert.Equal(reference.Parameters, result.FinalParameters);
        Assert.NotEqual(result.FinalParameters, result.BestParameters);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - result.BestParameters[i]) <= 1e-6f * (1f + Math.Abs(expected[i])),
                $"parameter {i}: {result.BestParameters[i]}, expected {expected[i]}");
    }

    [Fact]
    public void WithAveragingEachPassIsTestedOnTheAverage()
    {
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 0.05f, Threads = 2, AverageDecay = 0.99f };
        TrainingResult result = Run(TinyNetworks.Softmax(), options, out Trainer trainer);
        EvaluationResult tested = trainer.Evaluator.Evaluate(result.BestParameters, Test);
        Assert.Equal(result.Best!.TestAccuracy, tested.Accuracy);
        Assert.Equal(result.Best.Test!.MeanLoss, tested.MeanLoss, 1e-9);
    }

    [Fact]
    public void TheSummaryNamesTheDistortionsAndTheAverage()
    {
        var options = new TrainingOptions { AverageDecay = 0.999f };
        Assert.Contains("average=0.999", options.Summary());
        Assert.DoesNotContain("average", new TrainingOptions().Summary());
        Assert.Contains("augmentation=affine ", (options with { Augmentation = new DistortionAugmentation() }).Summary() + " ");
        Assert.Contains("augmentation=affine+elastic(34,4)", (options with { Augmentation = new DistortionAugmentation(DistortionRanges.Elastic) }).Summary());
        Assert.Contains("augmentation=elastic(34,4)", (options with { Augmentation = new DistortionAugmentation(DistortionRanges.ElasticAlone) }).Summary());
    }

    [Fact]
    public void CancellationStopsBetweenStepsAndKeepsTheParameters()
    {
        using var cancel = new CancellationTokenSource();
        var trainer = new Trainer(new GenericNetwork(TinyNetworks.Softmax()), new TrainingOptions { Epochs = 3, BatchSize = 16, Threads = 1 });
        TrainingResult result = trainer.Train(Train, Test, onEpoch: _ => cancel.Cancel(), token: cancel.Token);
        Assert.True(result.Cancelled);
        Assert.Single(result.Reports);
        Assert.Same(result.Reports[0], result.Best);
    }

    [Fact]
    public void RejectsACriterionTheOutputCannotFeed()
    {
        var options = new TrainingOptions { Loss = new RbfDiscriminative() };
        var error = Assert.Throws<ArgumentException>(() => new Trainer(new GenericNetwork(TinyNetworks.Softmax()), options));
        Assert.Contains("radial-basis", error.Message);
    }

    [Fact]
    public void RejectsInvalidOptionsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Trainer(new GenericNetwork(TinyNetworks.Softmax()), new TrainingOptions { BatchSize = 0 }));
        Assert.Contains("batch size", error.Message);
    }

    [Theory]
    [InlineData(SampleOrder.Fixed)]
    [InlineData(SampleOrder.Reshuffled)]
    public void VisitsTheSamplesInOnePermutationOrAFreshOnePerPass(SampleOrder order)
    {
        var seen = new OrderRecorder(Train);
        var options = new TrainingOptions { Epochs = 3, BatchSize = 16, Threads = 1, Order = order, Augmentation = seen };
        new Trainer(new GenericNetwork(TinyNetworks.Softmax()), options).Train(Train, null);
        int[][] passes = seen.Indices.Chunk(Train.Count).ToArray();
        Assert.Equal(3, passes.Length);
        Assert.All(passes, pass => Assert.Equal(Enumerable.Range(0, Train.Count), pass.Order()));
        Assert.NotEqual(Enumerable.Range(0, Train.Count), passes[0]);
        Assert.Equal(order == SampleOrder.Fixed, passes[1].SequenceEqual(passes[0]));
        Assert.Equal(order == SampleOrder.Fixed, passes[2].SequenceEqual(passes[0]));

        // Both orders start from the same permutation.
        var reshuffled = new OrderRecorder(Train);
        new Trainer(new GenericNetwork(TinyNetworks.Softmax()), options with { Epochs = 1, Order = SampleOrder.Reshuffled, Augmentation = reshuffled }).Train(Train, null);
        Assert.Equal(passes[0], reshuffled.Indices);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FixedDistortedCopiesComeBackInTurnWithTheImageItself(int threads)
    {
        const int Copies = 2, Cycles = 2;
        var seen = new SeedRecorder(Train);
        var passEnds = new List<int>();
        var options = new TrainingOptions { Epochs = Cycles * (Copies + 1), BatchSize = 16, Threads = threads, Augmentation = seen, DistortedCopies = Copies };
        new Trainer(new GenericNetwork(TinyNetworks.Softmax()), options).Train(Train, null, onEpoch: _ => passEnds.Add(seen.Calls.Count));

        // Over n + 1 passes each image is shown once as itself and once as each copy; the same copy each time it comes back.
        foreach (IGrouping<int, (int Image, ulong Seed)> image in seen.Calls.GroupBy(c => c.Image))
        {
            Assert.Equal(Cycles * Copies, image.Count());
            Assert.All(image.GroupBy(c => c.Seed), copy => Assert.Equal(Cycles, copy.Count()));
        }
        Assert.Equal(Train.Count, seen.Calls.Select(c => c.Image).Distinct().Count());
        // The copies differ between images, and every pass shows about a third of the images undistorted.
        Assert.Equal(Train.Count * Copies, seen.Calls.Select(c => c.Seed).Distinct().Count());
        int[] distorted = passEnds.Zip(passEnds.Prepend(0), (end, start) => end - start).ToArray();
        Assert.All(distorted, count => Assert.InRange(Train.Count - count, Train.Count / 6, Train.Count / 2));

        // 0 copies: a fresh distortion at every presentation.
        var fresh = new SeedRecorder(Train);
        new Trainer(new GenericNetwork(TinyNetworks.Softmax()), options with { Augmentation = fresh, DistortedCopies = 0 }).Train(Train, null);
        Assert.Equal(options.Epochs * Train.Count, fresh.Calls.Select(c => c.Seed).Distinct().Count());
    }

    [Fact]
    public void RefusesDistortedCopiesWithoutADistortion()
    {
        Assert.Contains("need a distortion", Assert.Throws<ArgumentException>(() => new TrainingOptions { DistortedCopies = 9 }.Validate()).Message);
        Assert.Contains("cannot be negative", Assert.Throws<ArgumentException>(() => new TrainingOptions { DistortedCopies = -1, Augmentation = new DistortionAugmentation() }.Validate()).Message);
        Assert.Contains("copies=9", (TrainingOptions.Paper with { Augmentation = new DistortionAugmentation(), DistortedCopies = TrainingOptions.PaperDistortedCopies }).Summary());
    }

    [Fact]
    public void ParsesTheSampleOrders()
    {
        Assert.Equal(SampleOrder.Fixed, SampleOrders.Parse(" Fixed"));
        Assert.Equal(SampleOrder.Reshuffled, SampleOrders.Parse("reshuffled"));
        Assert.Equal(SampleOrder.Fixed, TrainingOptions.Paper.Order);
        Assert.Contains("fixed", Assert.Throws<ArgumentException>(() => SampleOrders.Parse("sorted")).Message);
    }

    /// <summary>An augmentation that copies each image and notes which training image it was, in order.</summary>
    private sealed class OrderRecorder(LabelledImages data) : IImageAugmentation
    {
        private readonly Dictionary<string, int> _index = Enumerable.Range(0, data.Count).ToDictionary(i => Convert.ToBase64String(data.Image(i)));
        public List<int> Indices { get; } = [];
        public void Prepare(int workers, int rows, int columns) { }
        public void Apply(int worker, ulong seed, ReadOnlySpan<byte> source, Span<byte> destination)
        {
            source.CopyTo(destination);
            Indices.Add(_index[Convert.ToBase64String(source)]);
        }
    }

    /// <summary>An augmentation that copies each image and notes which training image it was and the seed it came with.</summary>
    private sealed class SeedRecorder(LabelledImages data) : IImageAugmentation
    {
        private readonly Dictionary<string, int> _index = Enumerable.Range(0, data.Count).ToDictionary(i => Convert.ToBase64String(data.Image(i)));
        public List<(int Image, ulong Seed)> Calls { get; } = [];
        public void Prepare(int workers, int rows, int columns) { }
        public void Apply(int worker, ulong seed, ReadOnlySpan<byte> source, Span<byte> destination)
        {
            source.CopyTo(destination);
            lock (Calls) Calls.Add((_index[Convert.ToBase64String(source)], seed));
        }
    }

    /// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them elsewhere).</summary>
    private sealed class SynchronousProgress : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];
        public void Report(TrainingProgress value) => Reports.Add(value);
    }
}
