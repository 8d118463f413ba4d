using LeNet.Data;

namespace LeNet.Cli.Benchmarking;

/// <summary>
/// Deterministic made-up inputs, labels and parameters for timing a network: the engines' speed does
/// not depend on what the pixels show, so no data set is needed and every run sees the same numbers.
/// </summary>
internal static class SyntheticData
{
    /// <summary>Half-width of the uniform range initial parameters are drawn from: small enough that no tanh saturates.</summary>
    public const float ParameterRange = 0.1f;
    /// <summary>Darkest synthetic pixel: the encoder's background value.</summary>
    public const float InputLow = -0.1f;
    /// <summary>Brightest synthetic pixel: the encoder's full-ink value.</summary>
    public const float InputHigh = 1.175f;

    /// <summary>Parameters drawn uniformly from ±<see cref="ParameterRange"/>.</summary>
    public static float[] Parameters(NetworkDescription network, int seed)
    {
        var random = new Random(seed);
        var parameters = new float[network.ParameterCount];
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] = (float)(random.NextDouble() * 2 - 1) * ParameterRange;
        return parameters;
    }

    /// <summary><paramref name="batch"/> inputs back to back, pixels uniform in the encoder's range.</summary>
    public static float[] Inputs(NetworkDescription network, int batch, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[batch * network.Input.Size];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = InputLow + (float)random.NextDouble() * (InputHigh - InputLow);
        return inputs;
    }

    /// <summary><paramref name="batch"/> labels, uniform over the network's output units.</summary>
    public static int[] Labels(NetworkDescription network, int batch, int seed)
    {
        var random = new Random(seed);
        var labels = new int[batch];
        for (int i = 0; i < labels.Length; i++) labels[i] = random.Next(network.Output.Size);
        return labels;
    }

    /// <summary>
    /// <paramref name="count"/> labelled images that fill the network's input field, pixels and labels
    /// uniform (labels over the output units): training data for timing <see cref="Training.Trainer"/>'s step.
    /// </summary>
    /// <exception cref="ArgumentException">The network's input is not one grey-scale map.</exception>
    public static LabelledImages Images(NetworkDescription network, int count, int seed)
    {
        if (network.Input.Channels != 1)
            throw new ArgumentException($"Network '{network.Name}' takes {network.Input.Channels} input maps; images give one.", nameof(network));
        var random = new Random(seed);
        var pixels = new byte[count * network.Input.Height * network.Input.Width];
        random.NextBytes(pixels);
        var labels = new byte[count];
        for (int i = 0; i < labels.Length; i++) labels[i] = (byte)random.Next(network.Output.Size);
        return new LabelledImages("synthetic", network.Input.Height, network.Input.Width, pixels, labels, network.Output.Size);
    }
}
