using LeNet.Data;
using LeNet.Models;
using LeNet.Runtime.Tests.Data;
using LeNet.Training;

namespace LeNet.Runtime.Tests.Training;

/// <summary>
/// The shipped models learn the real MNIST digits with their own recipes and the generated code:
/// a few thousand images for a short while must clear a bar far above chance (10%). The bars sit
/// well below what the runs reach (about 95% and 85%), so kernel changes that only move the last
/// float bits cannot flip them.
/// </summary>
public sealed class RealMnistTrainingTests
{
    [Fact]
    public void DefaultModel_LearnsRealDigits_WithItsRecipe()
    {
        MnistSplit mnist = RealMnist.Load();
        ModelEntry entry = ModelCatalog.Default;
        var trainer = new Trainer(entry.Create(), entry.Recipe with { Epochs = 2, WarmupSteps = 20 });
        TrainingResult result = trainer.Train(mnist.Train.Take(4_000), mnist.Test.Take(1_000));
        Assert.True(result.Best!.TestAccuracy >= 0.90, $"{entry.Name}: {result.Best.TestAccuracy:P2} on 1,000 test digits after 2 passes over 4,000");
    }

    [Fact]
    public void PaperModel_LearnsRealDigits_WithThePapersRecipe()
    {
        MnistSplit mnist = RealMnist.Load();
        ModelEntry entry = ModelCatalog.Find("lenet5-paper");
        // Two passes: the recipe's rate decays to 0 over the run, and one pass over 4,000 images is only 400 updates.
        var trainer = new Trainer(entry.Create(), entry.Recipe with { Epochs = 2 });
        TrainingResult result = trainer.Train(mnist.Train.Take(4_000), mnist.Test.Take(1_000));
        Assert.True(result.Best!.TestAccuracy >= 0.75, $"{entry.Name}: {result.Best.TestAccuracy:P2} on 1,000 test digits after two passes over 4,000");
    }
}
