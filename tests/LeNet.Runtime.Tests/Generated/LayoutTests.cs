using LeNet.Models;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>The generator's compile-time layout agrees with the runtime's independent one.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void PaperModel_ConstantsMatchRuntimeDescription()
    {
        NetworkDescription d = LeNet5.Description;
        Assert.Equal(LeNet5.ParameterCount, d.ParameterCount);
        Assert.Equal(LeNet5.ActivationCount, d.ActivationCount);
        Assert.Equal(LeNet5.InputSize, d.Input.Size);
        Assert.Equal(LeNet5.OutputSize, d.Output.Size);
        Assert.Equal(LeNet5.C1.Weights, d.Layers[0].ParameterOffset);
        Assert.Equal(LeNet5.C3.Weights, d.Layers[2].ParameterOffset);
        Assert.Equal(LeNet5.S4.Coefficients, d.Layers[3].ParameterOffset);
        Assert.Equal(LeNet5.C5.Output, d.Layers[4].ActivationOffset);
        Assert.Equal(LeNet5.F6.Biases, d.Layers[5].ParameterOffset + 84 * 120);
    }

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void EveryNetwork_ScratchAndSignatureAreConsistent(string name)
    {
        INetwork network = NetworkCases.Generated(name);
        Assert.True(network.ScratchLength >= network.Description.LargestLayer);
        Assert.Equal(16, network.Description.Signature.Length);
    }

    [Fact]
    public void ModernAndClassic_HaveThePublishedParameterCounts()
    {
        Assert.Equal(61_706, LeNet5Classic.ParameterCount);
        Assert.Equal(416_520, LeNet5Classic.Description.MultiplyAdds);
        Assert.Equal(61_706, LeNet5Modern.ParameterCount);
    }
}
