namespace LeNet.Training;

/// <summary>
/// Reading a network's output vector, the one place for it: arg-max, arg-min, a stable softmax, and
/// the class probabilities an output layer's values stand for. The losses, evaluation and the demo
/// server all read outputs through it.
/// </summary>
public static class OutputReading
{
    /// <summary>
    /// The class probabilities <paramref name="outputs"/> of an output layer of kind
    /// <paramref name="outputKind"/> stand for: softmax outputs are already probabilities;
    /// radial-basis outputs are penalties (squared distances to each class's centre), so they become
    /// softmax(-penalty), the paper's posterior reading of them (section II.C); any other layer's
    /// outputs become softmax(output).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is shorter than <paramref name="outputs"/>.</exception>
    public static void Probabilities(LayerKind outputKind, ReadOnlySpan<float> outputs, Span<float> probabilities)
    {
        if (probabilities.Length < outputs.Length)
            throw new ArgumentException($"'{nameof(probabilities)}' holds {probabilities.Length} floats but needs {outputs.Length}.", nameof(probabilities));
        switch (outputKind)
        {
            case LayerKind.Softmax: outputs.CopyTo(probabilities); break;
            case LayerKind.RadialBasis: Softmax(outputs, probabilities, -1f); break;
            default: Softmax(outputs, probabilities, 1f); break;
        }
    }

    /// <summary>The class probabilities of <paramref name="outputs"/> in a new array (<see cref="Probabilities(LayerKind, ReadOnlySpan{float}, Span{float})"/>).</summary>
    public static float[] Probabilities(LayerKind outputKind, ReadOnlySpan<float> outputs)
    {
        var probabilities = new float[outputs.Length];
        Probabilities(outputKind, outputs, probabilities);
        return probabilities;
    }

    /// <summary>Index of the largest value (the first one, on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Index of the smallest value (the first one, on ties).</summary>
    internal static int ArgMin(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] < values[best]) best = i;
        return best;
    }

    /// <summary>
    /// The class an output of kind <paramref name="outputKind"/> answers: the smallest radial-basis
    /// penalty, the largest value of any other layer (the first one, on ties).
    /// </summary>
    public static int Answer(LayerKind outputKind, ReadOnlySpan<float> outputs) =>
        outputKind == LayerKind.RadialBasis ? ArgMin(outputs) : ArgMax(outputs);

    /// <summary>
    /// p_i = e^(sign x_i) / sum_k e^(sign x_k), computed after subtracting the largest exponent so
    /// that nothing overflows; <paramref name="sign"/> = -1 reads penalties (smaller is better).
    /// </summary>
    internal static void Softmax(ReadOnlySpan<float> values, Span<float> probabilities, float sign)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < values.Length; i++) max = MathF.Max(max, sign * values[i]);
        float sum = 0f;
        for (int i = 0; i < values.Length; i++)
        {
            probabilities[i] = MathF.Exp(sign * values[i] - max);
            sum += probabilities[i];
        }
        for (int i = 0; i < values.Length; i++) probabilities[i] /= sum;
    }
}
