namespace LeNet.Training;

/// <summary>The small vector readings the losses share: arg-max, arg-min, a stable softmax.</summary>
internal static class OutputReading
{
    /// <summary>Index of the largest value (the first one, on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Index of the smallest value (the first one, on ties).</summary>
    public static int ArgMin(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] < values[best]) best = i;
        return best;
    }

    /// <summary>
    /// p_i = e^(sign x_i) / sum_k e^(sign x_k), computed after subtracting the largest exponent so
    /// that nothing overflows; <paramref name="sign"/> = -1 reads penalties (smaller is better).
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> values, Span<float> probabilities, float sign)
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
