using LeNet.Engine;
using LeNet.Models;
using LeNet.Runtime.Tests.Generated;

namespace LeNet.Runtime.Tests.Strips;

/// <summary>
/// The generic engine's strip (the field network replicated along a wider input) and page (over a
/// taller one too) against the field network run on every window: the window at row r, position p
/// is the field applied to input rows [r * step, r * step + field height) and columns
/// [p * step, p * step + field width), and, the parameters being shared, the replicated network's
/// gradient and curvature are the sums of the windows' (both passes are linear in the output delta).
/// </summary>
public sealed class GenericStripTests
{
    /// <summary>
    /// Field networks that can be replicated, with a width each (the field width plus a few steps, not
    /// a round number) and the steps the input is taller than the field (0: a strip).
    /// </summary>
    public static TheoryData<string, int, int> Fields => new()
    {
        { LeNet5Strings.NetworkName, 128, 0 },
        { LeNet5Strings.NetworkName, 44, 2 },
        { LeNet5.NetworkName, 44, 0 },
        { LeNet5.NetworkName, 32, 3 },
        { LeNet5Modern.NetworkName, 60, 1 },
        { "trainable-rbf", 40, 2 },
        { "seven-kernel", 34, 0 },
        { "seven-kernel", 34, 3 },
        { LeNet5Classic.NetworkName, 36, 1 },
        { LeNet5Wide.NetworkName, 40, 1 },
    };

    private static IReplicatedNetwork Replicate(NetworkDescription field, int width, int rowSteps) =>
        GenericNetwork.Replicate(field, width, field.Input.Height + rowSteps * Replication.Step(field));

    private static NetworkDescription Field(string name) => name switch
    {
        LeNet5Strings.NetworkName => LeNet5Strings.Description,
        LeNet5.NetworkName => LeNet5.Description,
        LeNet5Modern.NetworkName => LeNet5Modern.Description,
        LeNet5Classic.NetworkName => LeNet5Classic.Description,
        LeNet5Wide.NetworkName => LeNet5Wide.Description,
        _ => NetworkCases.Generated(name).Description,
    };

    [Fact]
    public void Strip_OfLeNet5Strings_SlidesTheFieldEveryFourColumns()
    {
        IReplicatedNetwork strip = GenericNetwork.Replicate(LeNet5Strings.Description, 128);
        NetworkDescription d = strip.Description;
        Assert.Equal(new Shape(1, 32, 128), d.Input);
        Assert.Equal(new Shape(11, 1, 25), d.Output);
        Assert.Equal((4, 25, 128), (strip.Step, strip.Positions, strip.Width));
        Assert.Equal(96, strip.WindowStart(24));
        Assert.Same(LeNet5Strings.Description, strip.Field);
        Assert.Equal(LeNet5Strings.ParameterCount, d.ParameterCount);
        Assert.Equal("lenet5-strings@128", d.Name);
        // C5 slides as a 5x5 convolution, F6 and F7 are 1x1 convolutions, the softmax is per position.
        Assert.Equal(
            ["C1 convolution 5x5 6x28x124", "S2 max pool 2x2 6x14x62", "C3 convolution 5x5 16x10x58", "S4 max pool 2x2 16x5x29",
             "C5 convolution 5x5 120x1x25", "F6 convolution 1x1 84x1x25", "F7 convolution 1x1 11x1x25", "OUTPUT softmax per position 11x1x25"],
            d.Layers.Select(l => $"{l.Label} {l.Describe()} {l.Output}").ToArray());
    }

    [Fact]
    public void Page_OfLeNet5Strings_SlidesTheFieldEveryFourColumnsAndRows()
    {
        IReplicatedNetwork page = GenericNetwork.Replicate(LeNet5Strings.Description, 96, 64);
        NetworkDescription d = page.Description;
        Assert.Equal(new Shape(1, 64, 96), d.Input);
        Assert.Equal(new Shape(11, 9, 17), d.Output);
        Assert.Equal((4, 17, 96, 9, 64), (page.Step, page.Positions, page.Width, page.Rows, page.Height));
        Assert.Equal((64, 32), (page.WindowStart(16), page.WindowTop(8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => page.WindowTop(9));
        Assert.Equal(LeNet5Strings.ParameterCount, d.ParameterCount);
        Assert.Equal("lenet5-strings@96x64", d.Name);
        Assert.Equal(
            ["C1 convolution 5x5 6x60x92", "S2 max pool 2x2 6x30x46", "C3 convolution 5x5 16x26x42", "S4 max pool 2x2 16x13x21",
             "C5 convolution 5x5 120x9x17", "F6 convolution 1x1 84x9x17", "F7 convolution 1x1 11x9x17", "OUTPUT softmax per position 11x9x17"],
            d.Layers.Select(l => $"{l.Label} {l.Describe()} {l.Output}").ToArray());
    }

    [Fact]
    public void Page_AsHighAsTheField_IsTheStrip()
    {
        IReplicatedNetwork page = GenericNetwork.Replicate(LeNet5Strings.Description, 128, 32);
        NetworkDescription strip = Replication.Strip(LeNet5Strings.Description, 128);
        Assert.Equal((1, 32), (page.Rows, page.Height));
        Assert.Equal(strip.Name, page.Description.Name);
        Assert.Equal(strip.CanonicalText(), page.Description.CanonicalText());
        Assert.Equal(1, GenericNetwork.Replicate(LeNet5Strings.Description, 128).Rows);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Forward_AtEveryPosition_IsTheFieldOnItsWindow(string name, int width, int rowSteps)
    {
        NetworkDescription field = Field(name);
        IReplicatedNetwork strip = Replicate(field, width, rowSteps);
        var fieldEngine = new GenericNetwork(field);
        float[] parameters = NetworkCases.Parameters(field, seed: 5);
        float[] input = NetworkCases.Random(strip.Description.Input.Size, seed: 7, scale: 1.2f);
        float[] activations = new float[strip.Description.ActivationCount];
        strip.Forward(parameters, input, activations);
        ReadOnlySpan<float> output = activations.AsSpan(strip.Description.OutputOffset, strip.Description.Output.Size);

        float[] window = new float[field.Input.Size], fieldActivations = new float[field.ActivationCount];
        float[] expected = new float[field.Output.Size], actual = new float[field.Output.Size];
        for (int r = 0; r < strip.Rows; r++)
            for (int p = 0; p < strip.Positions; p++)
            {
                Window(input, strip, r, p, window);
                fieldEngine.Forward(parameters, window, fieldActivations);
                fieldActivations.AsSpan(field.OutputOffset, field.Output.Size).CopyTo(expected);
                for (int unit = 0; unit < actual.Length; unit++) actual[unit] = output[(unit * strip.Rows + r) * strip.Positions + p];
                ForwardEquivalenceTests.AssertClose(expected, actual, $"{strip.Description.Name} row {r} position {p}");
            }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void BackwardAndCurvature_AreTheSumsOverTheWindows(string name, int width, int rowSteps)
    {
        NetworkDescription field = Field(name);
        IReplicatedNetwork strip = Replicate(field, width, rowSteps);
        var fieldEngine = new GenericNetwork(field);
        NetworkDescription d = strip.Description;
        float[] parameters = NetworkCases.Parameters(field, seed: 5);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 7, scale: 1.2f);
        float[] outputDelta = NetworkCases.Random(d.Output.Size, seed: 9);
        float[] outputCurvature = NetworkCases.Random(d.Output.Size, seed: 11).Select(MathF.Abs).ToArray();
        float[] activations = new float[d.ActivationCount], scratch = new float[strip.ScratchLength];
        strip.Forward(parameters, input, activations);
        float[] gradient = new float[d.ParameterCount], curvature = new float[d.ParameterCount];
        strip.Backward(parameters, input, activations, outputDelta, gradient, scratch);
        strip.BackwardCurvature(parameters, input, activations, outputCurvature, curvature, scratch);

        float[] window = new float[field.Input.Size], fieldActivations = new float[field.ActivationCount], fieldScratch = new float[fieldEngine.ScratchLength];
        float[] delta = new float[field.Output.Size], second = new float[field.Output.Size];
        float[] gradients = new float[field.ParameterCount], curvatures = new float[field.ParameterCount];
        for (int r = 0; r < strip.Rows; r++)
            for (int p = 0; p < strip.Positions; p++)
            {
                Window(input, strip, r, p, window);
                fieldEngine.Forward(parameters, window, fieldActivations);
                for (int unit = 0; unit < delta.Length; unit++)
                {
                    delta[unit] = outputDelta[(unit * strip.Rows + r) * strip.Positions + p];
                    second[unit] = outputCurvature[(unit * strip.Rows + r) * strip.Positions + p];
                }
                fieldEngine.Backward(parameters, window, fieldActivations, delta, gradients, fieldScratch);
                fieldEngine.BackwardCurvature(parameters, window, fieldActivations, second, curvatures, fieldScratch);
            }
        ForwardEquivalenceTests.AssertClose(gradients, gradient, $"{d.Name} gradient", 1e-4f);
        ForwardEquivalenceTests.AssertClose(curvatures, curvature, $"{d.Name} curvature", 1e-4f);
    }

    [Fact]
    public void Strip_AsWideAsTheField_IsTheField()
    {
        IReplicatedNetwork strip = GenericNetwork.Replicate(LeNet5.Description, 32);
        Assert.Equal(1, strip.Positions);
        Assert.Equal(LeNet5.Description.Output, strip.Description.Output);
        Assert.Equal(LeNet5.Description.ActivationCount, strip.Description.ActivationCount);
    }

    [Theory]
    [InlineData(130, "the width 130 is not the field's width 32 plus a multiple of its step 4 (the product of its subsampling windows); use 128 or 132")]
    [InlineData(28, "the width 28 is not the field's width 32 plus a multiple of its step 4 (the product of its subsampling windows); use 32 or 36")]
    public void Strip_RejectsAWidthThatDoesNotFitTheStep(int width, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Replication.Strip(LeNet5Strings.Description, width));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(34, "height", "the height 34 is not the field's height 32 plus a multiple of its step 4 (the product of its subsampling windows); use 32 or 36")]
    [InlineData(20, "height", "the height 20 is not the field's height 32 plus a multiple of its step 4 (the product of its subsampling windows); use 32 or 36")]
    [InlineData(0, "height", "the height 0 is not the field's height 32")]
    public void Page_RejectsAHeightThatDoesNotFitTheStep(int height, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Replication.Strip(LeNet5Strings.Description, 128, height));
        Assert.Contains($"over {height} rows: {message}", error.Message);
        Assert.Equal(parameter, error.ParamName);
        Assert.Throws<ArgumentException>(() => GenericNetwork.Replicate(LeNet5Strings.Description, 128, height));
        Assert.Throws<ArgumentException>(() => Replication.Rows(LeNet5Strings.Description, height));
    }

    [Fact]
    public void StringReaders_RefuseAPage()
    {
        IReplicatedNetwork page = GenericNetwork.Replicate(LeNet5Strings.Description, 128, 36);
        var error = Assert.Throws<ArgumentException>(() => new LeNet.Strings.StripScorer(page, new float[page.Description.ParameterCount]));
        Assert.Contains("is replicated over 2 rows; a string reader reads a strip of one", error.Message);
    }

    [Fact]
    public void Strip_RejectsAFullyConnectedLayerOverANonSquareInput()
    {
        var field = new NetworkDescription("wide-field", new Shape(1, 8, 12),
            [new(LayerKind.Convolution, "C1", 2, Kernel: 3), new(LayerKind.FullyConnected, "F2", 4)]);
        var error = Assert.Throws<ArgumentException>(() => Replication.Strip(field, 16));
        Assert.Contains("fully connected layer F2 reads a 6x10 input, which is not square", error.Message);
    }

    [Fact]
    public void Strip_RejectsAnOutputLayerOverMaps()
    {
        var field = new NetworkDescription("maps-softmax", new Shape(1, 8, 8),
            [new(LayerKind.Convolution, "C1", 2, Kernel: 3), new(LayerKind.Softmax, "Out", 72)]);
        var error = Assert.Throws<ArgumentException>(() => Replication.Strip(field, 12));
        Assert.Contains("output layer Out reads 6x6 maps, not one vector", error.Message);
    }

    [Fact]
    public void Strip_RejectsAFieldWhoseOutputIsNotOneVector()
    {
        var field = new NetworkDescription("maps", new Shape(1, 8, 8), [new(LayerKind.Convolution, "C1", 2, Kernel: 3)]);
        var error = Assert.Throws<ArgumentException>(() => Replication.Strip(field, 12));
        Assert.Contains("its output is 6x6 maps, not one vector per window", error.Message);
    }

    [Fact]
    public void Signatures_OfFieldNetworks_DoNotChange_StripsSayPerPosition()
    {
        Assert.DoesNotContain("per-position", LeNet5Strings.Description.CanonicalText());
        Assert.Contains("Softmax 11 0 Identity Average False DigitBitmaps [] per-position", Replication.Strip(LeNet5Strings.Description, 36).CanonicalText());
    }

    [Fact]
    public void OnnxExport_RefusesAStrip_AndNamesTheField()
    {
        NetworkDescription strip = Replication.Strip(LeNet5Strings.Description, 36);
        var error = Assert.Throws<ArgumentException>(() => LeNet.Export.OnnxExport.Serialize(strip, new float[strip.ParameterCount]));
        Assert.Contains("layer OUTPUT: a replicated network's output at every position has no ONNX form here; export the field network", error.Message);
    }

    /// <summary>Copies the field-sized window at row <paramref name="r"/>, position <paramref name="p"/> out of the replicated network's input.</summary>
    internal static void Window(float[] input, IReplicatedNetwork strip, int r, int p, float[] window)
    {
        Shape field = strip.Field.Input;
        int top = strip.WindowTop(r), start = strip.WindowStart(p);
        for (int c = 0; c < field.Channels; c++)
            for (int y = 0; y < field.Height; y++)
                input.AsSpan((c * strip.Height + top + y) * strip.Width + start, field.Width).CopyTo(window.AsSpan((c * field.Height + y) * field.Width, field.Width));
    }
}
