using LeNet.Engine;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// The generated backward and curvature passes against the generic engine, and the gradients of
/// both against central finite differences of the loss.
/// </summary>
public sealed class GradientTests
{
    /// <summary>Both engines sum in different orders; 1e-4 of each layer's scale covers that and nothing more.</summary>
    private const float EngineTolerance = 1e-4f;

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Backward_MatchesGenericEngine(string name)
    {
        (float[] expected, float[] actual) = BothPasses(name, curvature: false);
        ForwardEquivalenceTests.AssertCloseByLayer(NetworkCases.Generated(name).Description, expected, actual, EngineCheck.LayerPart.Parameters, $"{name} gradient", EngineTolerance);
    }

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Curvature_MatchesGenericEngine(string name)
    {
        (float[] expected, float[] actual) = BothPasses(name, curvature: true);
        ForwardEquivalenceTests.AssertCloseByLayer(NetworkCases.Generated(name).Description, expected, actual, EngineCheck.LayerPart.Parameters, $"{name} curvature", EngineTolerance);
        Assert.All(actual, value => Assert.True(value >= 0f, "a Gauss-Newton curvature is never negative"));
    }

    /// <summary>
    /// Central differences of L = sum_i c_i y_i (c random, y the outputs) against the generated
    /// gradient, for a sample of parameters from every layer. The forward pass is float, the loss is
    /// summed in double: with a step h = 1e-3 the truncation error (h^2 f'''/6) is below 1e-6 and
    /// the rounding error (a few ulps of |L| ~ 1, divided by 2h) about 5e-4, so agreement within 3%
    /// of the gradient plus 2e-3 absolute catches any wrong index or missing term (those are off by
    /// 100% or by a whole other gradient) without flagging float noise. The small step also keeps
    /// ReLU and max-pool kinks crossed inside it rare, and the seeds are fixed, so the test is not flaky.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void Backward_MatchesFiniteDifferences(string name)
    {
        INetwork network = NetworkCases.Generated(name);
        NetworkDescription d = network.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 11);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 12, scale: 1.2f);
        float[] weights = NetworkCases.Random(d.Output.Size, seed: 13, scale: 1f);
        float[] activations = new float[d.ActivationCount], gradient = new float[d.ParameterCount], scratch = new float[network.ScratchLength];
        network.Forward(parameters, input, activations);
        // Scale each output's weight by its size so L stays near 1 even for large RBF penalties:
        // the rounding error of the difference quotient grows with |L|.
        for (int i = 0; i < weights.Length; i++) weights[i] /= 1f + MathF.Abs(activations[d.OutputOffset + i]);
        network.Backward(parameters, input, activations, weights, gradient, scratch);

        double Loss()
        {
            network.Forward(parameters, input, activations);
            double loss = 0;
            for (int i = 0; i < weights.Length; i++) loss += weights[i] * (double)activations[d.OutputOffset + i];
            return loss;
        }

        const float Step = 1e-3f;
        var random = new Random(14);
        int checkedCount = 0;
        foreach (LayerInfo layer in d.Layers.Where(l => l.ParameterCount > 0))
            for (int probe = 0; probe < 12; probe++)
            {
                int index = layer.ParameterOffset + random.Next(layer.ParameterCount);
                float original = parameters[index];
                parameters[index] = original + Step;
                double plus = Loss();
                parameters[index] = original - Step;
                double minus = Loss();
                parameters[index] = original;
                double numeric = (plus - minus) / (2 * Step);
                double analytic = gradient[index];
                Assert.True(Math.Abs(numeric - analytic) <= 0.03 * Math.Abs(analytic) + 2e-3,
                    $"{name} layer {layer.Label} parameter {index - layer.ParameterOffset}: finite difference {numeric:G6}, backward {analytic:G6}");
                checkedCount++;
            }
        Assert.True(checkedCount > 0 || d.ParameterCount == 0);
    }

    private static (float[] Expected, float[] Actual) BothPasses(string name, bool curvature)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription d = generated.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 3);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 4, scale: 1.2f);
        float[] outputDelta = NetworkCases.Random(d.Output.Size, seed: 8, scale: 1f);
        if (curvature) outputDelta = outputDelta.Select(MathF.Abs).ToArray();
        float[] activations = new float[d.ActivationCount];
        generic.Forward(parameters, input, activations);

        float[] expected = new float[d.ParameterCount], actual = new float[d.ParameterCount];
        if (curvature)
        {
            generic.BackwardCurvature(parameters, input, activations, outputDelta, expected, new float[generic.ScratchLength]);
            generated.BackwardCurvature(parameters, input, activations, outputDelta, actual, new float[generated.ScratchLength]);
        }
        else
        {
            generic.Backward(parameters, input, activations, outputDelta, expected, new float[generic.ScratchLength]);
            generated.Backward(parameters, input, activations, outputDelta, actual, new float[generated.ScratchLength]);
        }
        return (expected, actual);
    }
}
