namespace LeNet.Training;

/// <summary>The argument checks every optimizer's step shares.</summary>
internal static class OptimizerChecks
{
    /// <summary>Fails unless the parameters and the gradient both have the length the optimizer was built for.</summary>
    public static void Lengths(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, int expected)
    {
        if (parameters.Length != expected || gradient.Length != expected)
            throw new ArgumentException($"The optimizer was built for {expected} parameters, but got {parameters.Length} parameters and {gradient.Length} gradient values.");
    }
}
