using LeNet.Engine;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// The engine comparison itself (<see cref="EngineCheck"/>, and through it the equivalence tests):
/// it compares every layer relative to that layer's own scale, so it catches a wrong value in a
/// layer of small numbers, which a comparison against the whole vector's largest value lets through.
/// </summary>
public sealed class LayerCheckTests
{
    private const string Network = "lenet5-paper";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AWrongValueInALayerOfSmallNumbers_IsCaught_ThoughTheWholeVectorsScaleHides(bool curvature)
    {
        // Of every network's layers, the one whose values are smallest against its whole vector's.
        var (d, expected, small) = NetworkCases.AllNames.Select(name =>
            {
                INetwork generic = NetworkCases.Generic(name);
                float[] values = Pass(generic, curvature);
                LayerInfo layer = generic.Description.Layers.Where(l => l.ParameterCount > 0).MinBy(l => Scale(Of(values, l)))!;
                return (generic.Description, values, layer);
            })
            .MinBy(c => Scale(Of(c.values, c.layer)) / MathF.Max(1f, Scale(c.values)));
        // An error of half the tolerance the whole vector's scale gives: the comparison this check
        // replaces let it through; in the small layer it is far more than that layer's tolerance.
        float whole = MathF.Max(1f, Scale(expected));
        float[] wrong = (float[])expected.Clone();
        wrong[small.ParameterOffset] += 0.5f * (float)EngineCheck.GradientTolerance * whole;

        Assert.True(WholeVectorDifference(expected, wrong) <= EngineCheck.GradientTolerance);
        Assert.True(Scale(Of(expected, small)) < 0.25f * whole, $"{d.Name} layer {small.Label}'s scale {Scale(Of(expected, small)):G3} against the whole vector's {whole:G3}");
        LayerDifference difference = EngineCheck.ByLayer(d, expected, wrong, EngineCheck.LayerPart.Parameters);
        Assert.True(difference.Difference > EngineCheck.GradientTolerance, $"difference {difference.Difference:G3}");
        Assert.Equal((small.Label, 0), (difference.Layer, difference.Unit));
    }

    [Fact]
    public void EngineCheck_FlagsAGradientAndCurvatureWrongInTheFirstLayerOnly()
    {
        INetwork generated = NetworkCases.Generated(Network);
        LayerInfo first = generated.Description.Layers[0];

        IReadOnlyList<EngineCheckResult> results = EngineCheck.Run(new WrongInOneLayer(generated, first), NetworkCases.Generic(Network));

        Assert.True(results.Single(r => r.Pass == "forward").Agrees);
        foreach (string pass in new[] { "backward", "curvature" })
        {
            EngineCheckResult result = results.Single(r => r.Pass == pass);
            Assert.False(result.Agrees, $"{pass}: difference {result.Difference:G3}, tolerance {result.Tolerance:G3}");
            Assert.Equal(first.Label, result.Layer);
        }
    }

    [Fact]
    public void EngineCheck_PassesTheGeneratedEngine_InEveryLayer()
    {
        foreach (EngineCheckResult result in EngineCheck.Run(NetworkCases.Generated(Network), NetworkCases.Generic(Network)))
            Assert.True(result.Agrees, $"{result.Pass}, layer {result.Layer}: {result.Difference:G3} (allowed {result.Tolerance:G3})");
    }

    private static float[] Pass(INetwork network, bool curvature)
    {
        NetworkDescription d = network.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 5), input = NetworkCases.Random(d.Input.Size, seed: 6, scale: 1.2f);
        float[] outputDelta = NetworkCases.Random(d.Output.Size, seed: 7, scale: 1f).Select(MathF.Abs).ToArray();
        float[] activations = new float[d.ActivationCount], result = new float[d.ParameterCount], scratch = new float[network.ScratchLength];
        network.Forward(parameters, input, activations);
        if (curvature) network.BackwardCurvature(parameters, input, activations, outputDelta, result, scratch);
        else network.Backward(parameters, input, activations, outputDelta, result, scratch);
        return result;
    }

    private static ReadOnlySpan<float> Of(float[] values, LayerInfo layer) => values.AsSpan(layer.ParameterOffset, layer.ParameterCount);

    private static float Scale(ReadOnlySpan<float> values)
    {
        float scale = 0f;
        foreach (float value in values) scale = MathF.Max(scale, MathF.Abs(value));
        return scale;
    }

    /// <summary>The comparison the equivalence tests made before: the largest difference over max(1, largest |expected|) of the whole vector.</summary>
    private static double WholeVectorDifference(float[] expected, float[] actual) =>
        expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max() / Math.Max(1f, Scale(expected));

    /// <summary>An engine that adds 0.1% to the largest gradient and curvature value of one layer, and is right everywhere else.</summary>
    private sealed class WrongInOneLayer(INetwork inner, LayerInfo layer) : INetwork
    {
        public NetworkDescription Description => inner.Description;
        public int ScratchLength => inner.ScratchLength;
        public int BlockSize => inner.BlockSize;
        public int BlockScratchLength => inner.BlockScratchLength;

        public void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations) =>
            inner.Forward(parameters, input, activations);

        public void ForwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> activations) =>
            inner.ForwardBlock(parameters, inputs, activations);

        public void BackwardBlock(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch) =>
            inner.BackwardBlock(parameters, inputs, activations, outputGradients, gradient, scratch);

        public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputGradient, Span<float> gradient, Span<float> scratch)
        {
            inner.Backward(parameters, input, activations, outputGradient, gradient, scratch);
            Spoil(gradient);
        }

        public void BackwardCurvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
            ReadOnlySpan<float> outputCurvature, Span<float> curvature, Span<float> scratch)
        {
            inner.BackwardCurvature(parameters, input, activations, outputCurvature, curvature, scratch);
            Spoil(curvature);
        }

        private void Spoil(Span<float> values)
        {
            Span<float> own = values.Slice(layer.ParameterOffset, layer.ParameterCount);
            int largest = 0;
            for (int i = 1; i < own.Length; i++)
                if (MathF.Abs(own[i]) > MathF.Abs(own[largest])) largest = i;
            own[largest] *= 1.001f;
        }
    }
}
