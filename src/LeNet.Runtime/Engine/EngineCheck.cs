using LeNet.Training;

namespace LeNet.Engine;

/// <summary>One pass compared: the largest difference between the engines, layer by layer, relative to each layer's scale.</summary>
/// <param name="Pass">forward, backward, curvature or fused SGD step.</param>
/// <param name="Difference">
/// Largest |expected - actual| / scale over the layers, where a layer's scale is the largest
/// |expected| among its values (its activations, or its segment of the parameters, gradient or curvature).
/// </param>
/// <param name="Tolerance">The most <paramref name="Difference"/> may be.</param>
/// <param name="Layer">The layer where the difference is largest.</param>
internal sealed record EngineCheckResult(string Pass, double Difference, double Tolerance, string Layer)
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
/// tap or missing term gives. Every pass is compared layer by layer, each relative to that layer's
/// own scale: against the scale of the whole vector, a wrong value in a layer of small numbers
/// (a first layer's gradient, a curvature) would hide under the largest layer's.
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
        var results = new List<EngineCheckResult> { Result("forward", ByLayer(d, expected, actual, LayerPart.Activations), ForwardTolerance) };

        // Both backward passes run from the reference's activations, so only the backward code differs.
        float[] scratch = new float[Math.Max(fast.ScratchLength, reference.ScratchLength)];
        float[] expectedGradient = new float[d.ParameterCount], actualGradient = new float[d.ParameterCount];
        reference.Backward(parameters, input, expected, outputGradient, expectedGradient, scratch);
        fast.Backward(parameters, input, expected, outputGradient, actualGradient, scratch);
        results.Add(Result("backward", ByLayer(d, expectedGradient, actualGradient, LayerPart.Parameters), GradientTolerance));

        float[] expectedCurvature = new float[d.ParameterCount], actualCurvature = new float[d.ParameterCount];
        reference.BackwardCurvature(parameters, input, expected, outputCurvature, expectedCurvature, scratch);
        fast.BackwardCurvature(parameters, input, expected, outputCurvature, actualCurvature, scratch);
        results.Add(Result("curvature", ByLayer(d, expectedCurvature, actualCurvature, LayerPart.Parameters), GradientTolerance));

        if (fast is IFusedSgdStep fused)
        {
            float[] stepped = (float[])parameters.Clone(), updated = new float[d.ParameterCount];
            for (int k = 0; k < updated.Length; k++) updated[k] = parameters[k] - StepRate * expectedGradient[k];
            fused.SgdStep(stepped, input, expected, outputGradient, StepRate, scratch);
            results.Add(Result("fused SGD step", ByLayer(d, updated, stepped, LayerPart.Parameters), ForwardTolerance));
        }
        return results;
    }

    private static float[] Uniform(Random random, int count, float low, float high)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = low + (high - low) * random.NextSingle();
        return values;
    }

    private static EngineCheckResult Result(string pass, LayerDifference difference, double tolerance) =>
        new(pass, difference.Difference, tolerance, difference.Layer);

    /// <summary>Which of a layer's values a vector holds: its activations, or its parameters (and so its gradient or curvature).</summary>
    internal enum LayerPart { Activations, Parameters }

    /// <summary>
    /// The largest difference between two activation or parameter vectors of network
    /// <paramref name="d"/>, each layer's relative to its own scale; layers without values are skipped.
    /// </summary>
    internal static LayerDifference ByLayer(NetworkDescription d, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, LayerPart part)
    {
        var largest = new LayerDifference(0, "", 0);
        foreach (LayerInfo layer in d.Layers)
        {
            (int start, int length) = part == LayerPart.Activations ? (layer.ActivationOffset, layer.Output.Size) : (layer.ParameterOffset, layer.ParameterCount);
            LayerDifference difference = Difference(layer.Label, expected.Slice(start, length), actual.Slice(start, length));
            if (difference.Difference > largest.Difference || largest.Layer.Length == 0) largest = difference;
        }
        return largest;
    }

    /// <summary>
    /// max |expected - actual| / max |expected| and where; infinite where either holds NaN or
    /// infinity. A layer whose expected values are all zero must match exactly.
    /// </summary>
    private static LayerDifference Difference(string layer, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        double scale = 0, largest = 0;
        int unit = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!float.IsFinite(expected[i]) || !float.IsFinite(actual[i])) return new(double.PositiveInfinity, layer, i);
            scale = Math.Max(scale, Math.Abs(expected[i]));
            double difference = Math.Abs((double)expected[i] - actual[i]);
            if (difference > largest) (largest, unit) = (difference, i);
        }
        return new(largest == 0 ? 0 : scale == 0 ? double.PositiveInfinity : largest / scale, layer, unit);
    }
}

/// <summary>The largest difference <see cref="EngineCheck.ByLayer"/> found, in which layer and at which of its values.</summary>
internal readonly record struct LayerDifference(double Difference, string Layer, int Unit);
