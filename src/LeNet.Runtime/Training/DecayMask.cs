namespace LeNet.Training;

/// <summary>
/// Which parameters weight decay applies to: 1 in the segments that declare it
/// (<see cref="ParameterSegment.Decays"/>: the weights of convolutions and fully connected layers),
/// 0 elsewhere.
/// </summary>
internal static class DecayMask
{
    /// <summary>One float per parameter, 1 where decay applies and 0 elsewhere.</summary>
    public static float[] For(NetworkDescription network)
    {
        var mask = new float[network.ParameterCount];
        foreach (LayerInfo layer in network.Layers)
            foreach (ParameterSegment segment in layer.Segments)
                if (segment.Decays)
                    mask.AsSpan(layer.ParameterOffset + segment.Start, segment.Length).Fill(1f);
        return mask;
    }
}
