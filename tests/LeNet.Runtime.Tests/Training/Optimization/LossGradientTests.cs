namespace LeNet.Training.Tests;

/// <summary>Each loss's gradient against a central finite difference of a double-precision reference formula.</summary>
public sealed class LossGradientTests
{
    private const int Outputs = 10;
    private const double Step = 1e-4;

    private static double[] RandomOutputs(int seed, double low, double high)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Outputs).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
    }

    private static double[] Probabilities(int seed)
    {
        double[] raw = RandomOutputs(seed, 0.05, 1.0);
        double sum = raw.Sum();
        return raw.Select(v => v / sum).ToArray();
    }

    private static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    /// <summary>Checks the float loss against the reference and its gradient against finite differences of the reference.</summary>
    private static void CheckGradient(ILoss loss, double[] outputs, int label, Func<double[], int, double> reference, double tolerance)
    {
        float[] y = ToFloat(outputs);
        double[] exact = y.Select(v => (double)v).ToArray();
        var gradient = new float[Outputs];
        float value = loss.Loss(y, label, gradient);
        Assert.Equal(reference(exact, label), value, tolerance);
        for (int i = 0; i < Outputs; i++)
        {
            double[] plus = (double[])exact.Clone(), minus = (double[])exact.Clone();
            plus[i] += Step;
            minus[i] -= Step;
            double numeric = (reference(plus, label) - reference(minus, label)) / (2 * Step);
            Assert.True(Math.Abs(numeric - gradient[i]) <= tolerance * Math.Max(1, Math.Abs(numeric)),
                $"{loss.Name}: dE/dy[{i}] = {gradient[i]}, finite difference {numeric}");
        }
    }

    private static double CrossEntropyReference(double[] p, int label) => -Math.Log(Math.Max(p[label], CrossEntropy.MinProbability));

    private static double SquaredErrorReference(double[] y, int label) =>
        0.5 * y.Select((v, i) => (v - (i == label ? 1 : 0)) * (v - (i == label ? 1 : 0))).Sum();

    private static double MapReference(double[] y, int label, double j)
    {
        // log-sum-exp in double with the largest exponent factored out, for large penalties.
        double top = Math.Max(-j, y.Max(v => -v));
        double sum = Math.Exp(-j - top) + y.Sum(v => Math.Exp(-v - top));
        return y[label] + top + Math.Log(sum);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 7)]
    [InlineData(3, 9)]
    public void CrossEntropyGradientMatchesFiniteDifferences(int seed, int label) =>
        CheckGradient(new CrossEntropy(), Probabilities(seed), label, CrossEntropyReference, 1e-3);

    [Theory]
    [InlineData(4, 3)]
    [InlineData(5, 0)]
    public void SquaredErrorGradientMatchesFiniteDifferences(int seed, int label) =>
        CheckGradient(new MeanSquaredError(LayerKind.FullyConnected), RandomOutputs(seed, -1.5, 1.5), label, SquaredErrorReference, 1e-3);

    [Theory]
    [InlineData(6, 2)]
    [InlineData(7, 5)]
    public void MaximumLikelihoodGradientMatchesFiniteDifferences(int seed, int label) =>
        CheckGradient(new MeanSquaredError(LayerKind.RadialBasis), RandomOutputs(seed, 0, 50), label, (y, d) => y[d], 1e-3);

    [Theory]
    [InlineData(8, 1, 0.0, 5.0, 1.0)]    // penalties near j: every term matters
    [InlineData(9, 4, 0.0, 3.0, 0.1)]
    [InlineData(10, 6, 60.0, 200.0, 1.0)] // large penalties: e^-y underflows without log-sum-exp
    [InlineData(11, 8, 0.0, 10.0, 5.0)]
    public void DiscriminativeGradientMatchesFiniteDifferences(int seed, int label, double low, double high, float j) =>
        CheckGradient(new RbfDiscriminative(j), RandomOutputs(seed, low, high), label, (y, d) => MapReference(y, d, j), 1e-3);

    [Fact]
    public void DiscriminativeLossIsNeverNegativeAndVanishesForAClearWinner()
    {
        var loss = new RbfDiscriminative();
        var gradient = new float[Outputs];
        float[] clear = Enumerable.Repeat(80f, Outputs).ToArray();
        clear[3] = 0f;
        Assert.InRange(loss.Loss(clear, 3, gradient), 0f, 0.5f);
        float[] wrong = (float[])clear.Clone();
        Assert.True(loss.Loss(wrong, 4, gradient) > 70f);
    }

    [Fact]
    public void CrossEntropyCurvatureIsTheSecondDerivativeAtTheLabel()
    {
        double[] p = Probabilities(12);
        var curvature = new float[Outputs];
        new CrossEntropy().Curvature(ToFloat(p), 4, curvature);
        double reference = 1 / (p[4] * p[4]);
        Assert.Equal(1.0, curvature[4] / reference, 3);
        Assert.All(curvature.Where((_, i) => i != 4), c => Assert.Equal(0f, c));
    }

    [Fact]
    public void SquaredErrorCurvatureIsOneEverywhere()
    {
        var curvature = new float[Outputs];
        new MeanSquaredError(LayerKind.FullyConnected).Curvature(ToFloat(RandomOutputs(13, -1, 1)), 2, curvature);
        Assert.All(curvature, c => Assert.Equal(1f, c));
    }

    [Theory]
    [InlineData(14, 0.0, 5.0)]
    [InlineData(15, 20.0, 120.0)]
    public void RadialBasisCurvatureWeighsOnlyTheTrueClassDistance(int seed, double low, double high)
    {
        float[] y = ToFloat(RandomOutputs(seed, low, high));
        foreach (ILoss loss in new ILoss[] { new RbfDiscriminative(), new MeanSquaredError(LayerKind.RadialBasis) })
        {
            var curvature = new float[Outputs];
            loss.Curvature(y, 6, curvature);
            for (int i = 0; i < Outputs; i++) Assert.Equal(i == 6 ? 1f : 0f, curvature[i]);
        }
    }

    [Fact]
    public void RadialBasisReadingsPreferTheNearestCode()
    {
        float[] y = [30f, 12f, 50f, 2f, 40f, 41f, 42f, 43f, 44f, 45f];
        var p = new float[Outputs];
        var loss = new RbfDiscriminative();
        Assert.Equal(3, loss.Predict(y));
        loss.Probabilities(y, p);
        Assert.Equal(1.0, p.Sum(), 5);
        Assert.Equal(3, Array.IndexOf(p, p.Max()));
        Assert.Equal(3, new MeanSquaredError(LayerKind.RadialBasis).Predict(y));
    }

    [Fact]
    public void CrossEntropyClampsAVanishingProbability()
    {
        float[] p = [0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f];
        var gradient = new float[Outputs];
        float value = new CrossEntropy().Loss(p, 0, gradient);
        Assert.True(float.IsFinite(value) && value > 60f);
        Assert.True(float.IsFinite(gradient[0]));
        Assert.True(float.IsNaN(new CrossEntropy().Loss([float.NaN, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], 0, gradient)));
    }
}
