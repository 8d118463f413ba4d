using LeNet.Engine;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// Generated strips and pages ([Replicate] classes) against the generic engine's of the same field
/// (<see cref="GenericNetwork.Replicate(NetworkDescription, int, int)"/>), whose windows the Strips
/// tests hold equal to the field's: the layout, every pass of one sample and the block kernels; and
/// the generated pages against the field run window by window. In this namespace, so the
/// forced-kernel-path runs cover every path.
/// </summary>
public sealed class StripEquivalenceTests
{
    private static readonly Dictionary<string, IReplicatedNetwork> Strips = new IReplicatedNetwork[]
    {
        new LeNet5StringsStrip(), new LeNet5StringsWideStrip(), new LeNet5Strip(), new TrainableRbfStrip(), new SevenKernelStrip(),
        new LeNet5VerifierStrip(), new LeNet5AmountsWideStrip(), new LeNet5Page(), new TrainableRbfPage(), new SevenKernelPage(),
    }.ToDictionary(n => n.GetType().Name);

    /// <summary>The generated networks of more than one row.</summary>
    public static TheoryData<string> Pages => new(Strips.Where(s => s.Value.Rows > 1).Select(s => s.Key));

    public static TheoryData<string> Names => new(Strips.Keys);

    public static TheoryData<string, int> Batches()
    {
        var cases = new TheoryData<string, int>();
        foreach (string name in Strips.Keys)
            foreach (int batch in new[] { 1, 7, 17 })
                cases.Add(name, batch);
        return cases;
    }

    private static IReplicatedNetwork Generic(IReplicatedNetwork strip) => GenericNetwork.Replicate(strip.Field, strip.Width, strip.Height);

    [Theory]
    [MemberData(nameof(Names))]
    public void Description_IsTheSharedRulesStrip_WithTheFieldsParameters(string name)
    {
        IReplicatedNetwork strip = Strips[name];
        NetworkDescription expected = Replication.Strip(strip.Field, strip.Width, strip.Height);

        Assert.Equal(expected.CanonicalText(), strip.Description.CanonicalText());
        Assert.Equal(expected.Name, strip.Description.Name);
        Assert.Equal(strip.Field.ParameterCount, strip.Description.ParameterCount);
        Assert.Equal(Replication.Step(strip.Field), strip.Step);
        Assert.Equal(Replication.Positions(strip.Field, strip.Width), strip.Positions);
        Assert.Equal(Replication.Rows(strip.Field, strip.Height), strip.Rows);
        Assert.Equal(new Shape(strip.Field.Output.Size, strip.Rows, strip.Positions), strip.Description.Output);
    }

    [Fact]
    public void LeNet5StringsPage_HasTheConstantsOfA128By128Page()
    {
        Assert.Equal((25, 25, 4, 128, 128), (LeNet5StringsPage.Rows, LeNet5StringsPage.Positions, LeNet5StringsPage.Step, LeNet5StringsPage.InputWidth, LeNet5StringsPage.InputHeight));
        Assert.Equal(11 * 25 * 25, LeNet5StringsPage.OutputSize);
        Assert.Equal("lenet5-strings@128x128", LeNet5StringsPage.NetworkName);
        Assert.Equal(LeNet5Strings.ParameterCount, LeNet5StringsPage.ParameterCount);
        IReplicatedNetwork page = new LeNet5StringsPage();
        Assert.Equal((25, 128), (page.Rows, page.Height));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_AtEveryWindow_IsTheField_ForwardAndGradient(string name)
    {
        IReplicatedNetwork page = Strips[name];
        NetworkDescription d = page.Description, field = page.Field;
        var fieldEngine = new GenericNetwork(field);
        float[] parameters = NetworkCases.Parameters(field, seed: 5);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 7, scale: 1.2f);
        float[] outputDelta = NetworkCases.Random(d.Output.Size, seed: 9);
        float[] activations = new float[d.ActivationCount], scratch = new float[page.ScratchLength], gradient = new float[d.ParameterCount];
        page.Forward(parameters, input, activations);
        page.Backward(parameters, input, activations, outputDelta, gradient, scratch);

        float[] window = new float[field.Input.Size], fieldActivations = new float[field.ActivationCount], fieldScratch = new float[fieldEngine.ScratchLength];
        float[] expected = new float[field.Output.Size], actual = new float[field.Output.Size], delta = new float[field.Output.Size];
        float[] gradients = new float[field.ParameterCount];
        for (int r = 0; r < page.Rows; r++)
            for (int p = 0; p < page.Positions; p++)
            {
                LeNet.Runtime.Tests.Strips.GenericStripTests.Window(input, page, r, p, window);
                fieldEngine.Forward(parameters, window, fieldActivations);
                fieldActivations.AsSpan(field.OutputOffset, field.Output.Size).CopyTo(expected);
                for (int unit = 0; unit < actual.Length; unit++)
                {
                    actual[unit] = activations[d.OutputOffset + (unit * page.Rows + r) * page.Positions + p];
                    delta[unit] = outputDelta[(unit * page.Rows + r) * page.Positions + p];
                }
                ForwardEquivalenceTests.AssertClose(expected, actual, $"{name} on {LeNet.Kernels.KernelPath.Name} row {r} position {p}");
                fieldEngine.Backward(parameters, window, fieldActivations, delta, gradients, fieldScratch);
            }
        ForwardEquivalenceTests.AssertClose(gradients, gradient, $"{name} on {LeNet.Kernels.KernelPath.Name} gradient", 1e-4f);
    }

    [Fact]
    public void LeNet5StringsStrip_HasTheConstantsOfA128ColumnStrip()
    {
        Assert.Equal((25, 4, 128, 32), (LeNet5StringsStrip.Positions, LeNet5StringsStrip.Step, LeNet5StringsStrip.InputWidth, LeNet5StringsStrip.InputHeight));
        Assert.Equal(11 * 25, LeNet5StringsStrip.OutputSize);
        Assert.Equal(LeNet5Strings.ParameterCount, LeNet5StringsStrip.ParameterCount);
        Assert.Same(LeNet5Strings.Description, LeNet5StringsStrip.Field);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryPass_MatchesTheGenericStrip(string name)
    {
        IReplicatedNetwork strip = Strips[name];
        foreach (EngineCheckResult result in EngineCheck.Run(strip, Generic(strip), seed: 3))
            Assert.True(result.Agrees, $"{name} on {LeNet.Kernels.KernelPath.Name}: {result.Pass} differs by {result.Difference:G3} (allowed {result.Tolerance:G3})");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_MatchesTheGenericStrip_InEveryLayer(string name)
    {
        IReplicatedNetwork strip = Strips[name];
        NetworkDescription d = strip.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 1);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 3, scale: 1.2f);
        float[] expected = new float[d.ActivationCount], actual = new float[expected.Length];
        Generic(strip).Forward(parameters, input, expected);
        strip.Forward(parameters, input, actual);
        foreach (LayerInfo layer in d.Layers)
            ForwardEquivalenceTests.AssertClose(expected.AsSpan(layer.ActivationOffset, layer.Output.Size), actual.AsSpan(layer.ActivationOffset, layer.Output.Size),
                $"{name} layer {layer.Label}");
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Blocks_MatchTheGenericStrip_SampleBySample(string name, int batch)
    {
        IReplicatedNetwork strip = Strips[name];
        INetwork generic = Generic(strip);
        NetworkDescription d = strip.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 21);
        float[] inputs = NetworkCases.Random(batch * d.Input.Size, seed: 22 + batch, scale: 1.2f);
        float[] outputGradients = NetworkCases.Random(batch * d.Output.Size, seed: 23 + batch, scale: 1f);
        float[] expected = new float[batch * d.ActivationCount], actual = new float[expected.Length];
        float[] expectedGradient = new float[d.ParameterCount], scratch = new float[generic.ScratchLength];
        for (int s = 0; s < batch; s++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(s * d.Input.Size, d.Input.Size);
            Span<float> activations = expected.AsSpan(s * d.ActivationCount, d.ActivationCount);
            generic.Forward(parameters, input, activations);
            generic.Backward(parameters, input, activations, outputGradients.AsSpan(s * d.Output.Size, d.Output.Size), expectedGradient, scratch);
        }

        BlockBatch.Forward(new BlockWorkspace(strip), parameters, inputs, actual, 0, batch, everyActivation: true);
        float[] actualGradient = new float[d.ParameterCount];
        BlockBatch.Backward(new BlockWorkspace(strip), parameters, inputs, outputGradients, actualGradient, 0, batch);

        for (int s = 0; s < batch; s++)
            foreach (LayerInfo layer in d.Layers)
            {
                int start = s * d.ActivationCount + layer.ActivationOffset;
                ForwardEquivalenceTests.AssertClose(expected.AsSpan(start, layer.Output.Size), actual.AsSpan(start, layer.Output.Size),
                    $"{name} batch {batch} (block size {strip.BlockSize}) sample {s} layer {layer.Label}");
            }
        ForwardEquivalenceTests.AssertClose(expectedGradient, actualGradient, $"{name} batch {batch} (block size {strip.BlockSize}) gradient", 1e-4f);
    }
}
