namespace LeNet.Training.Tests;

public sealed class LossSelectionTests
{
    [Fact]
    public void ForOutputPicksTheNaturalCriterion()
    {
        Assert.IsType<CrossEntropy>(Losses.ForOutput(TinyNetworks.Softmax()));
        Assert.IsType<RbfDiscriminative>(Losses.ForOutput(TinyNetworks.RadialBasis()));
        Assert.Equal(LayerKind.FullyConnected, Assert.IsType<MeanSquaredError>(Losses.ForOutput(TinyNetworks.Linear())).OutputKind);
    }

    [Theory]
    [InlineData("ce", typeof(CrossEntropy))]
    [InlineData("mse", typeof(MeanSquaredError))]
    [InlineData("auto", typeof(RbfDiscriminative))]
    [InlineData("paper", typeof(RbfDiscriminative))]
    [InlineData("RBF-MAP", typeof(RbfDiscriminative))]
    public void ParsesNames(string name, Type type) =>
        Assert.IsType(type, Losses.Parse(name, name == "ce" ? TinyNetworks.Softmax() : TinyNetworks.RadialBasis()));

    [Fact]
    public void ParsesTheRubbishClassPenalty() =>
        Assert.Equal(2.5f, Assert.IsType<RbfDiscriminative>(Losses.Parse("rbf-map:2.5", TinyNetworks.RadialBasis())).J);

    [Fact]
    public void TheNameCarriesJAndReadsBackAsTheSameCriterion()
    {
        Assert.Equal("rbf-map:2.5", new RbfDiscriminative(2.5f).Name);
        Assert.Equal("rbf-map", new RbfDiscriminative().Name);
        Assert.Equal(10f, Assert.IsType<RbfDiscriminative>(Losses.Parse(new RbfDiscriminative(10f).Name, TinyNetworks.RadialBasis())).J);
    }

    [Theory]
    [InlineData("ce", "softmax output")]
    [InlineData("rbf-map", "radial-basis output")]
    [InlineData("hinge", "Known losses")]
    [InlineData("rbf-map:x", "must be a number")]
    public void RejectsWithAnExplanation(string name, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => Losses.Parse(name, TinyNetworks.Linear())).Message);
}
