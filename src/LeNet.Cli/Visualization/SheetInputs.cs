namespace LeNet.Cli.Visualization;

/// <summary>Checks that the buffers handed to a picture belong to the network they claim to.</summary>
internal static class SheetInputs
{
    /// <exception cref="ArgumentException">A length does not match, or <paramref name="predicted"/> is not a class.</exception>
    public static void Check(NetworkDescription description, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> probabilities, int predicted)
    {
        if (input.Length != description.Input.Size)
            throw new ArgumentException($"Network '{description.Name}' takes {description.Input.Size} input values, not {input.Length}.", nameof(input));
        if (activations.Length != description.ActivationCount)
            throw new ArgumentException($"Network '{description.Name}' has {description.ActivationCount} activations per sample, not {activations.Length}.", nameof(activations));
        if (probabilities.IsEmpty)
            throw new ArgumentException("No class probabilities were given.", nameof(probabilities));
        if (predicted < 0 || predicted >= probabilities.Length)
            throw new ArgumentException($"The predicted class {predicted} is not one of the {probabilities.Length} classes.", nameof(predicted));
    }
}
