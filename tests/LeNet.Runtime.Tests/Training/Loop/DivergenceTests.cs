using LeNet.Engine;

namespace LeNet.Training.Tests;

public sealed class DivergenceTests
{
    private static readonly Data.LabelledImages Train = SyntheticImages.Make(160, seed: 21);

    [Theory]
    [InlineData("softmax", 1e20f)]
    [InlineData("linear", 1e6f)]
    public void AnAbsurdLearningRateStopsWithAClearMessageAndKeepsFiniteBestParameters(string output, float rate)
    {
        NetworkDescription network = output == "softmax" ? TinyNetworks.Softmax() : TinyNetworks.Linear();
        var options = new TrainingOptions { Epochs = 3, BatchSize = 4, LearningRate = rate, Momentum = 0f, Threads = 2 };
        var trainer = new Trainer(new GenericNetwork(network), options);
        float[] initial = trainer.Parameters.ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Train(Train, null));
        Assert.Equal(1, error.Epoch);
        Assert.Equal(rate, error.LearningRate);
        Assert.Contains("learning rate", error.Message);
        Assert.Contains("Lower", error.Message);
        Assert.Equal(initial, trainer.BestParameters);
        Assert.All(trainer.BestParameters, p => Assert.True(float.IsFinite(p)));
    }
}
