using LeNet.Engine;
using LeNet.Training;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// The generated engine's block kernels (<see cref="INetwork.ForwardBlock"/>,
/// <see cref="INetwork.BackwardBlock"/>), run through the block code the trainer and evaluation
/// use (<see cref="BlockWorkspace"/>), against the generic engine one sample at a time. The batch
/// sizes leave full blocks, padded tails and lone samples on every block size (16, 8 and 1).
/// </summary>
public sealed class BlockEquivalenceTests
{
    /// <summary>Both engines sum in different orders; 1e-4 of each layer's scale covers that and nothing more (as for one sample).</summary>
    private const float GradientTolerance = 1e-4f;
    /// <summary>Outputs: 1e-5 of each layer's scale, as for one sample.</summary>
    private const float ForwardTolerance = 1e-5f;

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (string name in NetworkCases.AllNames)
            foreach (int batch in new[] { 1, 7, 16, 17, 64 })
                cases.Add(name, batch);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardBlocks_MatchGenericEngine_InEveryActivationOfEverySample(string name, int batch)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription d = generated.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 21);
        float[] inputs = NetworkCases.Random(batch * d.Input.Size, seed: 22 + batch, scale: 1.2f);
        float[] expected = new float[batch * d.ActivationCount], actual = new float[expected.Length];
        for (int s = 0; s < batch; s++)
            generic.Forward(parameters, inputs.AsSpan(s * d.Input.Size, d.Input.Size), expected.AsSpan(s * d.ActivationCount, d.ActivationCount));

        BlockBatch.Forward(new BlockWorkspace(generated), parameters, inputs, actual, 0, batch, everyActivation: true);

        for (int s = 0; s < batch; s++)
            ForwardEquivalenceTests.AssertCloseByLayer(d, expected.AsSpan(s * d.ActivationCount, d.ActivationCount), actual.AsSpan(s * d.ActivationCount, d.ActivationCount),
                EngineCheck.LayerPart.Activations, $"{name} batch {batch} (block size {generated.BlockSize}) sample {s}", ForwardTolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardBlocks_AddTheSumOfTheGenericEnginesPerSampleGradients(string name, int batch)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription d = generated.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 31);
        float[] inputs = NetworkCases.Random(batch * d.Input.Size, seed: 32 + batch, scale: 1.2f);
        float[] outputGradients = NetworkCases.Random(batch * d.Output.Size, seed: 33 + batch, scale: 1f);
        float[] expected = new float[d.ParameterCount], activations = new float[d.ActivationCount], scratch = new float[generic.ScratchLength];
        for (int s = 0; s < batch; s++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(s * d.Input.Size, d.Input.Size);
            generic.Forward(parameters, input, activations);
            generic.Backward(parameters, input, activations, outputGradients.AsSpan(s * d.Output.Size, d.Output.Size), expected, scratch);
        }

        // Start from a non-zero gradient: the blocks must add into it, not overwrite it.
        float[] offset = NetworkCases.Random(d.ParameterCount, seed: 34, scale: 0.25f);
        float[] actual = (float[])offset.Clone();
        BlockBatch.Backward(new BlockWorkspace(generated), parameters, inputs, outputGradients, actual, 0, batch);
        for (int k = 0; k < actual.Length; k++) actual[k] -= offset[k];

        Assert.Contains(expected, value => value != 0f);
        ForwardEquivalenceTests.AssertCloseByLayer(d, expected, actual, EngineCheck.LayerPart.Parameters, $"{name} batch {batch} (block size {generated.BlockSize}) gradient", GradientTolerance);
    }
}
