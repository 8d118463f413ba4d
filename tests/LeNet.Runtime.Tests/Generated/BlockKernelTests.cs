namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// The generated block kernels (one sample per vector lane) compute, lane by lane, what the generic
/// engine computes for each sample: every activation forward, and backward the sum of the samples'
/// gradients. Lanes get different samples, so a kernel that mixes lanes up shows.
/// </summary>
public sealed class BlockKernelTests
{
    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void ForwardBlock_MatchesGenericEngine_LaneByLane(string name)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription description = generated.Description;
        int lanes = generated.BlockSize, inputSize = description.Input.Size, count = description.ActivationCount;
        float[] parameters = NetworkCases.Parameters(description, seed: 1);
        float[] block = new float[lanes * inputSize], activations = new float[lanes * count];
        float[][] inputs = Enumerable.Range(0, lanes).Select(s => NetworkCases.Random(inputSize, seed: 10 + s, scale: 1.2f)).ToArray();
        for (int s = 0; s < lanes; s++) BlockLayout.Scatter(inputs[s], block, s, lanes);

        generated.ForwardBlock(parameters, block, activations);

        float[] expected = new float[count], actual = new float[count];
        for (int s = 0; s < lanes; s++)
        {
            generic.Forward(parameters, inputs[s], expected);
            BlockLayout.Gather(activations, actual, s, lanes);
            foreach (LayerInfo layer in description.Layers)
                ForwardEquivalenceTests.AssertClose(expected.AsSpan(layer.ActivationOffset, layer.Output.Size),
                    actual.AsSpan(layer.ActivationOffset, layer.Output.Size), $"{name} lane {s} of {lanes}, layer {layer.Label}");
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCases.Names), MemberType = typeof(NetworkCases))]
    public void BackwardBlock_AddsTheSumOfTheLanesGradients(string name)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription description = generated.Description;
        int lanes = generated.BlockSize, inputSize = description.Input.Size, count = description.ActivationCount, outputs = description.Output.Size;
        float[] parameters = NetworkCases.Parameters(description, seed: 3);
        float[] block = new float[lanes * inputSize], activations = new float[lanes * count], gradients = new float[lanes * outputs];
        float[] expected = new float[description.ParameterCount], actual = new float[description.ParameterCount];
        float[] sampleActivations = new float[count], scratch = new float[generic.ScratchLength];
        actual[0] = expected[0] = 0.25f; // the gradient is added into, not overwritten
        for (int s = 0; s < lanes; s++)
        {
            float[] input = NetworkCases.Random(inputSize, seed: 20 + s, scale: 1.2f);
            // The last lane stands for a batch's padding: a zero output gradient must add nothing.
            float[] outputGradient = s == lanes - 1 && lanes > 1 ? new float[outputs] : NetworkCases.Random(outputs, seed: 40 + s);
            BlockLayout.Scatter(input, block, s, lanes);
            BlockLayout.Scatter(outputGradient, gradients, s, lanes);
            generic.Forward(parameters, input, sampleActivations);
            generic.Backward(parameters, input, sampleActivations, outputGradient, expected, scratch);
        }

        generated.ForwardBlock(parameters, block, activations);
        generated.BackwardBlock(parameters, block, activations, gradients, actual, new float[generated.BlockScratchLength]);

        foreach (LayerInfo layer in description.Layers)
            ForwardEquivalenceTests.AssertClose(expected.AsSpan(layer.ParameterOffset, layer.ParameterCount),
                actual.AsSpan(layer.ParameterOffset, layer.ParameterCount), $"{name}, {lanes} lanes, gradient of {layer.Label}", tolerance: 1e-4f);
    }
}
