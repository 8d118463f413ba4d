namespace LeNet.Training.Tests;

public sealed class ParameterInitializerTests
{
    private static LayerInfo Layer(NetworkDescription network, string label) => network.Layers.Single(l => l.Label == label);

    private static ReadOnlySpan<float> Slice(float[] parameters, LayerInfo layer, int from, int count) =>
        parameters.AsSpan(layer.ParameterOffset + from, count);

    private static float MaxAbs(ReadOnlySpan<float> values)
    {
        float max = 0f;
        foreach (float v in values) max = MathF.Max(max, MathF.Abs(v));
        return max;
    }

    /// <summary>Every value within the bound, and the largest near it (so the range is the intended one, not a smaller one).</summary>
    private static void AssertUniformWithin(ReadOnlySpan<float> values, float bound)
    {
        float max = MaxAbs(values);
        Assert.True(max <= bound, $"largest |value| {max} exceeds the bound {bound}");
        if (values.Length >= 8) Assert.True(max >= 0.5f * bound, $"largest |value| {max} is far below the bound {bound}");
    }

    /// <summary>The weights of each map of C3 (a connection table: map m reads m + 1 inputs of 3x3) within <paramref name="bound"/> of its fan-in.</summary>
    private static void AssertEachTableMapWithin(float[] p, NetworkDescription network, Func<int, float> bound)
    {
        LayerInfo c3 = Layer(network, "C3");
        int k2 = 9, offset = 0;
        for (int map = 0; map < 3; map++)
        {
            int fanIn = (map + 1) * k2;
            AssertUniformWithin(Slice(p, c3, offset, fanIn), bound(fanIn));
            offset += fanIn;
        }
    }

    [Fact]
    public void PaperSchemeUsesTheFanInOfEachMapOfAConnectionTable()
    {
        NetworkDescription network = TinyNetworks.Everything(RbfCentres.DigitBitmaps);
        float[] p = ParameterInitializer.Create(network, InitializationScheme.Paper, seed: 3);
        AssertEachTableMapWithin(p, network, fanIn => ParameterInitializer.PaperRange / fanIn);
        LayerInfo c3 = Layer(network, "C3");
        for (int map = 0; map < 3; map++)
            Assert.InRange(MathF.Abs(p[c3.ParameterOffset + c3.ParameterCount - 3 + map]), 0f, ParameterInitializer.PaperRange / ((map + 1) * 9));
        LayerInfo f4 = Layer(network, "F4");
        AssertUniformWithin(Slice(p, f4, 0, f4.ParameterCount), ParameterInitializer.PaperRange / f4.Input.Size);
    }

    [Fact]
    public void PaperSqrtSchemeDividesByTheSquareRootOfTheFanIn()
    {
        NetworkDescription network = TinyNetworks.Everything(RbfCentres.DigitBitmaps);
        float[] p = ParameterInitializer.Create(network, InitializationScheme.PaperSqrt, seed: 3);
        AssertEachTableMapWithin(p, network, fanIn => ParameterInitializer.PaperRange / MathF.Sqrt(fanIn));
        LayerInfo f4 = Layer(network, "F4");
        AssertUniformWithin(Slice(p, f4, 0, f4.ParameterCount), ParameterInitializer.PaperRange / MathF.Sqrt(f4.Input.Size));
        LayerInfo s2 = Layer(network, "S2");
        Assert.InRange(MaxAbs(Slice(p, s2, 3, 3)), 1e-6f, ParameterInitializer.PaperRange / 4);
        Assert.Equal(InitializationScheme.PaperSqrt, ParameterInitializer.Parse("Paper-Sqrt"));
    }

    [Fact]
    public void PaperUnitSchemeGivesEveryWeightedSumUnitVariance()
    {
        NetworkDescription network = TinyNetworks.Everything(RbfCentres.DigitBitmaps);
        float[] p = ParameterInitializer.Create(network, InitializationScheme.PaperUnit, seed: 5);
        AssertEachTableMapWithin(p, network, fanIn => MathF.Sqrt(3f / fanIn));
        LayerInfo f4 = Layer(network, "F4");
        AssertUniformWithin(Slice(p, f4, 0, f4.ParameterCount), MathF.Sqrt(3f / f4.Input.Size));
        LayerInfo s2 = Layer(network, "S2");
        Assert.InRange(MaxAbs(Slice(p, s2, 0, 3)), 1e-6f, ParameterInitializer.PaperRange);
        Assert.InRange(MaxAbs(Slice(p, s2, 3, 3)), 1e-6f, ParameterInitializer.PaperRange / 4);
        Assert.Equal(InitializationScheme.PaperUnit, ParameterInitializer.Parse(" paper-UNIT "));
        foreach (InitializationScheme scheme in Enum.GetValues<InitializationScheme>())
            Assert.Equal(scheme, ParameterInitializer.Parse(ParameterInitializer.Name(scheme)));
    }

    [Fact]
    public void PaperSchemeDrawsTrainableSubsamplingAsTheSumFormWould()
    {
        NetworkDescription network = TinyNetworks.Everything(RbfCentres.DigitBitmaps);
        float[] p = ParameterInitializer.Create(network, InitializationScheme.Paper, seed: 4);
        LayerInfo s2 = Layer(network, "S2");
        Assert.InRange(MaxAbs(Slice(p, s2, 0, 3)), 1e-6f, ParameterInitializer.PaperRange);
        Assert.InRange(MaxAbs(Slice(p, s2, 3, 3)), 1e-6f, ParameterInitializer.PaperRange / 4);
    }

    [Fact]
    public void DefaultSchemeIsPyTorchLikeAndHeUniformForReLU()
    {
        NetworkDescription network = TinyNetworks.Everything(RbfCentres.DigitBitmaps);
        float[] p = ParameterInitializer.Create(network, InitializationScheme.Default, seed: 5);
        LayerInfo c1 = Layer(network, "C1");
        AssertUniformWithin(Slice(p, c1, 0, 27), 1f / 3f);
        LayerInfo c3 = Layer(network, "C3");
        AssertUniformWithin(Slice(p, c3, 3 * 9, 3 * 9), MathF.Sqrt(6f / 27f));
        Assert.All(Slice(p, c3, c3.ParameterCount - 3, 3).ToArray(), b => Assert.Equal(0f, b));
        LayerInfo s2 = Layer(network, "S2");
        Assert.Equal([1f, 1f, 1f, 0f, 0f, 0f], Slice(p, s2, 0, 6).ToArray());
    }

    [Fact]
    public void TrainableCentresStartAtTheDigitCodesOrRandomSigns()
    {
        NetworkDescription bitmaps = TinyNetworks.Everything(RbfCentres.DigitBitmaps);
        float[] p = ParameterInitializer.Create(bitmaps, InitializationScheme.Default, seed: 6);
        LayerInfo output = Layer(bitmaps, "OUT");
        Assert.Equal(DigitCodes.All.ToArray(), Slice(p, output, 0, output.ParameterCount).ToArray());

        NetworkDescription random = TinyNetworks.Everything(RbfCentres.Random);
        float[] q = ParameterInitializer.Create(random, InitializationScheme.Paper, seed: 6);
        float[] centres = Slice(q, output, 0, output.ParameterCount).ToArray();
        Assert.All(centres, c => Assert.True(c is 1f or -1f));
        Assert.NotEqual(DigitCodes.All.ToArray(), centres);
        Assert.InRange(centres.Count(c => c > 0), centres.Length / 3, 2 * centres.Length / 3);
    }

    [Fact]
    public void SameSeedSameParametersOtherSeedOtherParameters()
    {
        NetworkDescription network = TinyNetworks.Softmax();
        float[] a = ParameterInitializer.Create(network, InitializationScheme.Default, 7);
        float[] b = ParameterInitializer.Create(network, InitializationScheme.Default, 7);
        float[] c = ParameterInitializer.Create(network, InitializationScheme.Default, 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void RejectsABufferOfTheWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ParameterInitializer.Initialize(TinyNetworks.Softmax(), new float[3], InitializationScheme.Default, 1));
        Assert.Contains("410", error.Message);
    }
}
