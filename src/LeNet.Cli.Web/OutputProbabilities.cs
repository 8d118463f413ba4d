namespace LeNet.Cli.Web;

/// <summary>Turns a network's last-layer outputs into class probabilities.</summary>
internal static class OutputProbabilities
{
    /// <summary>
    /// Softmax outputs are already probabilities; radial-basis outputs are penalties (squared distances
    /// to each class's centre), so they become softmax(-penalty), the paper's posterior reading of
    /// them (section II.C); any other output layer gets softmax(output).
    /// </summary>
    public static float[] From(LayerKind outputKind, ReadOnlySpan<float> outputs)
    {
        if (outputKind == LayerKind.Softmax) return outputs.ToArray();
        float sign = outputKind == LayerKind.RadialBasis ? -1f : 1f;
        float largest = float.NegativeInfinity;
        foreach (float v in outputs) largest = Math.Max(largest, sign * v);
        var probabilities = new float[outputs.Length];
        float sum = 0f;
        for (int k = 0; k < outputs.Length; k++)
            sum += probabilities[k] = MathF.Exp(sign * outputs[k] - largest); // shifted by the largest so nothing overflows
        for (int k = 0; k < outputs.Length; k++) probabilities[k] /= sum;
        return probabilities;
    }

    /// <summary>The index of the largest probability (the first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> probabilities)
    {
        int best = 0;
        for (int k = 1; k < probabilities.Length; k++)
            if (probabilities[k] > probabilities[best]) best = k;
        return best;
    }
}
