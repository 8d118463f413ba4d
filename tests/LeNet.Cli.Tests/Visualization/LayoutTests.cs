using LeNet.Cli.Visualization;
using LeNet.Cli.Web;
using LeNet.Training;
using SkiaSharp;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Visualization;

public sealed class LayoutTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(120, 12, 10)]
    [InlineData(84, 12, 7)]
    [InlineData(10, 10, 1)]
    [InlineData(7, 7, 1)]
    [InlineData(101, 11, 10)] // prime: a square grid with a few empty cells rather than a 101-long strip
    public void Flat_layers_make_near_square_grids(int units, int columns, int rows)
    {
        TileGrid grid = TileGrid.For(Shape.Flat(units));
        Assert.Equal((1, rows, columns), (grid.Count, grid.Rows, grid.Columns));
    }

    [Fact]
    public void Maps_make_one_tile_each_and_digit_code_inputs_the_7x12_bitmap()
    {
        Assert.Equal(new TileGrid(6, 28, 28), TileGrid.For(new Shape(6, 28, 28)));
        Assert.Equal(new TileGrid(1, 12, 7), TileGrid.For(Shape.Flat(84), asDigitCode: true));
    }

    [Fact]
    public void Ranges_always_include_zero_and_ignore_non_finite_values()
    {
        Assert.Equal(new ValueRange(0f, 2.5f), ValueRange.Covering([0.5f, 2.5f, float.NaN]));
        Assert.Equal(new ValueRange(-1.7f, 0f), ValueRange.Covering([-1.7f, -0.2f]));
        Assert.Equal(ValueRange.Unit, ValueRange.Covering([0f, 0f]));
        Assert.Equal(0.5f, new ValueRange(-2f, 2f).Fraction(0f));
        Assert.Equal(1f, new ValueRange(-2f, 2f).Fraction(9f));
    }

    [Fact]
    public void Probabilities_come_from_softmax_or_from_rbf_penalties()
    {
        Assert.Equal([0.25f, 0.75f], OutputReading.Probabilities(LayerKind.Softmax, [0.25f, 0.75f]));
        float[] rbf = OutputReading.Probabilities(LayerKind.RadialBasis, [50f, 10f, 400f]);
        Assert.Equal(1f, rbf.Sum(), 5);
        Assert.Equal(1, OutputReading.ArgMax(rbf)); // the smallest penalty wins
        float[] raw = OutputReading.Probabilities(LayerKind.FullyConnected, [1000f, 0f]);
        Assert.Equal([1f, 0f], raw); // no overflow for large outputs
    }

    /// <summary>A small paper-style network (scaled tanh, trainable subsampling, RBF digit-code output): the sheet is not LeNet-5 specific.</summary>
    [Fact]
    public void Any_network_renders_including_rbf_outputs()
    {
        var description = new NetworkDescription("tiny-paper", new Shape(1, 16, 16),
        [
            new(LayerKind.Convolution, "C1", 4, 5, Activation.ScaledTanh),
            new(LayerKind.Subsampling, "S2", 2, Activation: Activation.ScaledTanh, Trainable: true),
            new(LayerKind.Convolution, "C3", 3, 3, Activation.ScaledTanh, Connections: [[0, 1], [1, 2, 3], [0, 3]]),
            new(LayerKind.FullyConnected, "F6", 84, Activation: Activation.ScaledTanh),
            new(LayerKind.RadialBasis, "OUTPUT", 10),
        ]);
        INetwork network = new LeNet.Engine.GenericNetwork(description);
        float[] parameters = TestSupport.RandomParameters(description, seed: 2);
        var input = new float[description.Input.Size];
        for (int i = 0; i < input.Length; i++) input[i] = (i * 7 % 11) / 10f;
        var activations = new float[description.ActivationCount];
        network.Forward(parameters, input, activations);
        float[] probabilities = OutputReading.Probabilities(description.OutputKind, activations.AsSpan(description.OutputOffset));

        byte[] png = ActivationSheet.Render(description, input, activations, probabilities, OutputReading.ArgMax(probabilities), "tiny paper-style network", parameters);

        string path = Path.Combine(TestSupport.OutputFolder, "activation-sheet-tiny.png");
        File.WriteAllBytes(path, png);
        output.WriteLine($"sheet: {path}");
        using SKBitmap bitmap = TestSupport.DecodePng(png);
        Assert.Equal(ActivationSheet.Width, bitmap.Width);
        Assert.True(TestSupport.DistinctColours(bitmap) > 100, "the sheet looks blank");
    }
}
