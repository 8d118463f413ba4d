using LeNet.Engine;

namespace LeNet.Training.Tests;

/// <summary>
/// The SDLM curvature (paper, Appendix C) of a network small enough to work out by hand: two inputs,
/// a fully connected layer of two scaled-tanh units, a Euclidean RBF output with two trainable
/// centres, the discriminative criterion. Gauss-Newton: the criterion hands 2 to each input of the
/// RBF (the curvature of the squared distance to the true code), d2E/da_u2 = f'(a_u)^2 * 2,
/// d2E/dw_uj2 = d2E/da_u2 * x_j^2, d2E/db_u2 = d2E/da_u2.
/// </summary>
public sealed class CurvatureHandComputationTests
{
    private static readonly NetworkDescription Tiny = new("tiny-curvature", new Shape(1, 1, 2),
    [
        new LayerDeclaration(LayerKind.FullyConnected, "F1", 2, Activation: Activation.ScaledTanh),
        new LayerDeclaration(LayerKind.RadialBasis, "OUT", 2, Trainable: true, Centres: RbfCentres.Random),
    ]);

    // F1: weights [unit][input], then biases; OUT: centres [unit][input].
    private static readonly float[] Parameters = [0.5f, -0.25f, 0.1f, 0.3f, 0.2f, -0.1f, 1f, -1f, -1f, 1f];
    private static readonly float[] Input = [0.8f, -0.4f];

    /// <summary>f'(a) of the paper's squashing function A tanh(S a).</summary>
    private static double Slope(double a)
    {
        const double A = 1.7159, S = 2.0 / 3.0;
        double t = Math.Tanh(S * a);
        return A * S * (1 - t * t);
    }

    private static float[] Curvature(ILoss loss, int label, out float[] output)
    {
        var network = new GenericNetwork(Tiny);
        var activations = new float[Tiny.ActivationCount];
        network.Forward(Parameters, Input, activations);
        output = activations[^Tiny.Output.Size..];
        var seed = new float[Tiny.Output.Size];
        loss.Curvature(output, label, seed);
        var curvature = new float[Tiny.ParameterCount];
        network.BackwardCurvature(Parameters, Input, activations, seed, curvature, new float[network.ScratchLength]);
        return curvature;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void MatchesTheHandComputation(int label)
    {
        float[] h = Curvature(new RbfDiscriminative(), label, out _);
        var expected = new double[Tiny.ParameterCount];
        for (int u = 0; u < 2; u++)
        {
            double a = Parameters[2 * u] * Input[0] + Parameters[2 * u + 1] * Input[1] + Parameters[4 + u];
            double ha = Slope(a) * Slope(a) * 2.0;
            expected[2 * u] = ha * Input[0] * Input[0];
            expected[2 * u + 1] = ha * Input[1] * Input[1];
            expected[4 + u] = ha;
        }
        expected[6 + 2 * label] = expected[6 + 2 * label + 1] = 2.0;
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(h[k] - expected[k]) <= 1e-5 * Math.Max(1, expected[k]), $"h[{k}] = {h[k]}, by hand {expected[k]}");
    }

    [Fact]
    public void StaysOneOnceTheSampleIsFitted()
    {
        // A fitted sample: y_D far below j, so dE/dy_D = 1 - q_D is about 1 / (1 + e^j) = 0.27;
        // the Gauss-Newton curvature of the squared distance stays 2 per RBF input.
        var loss = new RbfDiscriminative();
        float[] fitted = [0.01f, 40f];
        var gradient = new float[2];
        loss.Loss(fitted, 0, gradient);
        Assert.True(gradient[0] < 0.3f);
        var seed = new float[2];
        loss.Curvature(fitted, 0, seed);
        Assert.Equal([1f, 0f], seed);
    }

    [Fact]
    public void BothRadialBasisCriteriaGiveTheSameCurvature()
    {
        float[] map = Curvature(new RbfDiscriminative(), 1, out _);
        float[] mse = Curvature(new MeanSquaredError(LayerKind.RadialBasis), 1, out _);
        Assert.Equal(mse, map);
    }

    [Fact]
    public void EffectiveRatesAreEtaOverMuPlusCurvaturePerLayer()
    {
        var optimizer = new SdlmOptimizer(Tiny, mu: 0.02f);
        float[] h = [0.98f, 0f, 0.08f, 4.98f, 1.98f, 0.18f, 0.48f, 0f, 0f, 0f];
        optimizer.SetCurvature(h);
        IReadOnlyList<LayerRates> rates = optimizer.EffectiveRates(0.0005f);
        Assert.Equal(["F1", "OUT"], rates.Select(r => r.Layer));
        Assert.Equal([6, 4], rates.Select(r => r.Parameters));
        // F1: h = 0, 0.08, 0.18, 0.98, 1.98, 4.98 -> 0.0005 / (0.02 + h); the median of six is the mean of the middle two.
        Assert.Equal(0.0005f / 5f, rates[0].Min, 1e-7f);
        Assert.Equal(0.5f * (0.0005f / 0.2f + 0.0005f / 1f), rates[0].Median, 1e-7f);
        Assert.Equal(0.0005f / 0.02f, rates[0].Max, 1e-7f);
        Assert.Equal(0.0005f / 0.5f, rates[1].Min, 1e-7f);
        Assert.Equal(0.0005f / 0.02f, rates[1].Median, 1e-7f);
    }
}
