namespace LeNet.Training.Tests;

public sealed class OptimizerTests
{
    // 410 parameters: not a multiple of any vector width, so the scalar tail runs too.
    private static readonly NetworkDescription Network = TinyNetworks.Softmax();
    private static readonly int Count = Network.ParameterCount;
    private static readonly LayerInfo Output = Network.Layers.Single(l => l.Label == "F3");
    private static readonly int LastBias = Count - 1;
    private static readonly int LastWeight = Output.ParameterOffset;

    private static float[] Filled(Func<int, float> value) => Enumerable.Range(0, Count).Select(value).ToArray();

    [Fact]
    public void SgdWithMomentumAccumulatesVelocityAndDecaysOnlyWeights()
    {
        var optimizer = new SgdOptimizer(Network, momentum: 0.5f, weightDecay: 0.1f);
        float[] w = Filled(i => 1f + i * 0.001f);
        float[] g = Filled(i => (i % 7) - 3f);
        float[] start = (float[])w.Clone();
        optimizer.Step(w, g, 0.1f);
        optimizer.Step(w, g, 0.1f);
        foreach (int i in new[] { 0, 17, LastWeight, LastBias })
        {
            bool decays = i != LastBias;
            float w0 = start[i];
            float v1 = g[i] + (decays ? 0.1f * w0 : 0f);
            float w1 = w0 - 0.1f * v1;
            float v2 = 0.5f * v1 + g[i] + (decays ? 0.1f * w1 : 0f);
            Assert.Equal(w1 - 0.1f * v2, w[i], 5);
        }
    }

    [Fact]
    public void AdamFirstStepMovesEachParameterByTheLearningRate()
    {
        var optimizer = new AdamOptimizer(Network);
        float[] w = new float[Count];
        float[] g = Filled(i => i % 2 == 0 ? 0.3f * (i + 1) : -0.002f * (i + 1));
        optimizer.Step(w, g, 0.01f);
        for (int i = 0; i < Count; i++) Assert.Equal(-0.01f * MathF.Sign(g[i]), w[i], 5);
    }

    [Fact]
    public void AdamDecoupledDecayShrinksWeightsButNotBiases()
    {
        var optimizer = new AdamOptimizer(Network, weightDecay: 0.5f);
        float[] w = Filled(_ => 2f);
        optimizer.Step(w, new float[Count], 0.1f);
        Assert.Equal(2f * (1f - 0.05f), w[LastWeight], 5);
        Assert.Equal(2f, w[LastBias]);
    }

    [Fact]
    public void SdlmScalesEachStepByTheInverseDampedCurvature()
    {
        var optimizer = new SdlmOptimizer(Network);
        float[] h = Filled(i => i * 0.01f);
        optimizer.SetCurvature(h);
        float[] w = new float[Count];
        float[] g = Filled(i => 1f + (i % 3));
        optimizer.Step(w, g, 0.001f);
        for (int i = 0; i < Count; i++)
            Assert.Equal(-0.001f * g[i] / (SdlmOptimizer.DefaultMu + h[i]), w[i], 6);
    }

    [Fact]
    public void SdlmBeforeAnyCurvatureUsesMuAlone()
    {
        var optimizer = new SdlmOptimizer(Network);
        float[] w = new float[Count];
        optimizer.Step(w, Filled(_ => 1f), 0.002f);
        Assert.All(w, v => Assert.Equal(-0.002f / SdlmOptimizer.DefaultMu, v, 6));
    }

    [Fact]
    public void StepRejectsBuffersOfTheWrongLength()
    {
        var optimizer = new SgdOptimizer(Network);
        Assert.Throws<ArgumentException>(() => optimizer.Step(new float[Count], new float[Count - 1], 0.1f));
    }

    [Theory]
    [InlineData("sgd", OptimizerKind.Sgd)]
    [InlineData("ADAM", OptimizerKind.Adam)]
    [InlineData("sdlm", OptimizerKind.Sdlm)]
    public void ParsesOptimizerNames(string name, OptimizerKind kind) => Assert.Equal(kind, Optimizers.Parse(name));

    [Fact]
    public void UnknownOptimizerNamesListTheKnownOnes() =>
        Assert.Contains("sgd, adam, sdlm", Assert.Throws<ArgumentException>(() => Optimizers.Parse("rmsprop")).Message);
}
