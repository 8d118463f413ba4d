using LeNet.Generator.Tests.Infrastructure;

namespace LeNet.Generator.Tests;

/// <summary>
/// A replicated network's generated code is loops over its width, never unrolled along it: rows
/// wider than a tile run tile after tile, the output layer position after position.
/// </summary>
public sealed class StripCodeSizeTests
{
    private static string Source(int width) => $$"""
        using LeNet;

        namespace Samples;

        [Network]
        [Input(1, 32, 32)]
        [Convolution(6, 5, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [Convolution(16, 5, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(120, Activation = Activation.ReLU)]
        [FullyConnected(84)]
        [RadialBasis(10)]
        public partial class Window;

        [Replicate(typeof(Window), Width = {{width}})]
        public partial class Strip;
        """;

    [Fact]
    public void StripCode_DoesNotGrowWithTheWidth()
    {
        // Widths whose every row is tiled, with the same rests: only constants differ.
        int narrow = StripCodeLength(512), wide = StripCodeLength(2048);

        Assert.InRange(wide, narrow, narrow * 1.02);
    }

    private static int StripCodeLength(int width)
    {
        GeneratorRun run = GeneratorHarness.Run(Source(width));
        run.AssertNoGeneratorDiagnostics();
        var strip = run.Sources.Where(s => s.HintName.StartsWith("Samples.Strip.", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, strip.Count);
        return strip.Sum(s => s.SourceText.Length);
    }
}
