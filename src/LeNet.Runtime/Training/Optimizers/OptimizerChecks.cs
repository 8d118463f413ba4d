namespace LeNet.Training;

/// <summary>The argument checks every optimizer's update shares.</summary>
internal static class OptimizerChecks
{
    /// <summary>
    /// Fails unless the parameters and the gradient both have the length the optimizer was built for
    /// and [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) lies within it.
    /// </summary>
    public static void Slice(ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, int expected, int start, int count)
    {
        if (parameters.Length != expected || gradient.Length != expected)
            throw new ArgumentException($"The optimizer was built for {expected} parameters, but got {parameters.Length} parameters and {gradient.Length} gradient values.");
        if (start < 0 || count < 0 || start > expected - count)
            throw new ArgumentOutOfRangeException(nameof(start), $"Parameters {start} to {start + count} are not a slice of 0 to {expected}.");
    }
}
