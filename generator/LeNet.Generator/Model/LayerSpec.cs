using LeNet.Generator.Helpers;

namespace LeNet.Generator.Model;

/// <summary>
/// One layer with its shapes and offsets resolved: everything an emitter needs, nothing from the
/// compilation (no symbols, syntax or locations), so the model compares by value.
/// </summary>
/// <param name="Index">Position in the layer list (0 = first after the input).</param>
/// <param name="Kind">What the layer computes.</param>
/// <param name="Label">Identifier-safe short name (C1, S2 ...), also the name of its constants class.</param>
/// <param name="Size">Maps (convolution), window side (subsampling) or units.</param>
/// <param name="Kernel">Kernel side (convolution), else 0.</param>
/// <param name="Activation">Squashing function.</param>
/// <param name="Pooling">Average or max (subsampling).</param>
/// <param name="Trainable">Trainable coefficient/bias (subsampling) or centres (RBF).</param>
/// <param name="Centres">RBF centre source.</param>
/// <param name="Connections">Per output map, the input maps it reads; empty when fully connected.</param>
/// <param name="Input">Input shape.</param>
/// <param name="Output">Output shape.</param>
/// <param name="ParameterOffset">Start of the layer's parameters in the flat buffer.</param>
/// <param name="ParameterCount">Number of parameters.</param>
/// <param name="ActivationOffset">Start of the layer's outputs in a sample's activations.</param>
/// <param name="PerPosition">
/// An output layer (RBF, softmax) of a replicated network: it reads the maps of each position as
/// one vector and keeps the positions (<see cref="Positions"/>); otherwise its whole input.
/// </param>
internal sealed record LayerSpec(
    int Index,
    LayerKind Kind,
    string Label,
    int Size,
    int Kernel,
    Activation Activation,
    Pooling Pooling,
    bool Trainable,
    RbfCentres Centres,
    EquatableArray<EquatableArray<int>> Connections,
    Shape Input,
    Shape Output,
    int ParameterOffset,
    int ParameterCount,
    int ActivationOffset,
    bool PerPosition = false)
{
    /// <summary>Positions an output layer reads one vector at: its input's rows x columns per position, else 1.</summary>
    public int Positions => PerPosition ? Input.MapSize : 1;

    /// <summary>Units of the vector an output layer reads: one position's maps, or its whole input.</summary>
    public int VectorLength => PerPosition ? Input.Channels : Input.Size;

    /// <summary>Units an output layer computes at one position: its maps, or its whole output.</summary>
    public int Units => PerPosition ? Output.Channels : Output.Size;

    /// <summary>Whether a convolution has a connection table.</summary>
    public bool HasTable => !Connections.IsEmpty;

    /// <summary>(output map, input map) pairs a convolution connects.</summary>
    public int Pairs => HasTable ? Connections.Sum(set => set.Count) : Output.Channels * Input.Channels;

    /// <summary>Kernel taps (k x k).</summary>
    public int Taps => Kernel * Kernel;

    /// <summary>Where the layer's parameters sit, segment by segment (<see cref="LayoutRules.Segments"/>); the emitted constants ({Label}.Weights, .Biases ...) come from these.</summary>
    public ParameterSegment[] Segments => LayoutRules.Segments(Kind, Size, Pairs, Kernel, Output.Channels, Input.Channels, Input.Size, Output.Size, Trainable, PerPosition);

    /// <summary>Side lengths of one output map's delta padded by kernel - 1 zeros on every side.</summary>
    public (int Height, int Width) PaddedMap => (Output.Height + 2 * (Kernel - 1), Output.Width + 2 * (Kernel - 1));

    /// <summary>
    /// Floats of scratch the backward pass of a spatial convolution (not the first layer) needs for
    /// its zero-padded output deltas; 0 for every other layer.
    /// </summary>
    public int PaddedDeltaSize => Kind == LayerKind.Convolution && !IsDense && Index > 0
        ? Output.Channels * PaddedMap.Height * PaddedMap.Width
        : 0;

    /// <summary>A convolution whose kernel covers its whole input computes a dot product per map, like a full layer.</summary>
    public bool IsDense => Kind == LayerKind.FullyConnected
        || (Kind == LayerKind.Convolution && !HasTable && Output.Height == 1 && Output.Width == 1);

    /// <summary>The one-line description used in comments and regions.</summary>
    public string Describe()
    {
        string what = Kind switch
        {
            LayerKind.Convolution => $"convolution {Kernel}x{Kernel}" + (HasTable ? $", table of {Pairs} connections" : ""),
            LayerKind.Subsampling => (Pooling == Pooling.Max ? "max" : "average") + $" pooling {Size}x{Size}" + (Trainable ? " with coefficient and bias" : ""),
            LayerKind.FullyConnected => "fully connected",
            LayerKind.RadialBasis => "Euclidean RBF" + (Trainable ? ", trainable centres" : ", fixed centres"),
            LayerKind.Softmax => "softmax",
            _ => throw LayerKinds.Unknown(Kind),
        };
        if (PerPosition) what += " per position";
        string squash = Kind is LayerKind.RadialBasis or LayerKind.Softmax ? "" : $", {Activation}";
        return $"{Label}: {what}, {Input} -> {Output}{squash} ({Format.Count(ParameterCount)} parameters)";
    }
}
