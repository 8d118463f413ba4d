namespace LeNet.Cli.Visualization;

/// <summary>The first convolution's kernels, cut out of the flat parameter buffer for drawing.</summary>
/// <param name="Layer">The convolution.</param>
/// <param name="Weights">Its weights segment (<see cref="ParameterRole.Weights"/>), [output map][connected input map][ky][kx].</param>
/// <param name="Grid">One tile per (output map, input map) pair.</param>
/// <param name="Range">Symmetric ±max|w|, so a zero weight is mid-grey.</param>
internal sealed record Kernels(LayerInfo Layer, float[] Weights, TileGrid Grid, ValueRange Range)
{
    /// <summary>More kernels than this would swamp the sheet; they are then left out.</summary>
    private const int LargestCount = 64;

    /// <summary>The kernels of the first convolution, or null when there are no parameters, no convolution, or too many kernels.</summary>
    public static Kernels? OfFirstConvolution(NetworkDescription description, ReadOnlySpan<float> parameters)
    {
        if (parameters.IsEmpty) return null;
        LayerInfo? layer = description.Layers.FirstOrDefault(l => l.Kind == LayerKind.Convolution);
        if (layer is null) return null;
        int pairs = LayerInfo.ConnectedPairs(layer), side = layer.Declaration.Kernel;
        if (pairs > LargestCount) return null;
        ParameterSegment segment = layer.Segment(ParameterRole.Weights);
        float[] weights = parameters.Slice(layer.ParameterOffset + segment.Start, segment.Length).ToArray();
        float largest = weights.Where(float.IsFinite).Select(Math.Abs).DefaultIfEmpty(0f).Max();
        ValueRange range = largest > 0f ? new ValueRange(-largest, largest) : ValueRange.Unit;
        return new Kernels(layer, weights, new TileGrid(pairs, side, side), range);
    }
}
