using LeNet.Models;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>The declared paper model is the paper's network: its parameter and connection counts and Table I.</summary>
public sealed class PaperTableTests
{
    [Fact]
    public void ParametersAndConnections_AreThePapers()
    {
        NetworkDescription d = LeNet5.Description;
        Assert.Equal(["C1", "S2", "C3", "S4", "C5", "F6", "OUTPUT"], d.Layers.Select(l => l.Label));
        Assert.Equal([156, 12, 1_516, 32, 48_120, 10_164, 0], d.Layers.Select(l => l.ParameterCount));
        Assert.Equal(60_000, d.ParameterCount);
        // The paper prints 156,000 connections for C3 (and a total of 345,308 that includes it);
        // counting them gives 1,516 x 100 = 151,600, which is what we assert.
        Assert.Equal([122_304L, 5_880, 151_600, 2_000, 48_120, 10_164, 840], d.Layers.Select(l => l.Connections));
    }

    [Fact]
    public void C3_ReadsTheInputSetsOfTableI()
    {
        int[][] expected =
        [
            [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [0, 4, 5], [0, 1, 5],
            [0, 1, 2, 3], [1, 2, 3, 4], [2, 3, 4, 5], [0, 3, 4, 5], [0, 1, 4, 5], [0, 1, 2, 5],
            [0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5],
            [0, 1, 2, 3, 4, 5],
        ];
        LayerInfo c3 = LeNet5.Description.Layers[2];
        for (int map = 0; map < expected.Length; map++)
            Assert.Equal(expected[map], c3.InputsOf(map));
    }
}
