namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// Every layer kind is reached by the networks the equivalence tests run, so each pass of each kind is
/// checked against the generic engine on every kernel path CI forces; a kind the rules do not know is
/// refused where a description is built, never read as another kind.
/// </summary>
public sealed class LayerKindCoverageTests
{
    [Fact]
    public void EveryLayerKind_IsInAnEquivalenceNetwork()
    {
        var covered = NetworkCases.AllNames
            .SelectMany(name => NetworkCases.Generated(name).Description.Layers)
            .Select(layer => layer.Kind)
            .ToHashSet();

        var missing = Enum.GetValues<LayerKind>().Except(covered).ToList();
        Assert.True(missing.Count == 0, "No equivalence network has a layer of kind " + string.Join(", ", missing));
    }

    [Fact]
    public void AnUndefinedLayerKind_IsRefused()
    {
        const LayerKind undefined = (LayerKind)99;

        var error = Assert.ThrowsAny<ArgumentException>(() =>
            new NetworkDescription("odd", new Shape(1, 4, 4), [new(undefined, "X1", 2)]));

        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }
}
