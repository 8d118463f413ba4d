using LeNet.Engine;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// Generated strips ([Replicate] classes) against the generic engine's strip of the same field
/// (<see cref="GenericNetwork.Replicate"/>), whose positions the Strips tests hold equal to the field
/// on every window: the layout, every pass of one sample and the block kernels. In this namespace,
/// so the forced-kernel-path runs cover every path.
/// </summary>
public sealed class StripEquivalenceTests
{
    private static readonly Dictionary<string, IReplicatedNetwork> Strips = new IReplicatedNetwork[]
    {
        new LeNet5StringsStrip(), new LeNet5Strip(), new TrainableRbfStrip(), new SevenKernelStrip(),
    }.ToDictionary(n => n.GetType().Name);

    public static TheoryData<string> Names => new(Strips.Keys);

    public static TheoryData<string, int> Batches()
    {
        var cases = new TheoryData<string, int>();
        foreach (string name in Strips.Keys)
            foreach (int batch in new[] { 1, 7, 17 })
                cases.Add(name, batch);
        return cases;
    }

    private static IReplicatedNetwork Generic(IReplicatedNetwork strip) => GenericNetwork.Replicate(strip.Field, strip.Width);

    [Theory]
    [MemberData(nameof(Names))]
    public void Description_IsTheSharedRulesStrip_WithTheFieldsParameters(string name)
    {
        IReplicatedNetwork strip = Strips[name];
        NetworkDescription expected = Replication.Strip(strip.Field, strip.Width);

        Assert.Equal(expected.CanonicalText(), strip.Description.CanonicalText());
        Assert.Equal(expected.Name, strip.Description.Name);
        Assert.Equal(strip.Field.ParameterCount, strip.Description.ParameterCount);
        Assert.Equal(Replication.Step(strip.Field), strip.Step);
        Assert.Equal(Replication.Positions(strip.Field, strip.Width), strip.Positions);
        Assert.Equal(new Shape(strip.Field.Output.Size, 1, strip.Positions), strip.Description.Output);
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
