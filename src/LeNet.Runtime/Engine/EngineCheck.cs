using LeNet.Training;

namespace LeNet.Engine;

/// <summary>One pass compared: the largest difference between the engines, relative to the values' scale.</summary>
/// <param name="Pass">forward, backward, curvature or fused SGD step.</param>
/// <param name="Difference">Largest |expected - actual| / scale, where scale is the largest |expected| (at least 1) of the part compared.</param>
/// <param name="Tolerance">The most <paramref name="Difference"/> may be.</param>
internal sealed record EngineCheckResult(string Pass, double Difference, double Tolerance)
{
    /// <summary>Whether the engines agree within the tolerance.</summary>
    public bool Agrees => Difference <= Tolerance;
}

/// <summary>
/// Runs a fast engine (the generated code) and a reference engine (the generic one) on the same
/// random parameters, input and output gradient, and compares every pass: each layer's forward
/// outputs, the gradient, the curvature and, where the fast engine offers it, the fused SGD step.
/// </summary>
/// <remarks>
/// The engines add in different orders and the vector tanh is an approximation within 1e-6, so
/// outputs may differ by about 1e-6 of their scale and gradients by about 1e-5; the tolerances
/// (1e-5 and 1e-4, as in the equivalence tests) are ten times that and far below what a wrong index,
/// tap or missing term gives.
/// </remarks>
internal static class EngineCheck
{
    /// <summary>Tolerance for outputs and the SGD step, relative to each layer's (or the parameters') scale.</summary>
    public const double ForwardTolerance = 1e-5;
    /// <summary>Tolerance for the gradient and the curvature, relative to their scale.</summary>
    public const double GradientTolerance = 1e-4;
    /// <summary>The SGD step's rate: large, so that a kernel reading an already-updated weight shows.</summary>
    public const float StepRate = 0.5f;

    /// <summary>Compares <paramref name="fast"/> with <paramref name="reference"/> on data drawn from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The engines run different networks.</exception>
    public static IReadOnlyList<EngineCheckResult> Run(INetwork fast, INetwork reference, int seed = 1)
    {
        NetworkDescription d = fast.Description;
        if (d.Signature != reference.Description.Signature)
            throw new ArgumentException($"The engines run different networks: '{d.Name}' and '{reference.Description.Name}'.", nameof(reference));
        var random = new Random(seed);
        float[] parameters = ParameterInitializer.Create(d, InitializationScheme.Default, seed);
        float[] input = Uniform(random, d.Input.Size, -1f, 1.2f);
        float[] outputGradient = Uniform(random, d.Output.Size, -1f, 1f);
        float[] outputCurvature = Uniform(random, d.Output.Size, 0f, 1f);

        float[] expected = new float[d.ActivationCount], actual = new float[d.ActivationCount];
        reference.Forward(parameters, input, expected);
        fast.Forward(parameters, input, actual);
        double forward = d.Layers.Max(layer => Difference(
            expected.AsSpan(layer.ActivationOffset, layer.Output.Size), actual.AsSpan(layer.ActivationOffset, layer.Output.Size)));
        var results = new List<EngineCheckResult> { new("forward", forward, ForwardTolerance) };

        // Both backward passes run from the reference's activations, so only the backward code differs.
        float[] scratch = new float[Math.Max(fast.ScratchLength, reference.ScratchLength)];
        float[] expectedGradient = new float[d.ParameterCount], actualGradient = new float[d.ParameterCount];
        reference.Backward(parameters, input, expected, outputGradient, expectedGradient, scratch);
        fast.Backward(parameters, input, expected, outputGradient, actualGradient, scratch);
        results.Add(new("backward", Difference(expectedGradient, actualGradient), GradientTolerance));

        float[] expectedCurvature = new float[d.ParameterCount], actualCurvature = new float[d.ParameterCount];
        reference.BackwardCurvature(parameters, input, expected, outputCurvature, expectedCurvature, scratch);
        fast.BackwardCurvature(parameters, input, expected, outputCurvature, actualCurvature, scratch);
        results.Add(new("curvature", Difference(expectedCurvature, actualCurvature), GradientTolerance));

        if (fast is IFusedSgdStep fused)
        {
            float[] stepped = (float[])parameters.Clone(), updated = new float[d.ParameterCount];
            for (int k = 0; k < updated.Length; k++) updated[k] = parameters[k] - StepRate * expectedGradient[k];
            fused.SgdStep(stepped, input, expected, outputGradient, StepRate, scratch);
            results.Add(new("fused SGD step", Difference(updated, stepped), ForwardTolerance));
        }
        return results;
    }

    private static float[] Uniform(Random random, int count, float low, float high)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = low + (high - low) * random.NextSingle();
        return values;
    }

    /// <summary>max |expected - actual| / max(1, max |expected|); infinite where either holds NaN or infinity.</summary>
    private static double Difference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        double scale = 1, largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!float.IsFinite(expected[i]) || !float.IsFinite(actual[i])) return double.PositiveInfinity;
            scale = Math.Max(scale, Math.Abs(expected[i]));
            largest = Math.Max(largest, Math.Abs((double)expected[i] - actual[i]));
        }
        return largest / scale;
    }
}
