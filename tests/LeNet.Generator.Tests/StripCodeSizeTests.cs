using LeNet.Generator.Tests.Infrastructure;

namespace LeNet.Generator.Tests;

/// <summary>
/// A replicated network's generated code is loops over its width, never unrolled along it: rows
/// wider than a tile run tile after tile, the output layer position after position. Its row tiles
/// keep as many maps as the path's registers hold and end in the fewest vectors that reach the row's end.
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

    [Fact]
    public void StripRows_AreDoneFourMapsAPassWithAvx512sRegisters()
    {
        string forward = StripForward(512);

        // C3's 16 maps along tiles of four vectors: 16 accumulators of AVX-512's 32 registers, 8 of AVX2's 16
        // (C1's 6 maps go two at a time on both paths).
        Assert.Contains("64 columns of 4 maps", forward);
        Assert.Contains("32 columns of 2 maps", forward);
    }

    [Fact]
    public void StripRows_EndInTheFewestVectorsThatReachTheEnd()
    {
        string forward = StripForward(160);

        // C1's rows of 156: two tiles of 64 and the last 28 columns in two vectors of 16, not a third tile of 64;
        // C3's rows of 74: a tile of 64 and the last 10 columns in one vector.
        Assert.Contains("The last 32 columns", forward);
        Assert.Contains("The last 16 columns", forward);
        Assert.DoesNotContain("The last 64 columns", forward);
    }

    private static string StripForward(int width)
    {
        GeneratorRun run = GeneratorHarness.Run(Source(width));
        run.AssertNoGeneratorDiagnostics();
        return run.Sources.Single(s => s.HintName == "Samples.Strip.Forward.g.cs").SourceText.ToString();
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
