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
        Assert.Equal(result.Reports.Max(r => r.TestAccuracy), result.Best.TestAccuracy);
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

    /// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them elsewhere).</summary>
    private sealed class SynchronousProgress : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];
        public void Report(TrainingProgress value) => Reports.Add(value);
    }
}
