using LeNet.Training;

namespace LeNet.Runtime.Tests.Generated;

/// <summary>
/// Training passes (<see cref="TrainingStep"/>) of the networks with dropout: the generated
/// engine draws the generic engine's masks on one sample and in every lane of a block, its
/// backward passes follow them, and the masks drop about the rate and scale the rest.
/// </summary>
public sealed class DropoutTrainingTests
{
    public static TheoryData<string> Names => new("windows-dropout", "strided-first-dropout");

    private static readonly TrainingStep Step = new(seed: 0xD50, firstSample: 40);

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainingForward_MatchesGenericEngine_MasksIncluded(string name)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription d = generated.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 5);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 6, scale: 1.2f);
        float[] expected = new float[d.ActivationCount], actual = new float[d.ActivationCount], evaluation = new float[d.ActivationCount];
        generic.ForwardTraining(parameters, input, expected, Step);
        generated.ForwardTraining(parameters, input, actual, Step);
        generated.Forward(parameters, input, evaluation);
        foreach (LayerInfo layer in d.Layers)
            ForwardEquivalenceTests.AssertClose(expected.AsSpan(layer.ActivationOffset, layer.Output.Size),
                actual.AsSpan(layer.ActivationOffset, layer.Output.Size), $"{name} layer {layer.Label}");
        Assert.False(expected.AsSpan().SequenceEqual(evaluation), "a training pass drops units an evaluation pass keeps");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainingBlocks_DrawEachLanesMasks_AsOneSampleWould(string name)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription d = generated.Description;
        int lanes = generated.BlockSize;
        float[] parameters = NetworkCases.Parameters(d, seed: 7);
        float[] inputs = NetworkCases.Random(lanes * d.Input.Size, seed: 8, scale: 1.2f);
        float[] block = new float[lanes * d.Input.Size], activations = new float[lanes * d.ActivationCount];
        for (int lane = 0; lane < lanes; lane++)
            BlockLayout.Scatter(inputs.AsSpan(lane * d.Input.Size, d.Input.Size), block, lane, lanes);
        generated.ForwardBlockTraining(parameters, block, activations, Step);
        float[] expected = new float[d.ActivationCount], actual = new float[d.ActivationCount];
        for (int lane = 0; lane < lanes; lane++)
        {
            generic.ForwardTraining(parameters, inputs.AsSpan(lane * d.Input.Size, d.Input.Size), expected,
                new TrainingStep(Step.Seed, Step.FirstSample + lane));
            BlockLayout.Gather(activations, actual, lane, lanes);
            foreach (LayerInfo layer in d.Layers)
                ForwardEquivalenceTests.AssertClose(expected.AsSpan(layer.ActivationOffset, layer.Output.Size),
                    actual.AsSpan(layer.ActivationOffset, layer.Output.Size), $"{name} lane {lane} of {lanes} layer {layer.Label}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void BackwardAfterTrainingForward_MatchesGenericEngine_GradientAndCurvature(string name)
    {
        INetwork generated = NetworkCases.Generated(name), generic = NetworkCases.Generic(name);
        NetworkDescription d = generated.Description;
        float[] parameters = NetworkCases.Parameters(d, seed: 9);
        float[] input = NetworkCases.Random(d.Input.Size, seed: 10, scale: 1.2f);
        float[] outputDelta = NetworkCases.Random(d.Output.Size, seed: 11, scale: 1f);
        float[] curvatureDelta = outputDelta.Select(MathF.Abs).ToArray();
        float[] activations = new float[d.ActivationCount];
        generic.ForwardTraining(parameters, input, activations, Step);
        foreach (bool curvature in new[] { false, true })
        {
            float[] expected = new float[d.ParameterCount], actual = new float[d.ParameterCount];
            if (curvature)
            {
                generic.BackwardCurvature(parameters, input, activations, curvatureDelta, expected, new float[generic.ScratchLength]);
                generated.BackwardCurvature(parameters, input, activations, curvatureDelta, actual, new float[generated.ScratchLength]);
            }
            else
            {
                generic.Backward(parameters, input, activations, outputDelta, expected, new float[generic.ScratchLength]);
                generated.Backward(parameters, input, activations, outputDelta, actual, new float[generated.ScratchLength]);
            }
            foreach (LayerInfo layer in d.Layers.Where(l => l.ParameterCount > 0))
                ForwardEquivalenceTests.AssertClose(expected.AsSpan(layer.ParameterOffset, layer.ParameterCount),
                    actual.AsSpan(layer.ParameterOffset, layer.ParameterCount), $"{name} {(curvature ? "curvature" : "gradient")} layer {layer.Label}", 1e-4f);
        }
    }

    [Fact]
    public void DropoutFactor_DropsAboutTheRate_ScalesTheKept_AndIsTheIdentityInEvaluation()
    {
        const float rate = 0.3f;
        int dropped = 0, units = 20000;
        for (int unit = 0; unit < units; unit++)
        {
            float factor = Step.DropoutFactor(unit, lane: unit % 16, rate);
            Assert.True(factor == 0f || factor == 1f / (1f - rate), $"unit {unit}: factor {factor}");
            if (factor == 0f) dropped++;
            Assert.Equal(factor, new TrainingStep(Step.Seed, Step.FirstSample).DropoutFactor(unit, unit % 16, rate));
            Assert.Equal(1f, TrainingStep.Evaluation.DropoutFactor(unit, unit % 16, rate));
        }
        Assert.InRange(dropped / (double)units, rate - 0.02, rate + 0.02);
        int differ = Enumerable.Range(0, 256).Count(u => Step.DropoutFactor(u, 0, 0.5f) != new TrainingStep(Step.Seed + 1, Step.FirstSample).DropoutFactor(u, 0, 0.5f));
        Assert.InRange(differ, 64, 192);
    }
}
