namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// The generated one-sample SGD step that uses the parameters as the backward pass's accumulator,
/// against the unfused step: a separate gradient, then parameters - rate x gradient.
/// </summary>
public sealed class FusedSgdStepTests
{
    /// <summary>
    /// A large rate, so that a kernel reading a parameter after adding into it (an input delta
    /// computed with already-updated weights) moves the result far beyond float rounding.
    /// </summary>
    private const float Rate = 0.5f;

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void SgdStep_EqualsGradientThenUpdate(string name)
    {
        INetwork network = NetworkCases.Generated(name);
        var fused = Assert.IsAssignableFrom<IFusedSgdStep>(network);
        NetworkDescription d = network.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 11);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 12, scale: 1.2f);
        float[] outputGradient = NetworkCases.Random(d.Output.Size, seed: 13, scale: 1f);
        float[] activations = new float[d.ActivationCount], scratch = new float[network.ScratchLength];
        network.Forward(parameters, input, activations);

        float[] gradient = new float[d.ParameterCount];
        network.Backward(parameters, input, activations, outputGradient, gradient, scratch);
        float[] expected = new float[d.ParameterCount];
        for (int k = 0; k < expected.Length; k++) expected[k] = parameters[k] - Rate * gradient[k];

        float[] actual = (float[])parameters.Clone();
        fused.SgdStep(actual, input, activations, outputGradient, Rate, scratch);
        ForwardEquivalenceTests.AssertClose(expected, actual, $"{name} fused SGD step");
        Assert.NotEqual(parameters, actual);
    }

    [Fact]
    public void SgdStep_RejectsAParameterBufferOfTheWrongSize()
    {
        INetwork network = NetworkCases.Generated("lenet5-paper");
        NetworkDescription d = network.Description;
        var error = Assert.Throws<ArgumentException>(() => ((IFusedSgdStep)network).SgdStep(new float[d.ParameterCount - 1],
            new float[d.Input.Size], new float[d.ActivationCount], new float[d.Output.Size], 0.1f, new float[network.ScratchLength]));
        Assert.Contains("parameters", error.Message);
    }
}
