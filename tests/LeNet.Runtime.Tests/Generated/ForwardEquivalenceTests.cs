using LeNet.Engine;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>The generated one-sample forward pass computes what the generic engine computes, layer by layer (blocks: <see cref="BlockEquivalenceTests"/>).</summary>
public sealed class ForwardEquivalenceTests
{
    /// <summary>
    /// Tolerance: 1e-5 relative to the layer's scale (its largest magnitude). The two
    /// engines sum in different orders and the generated tanh is a vector approximation, which
    /// moves the last float bits but never more than a few 1e-7 per layer.
    /// </summary>
    private const float Tolerance = 1e-5f;

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Forward_MatchesGenericEngine_ForOneSample(string name)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription description = generated.Description;
        float[] parameters = NetworkCases.Parameters(description, seed: 1);
        float[] input = NetworkCases.Random(description.Input.Size, seed: 3, scale: 1.2f);
        float[] expected = new float[description.ActivationCount], actual = new float[expected.Length];
        generic.Forward(parameters, input, expected);
        generated.Forward(parameters, input, actual);
        AssertCloseByLayer(description, expected, actual, EngineCheck.LayerPart.Activations, name, Tolerance);
    }

    [Fact]
    public void Forward_RejectsBuffersThatAreTooShort()
    {
        INetwork network = NetworkCases.Generated("lenet5-paper");
        var error = Assert.Throws<ArgumentException>(() =>
            network.Forward(new float[network.Description.ParameterCount], new float[10], new float[network.Description.ActivationCount]));
        Assert.Contains("'input' holds 10 floats but needs at least 1024", error.Message);
    }

    /// <summary>
    /// Asserts that two activation or parameter-shaped vectors (gradient, curvature) of network
    /// <paramref name="d"/> agree within <paramref name="tolerance"/> in every layer, relative to that
    /// layer's own scale (<see cref="EngineCheck.ByLayer"/>).
    /// </summary>
    internal static void AssertCloseByLayer(NetworkDescription d, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual,
        EngineCheck.LayerPart part, string where, double tolerance)
    {
        LayerDifference difference = EngineCheck.ByLayer(d, expected, actual, part);
        Assert.True(difference.Difference <= tolerance,
            $"{where}, layer {difference.Layer}, value {difference.Unit}: differs by {difference.Difference:G3} of the layer's scale (allowed {tolerance:G3})");
    }

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string where, float tolerance = Tolerance)
    {
        float scale = 1f;
        foreach (float value in expected) scale = MathF.Max(scale, MathF.Abs(value));
        for (int i = 0; i < expected.Length; i++)
        {
            float difference = MathF.Abs(expected[i] - actual[i]);
            Assert.True(difference <= tolerance * scale && float.IsFinite(actual[i]),
                $"{where}, unit {i}: generic {expected[i]:R}, generated {actual[i]:R} (difference {difference:G3}, allowed {tolerance * scale:G3})");
        }
    }
}
