namespace LeNet;

/// <summary>
/// A declared layer with everything derived from its place in the network: shapes, where its
/// parameters sit in the flat parameter buffer, where its outputs sit in a sample's activations.
/// </summary>
public sealed record LayerInfo(
    int Index,
    LayerDeclaration Declaration,
    Shape Input,
    Shape Output,
    int ParameterOffset,
    int ParameterCount,
    int ActivationOffset)
{
    /// <summary>The layer's short label.</summary>
    public string Label => Declaration.Label;
    /// <summary>The layer's kind.</summary>
    public LayerKind Kind => Declaration.Kind;

    /// <summary>
    /// Where the layer's parameters sit within its <see cref="ParameterCount"/> floats, segment by
    /// segment in order (the one declaration of the layout, shared with the generator).
    /// </summary>
    public IReadOnlyList<ParameterSegment> Segments => LayoutRules.Segments(Kind, Declaration.Size, ConnectedPairs(this), Declaration.Kernel,
        Output.Channels, Input.Channels, Input.Size, Output.Size, Declaration.Trainable, Declaration.PerPosition);

    /// <summary>The segment holding the layer's <paramref name="role"/>.</summary>
    /// <exception cref="InvalidOperationException">The layer has no such parameters.</exception>
    public ParameterSegment Segment(ParameterRole role)
    {
        foreach (ParameterSegment segment in Segments)
            if (segment.Role == role) return segment;
        throw new InvalidOperationException($"Layer {Label} ({Describe()}) has no {role.ToString().ToLowerInvariant()}.");
    }

    /// <summary>
    /// Connections as the 1998 paper counts them: one per multiply-add (bias included) from an input
    /// unit or bias to an output unit, summed over all output units (shared weights count each use).
    /// </summary>
    public long Connections => Declaration.Kind switch
    {
        LayerKind.Convolution => (long)Output.Height * Output.Width * ConnectedPairs(this) * Declaration.Kernel * Declaration.Kernel
                                 + (long)Output.Size,
        LayerKind.Subsampling => (long)Output.Size * (Declaration.Size * Declaration.Size + 1),
        LayerKind.FullyConnected => (long)Output.Size * (Input.Size + 1),
        LayerKind.RadialBasis => (long)Output.Size * VectorLength,
        _ => 0,
    };

    /// <summary>Units an output layer (RBF, softmax) reads as one vector: its whole input, or one position's maps.</summary>
    private long VectorLength => LayoutRules.VectorLength(Declaration.PerPosition, Input.Channels, Input.Size);

    /// <summary>Multiply-adds of a forward pass for one sample in the convolutions and full layers (the figure speed is measured against; pooling is not counted).</summary>
    public long MultiplyAdds => Declaration.Kind switch
    {
        LayerKind.Convolution => (long)Output.Height * Output.Width * ConnectedPairs(this) * Declaration.Kernel * Declaration.Kernel,
        LayerKind.FullyConnected => (long)Output.Size * Input.Size,
        LayerKind.RadialBasis => (long)Output.Size * VectorLength,
        _ => 0,
    };

    /// <summary>The input maps output map <paramref name="map"/> reads (every input map when there is no table).</summary>
    public IReadOnlyList<int> InputsOf(int map) =>
        Declaration.Connections is { } table ? table[map] : Enumerable.Range(0, Input.Channels).ToArray();

    /// <summary>Number of (output map, input map) pairs a convolution connects.</summary>
    public static int ConnectedPairs(LayerInfo layer) =>
        layer.Declaration.Connections?.Sum(set => set.Length) ?? layer.Output.Channels * layer.Input.Channels;

    /// <summary>"C1 convolution 5x5" and the like, for tables.</summary>
    public string Describe() => Declaration.PerPosition ? DescribeKind() + " per position" : DescribeKind();

    private string DescribeKind() => Declaration.Kind switch
    {
        LayerKind.Convolution => $"convolution {Declaration.Kernel}x{Declaration.Kernel}" + (Declaration.Connections is null ? "" : " (table)"),
        LayerKind.Subsampling => $"{(Declaration.Pooling == Pooling.Max ? "max" : "average")} pool {Declaration.Size}x{Declaration.Size}" + (Declaration.Trainable ? " (coef+bias)" : ""),
        LayerKind.FullyConnected => "fully connected",
        LayerKind.RadialBasis => Declaration.Trainable ? "RBF (trainable centres)" : "RBF (fixed centres)",
        LayerKind.Softmax => "softmax",
        _ => Declaration.Kind.ToString(),
    };
}
