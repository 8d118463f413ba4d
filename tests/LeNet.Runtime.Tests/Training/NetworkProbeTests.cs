using LeNet.Engine;

namespace LeNet.Training.Tests;

public sealed class NetworkProbeTests
{
    [Fact]
    public void PassesANetworkWithOrdinaryWeights()
    {
        NetworkDescription network = TinyNetworks.Softmax();
        float[] parameters = ParameterInitializer.Create(network, InitializationScheme.Default, seed: 1);
        Assert.True(NetworkProbe.OutputsAreFinite(new GenericNetwork(network), parameters));
    }

    [Fact]
    public void FailsANetworkWhoseFiniteWeightsOverflow()
    {
        NetworkDescription network = TinyNetworks.Softmax();
        float[] parameters = ParameterInitializer.Create(network, InitializationScheme.Default, seed: 1);
        for (int i = 0; i < parameters.Length; i++) parameters[i] *= 1e30f;
        Assert.All(parameters, p => Assert.True(float.IsFinite(p)));
        Assert.False(NetworkProbe.OutputsAreFinite(new GenericNetwork(network), parameters));
    }

    [Fact]
    public void RefusesTheWrongNumberOfParameters() =>
        Assert.Throws<ArgumentException>(() => NetworkProbe.OutputsAreFinite(new GenericNetwork(TinyNetworks.Softmax()), new float[3]));
}
