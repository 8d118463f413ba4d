namespace LeNet.Training;

/// <summary>
/// Which parameters weight decay applies to: 1 for the weights of convolutions and fully connected
/// layers, 0 for biases, subsampling coefficients and radial-basis centres (decaying those towards
/// 0 would only bias the units, not regularise the function).
/// </summary>
internal static class DecayMask
{
    /// <summary>One float per parameter, 1 where decay applies and 0 elsewhere.</summary>
    public static float[] For(NetworkDescription network)
    {
        var mask = new float[network.ParameterCount];
        foreach (LayerInfo layer in network.Layers)
        {
            int weights = layer.Kind switch
            {
                LayerKind.Convolution => layer.ParameterCount - layer.Output.Channels,
                LayerKind.FullyConnected => layer.ParameterCount - layer.Output.Size,
                _ => 0,
            };
            mask.AsSpan(layer.ParameterOffset, weights).Fill(1f);
        }
        return mask;
    }
}
