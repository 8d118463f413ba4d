namespace LeNet;

/// <summary>
/// One layer as the user declared it, with nothing derived: the generated code hands the runtime
/// a list of these (in declaration order) and <see cref="NetworkDescription"/> works out shapes and
/// offsets on its own, so the generated constants can be checked against an independent layout.
/// </summary>
/// <param name="Kind">What the layer computes.</param>
/// <param name="Label">Short name (C1, S2, F6 ...).</param>
/// <param name="Size">Output maps (convolution), window side (subsampling), or units (the others); unused by dropout.</param>
/// <param name="Kernel">Kernel side for convolutions; 0 otherwise.</param>
/// <param name="Activation">Squashing function after the weighted sum.</param>
/// <param name="Pooling">Average or max, for subsampling.</param>
/// <param name="Trainable">Trainable coefficient and bias (subsampling) or trainable centres (radial basis).</param>
/// <param name="Connections">For convolutions with a connection table: per output map, the input maps it reads.</param>
/// <param name="Centres">Where radial-basis centres come from.</param>
/// <param name="PerPosition">
/// Radial basis and softmax only: the layer reads the maps of each position (row, column) of its
/// input as one vector and keeps the positions, as a replicated network's output does (see
/// <see cref="Replication"/>); otherwise it reads its whole input as one vector.
/// </param>
/// <param name="Padding">Convolutions: zeros on all four sides of every input map.</param>
/// <param name="Stride">Convolutions: the step between neighbouring outputs' windows.</param>
/// <param name="Floor">Subsampling: an input side the window does not divide is rounded down.</param>
/// <param name="Rate">Dropout: the probability that a unit is dropped in training.</param>
public sealed record LayerDeclaration(
    LayerKind Kind,
    string Label,
    int Size,
    int Kernel = 0,
    Activation Activation = Activation.Identity,
    Pooling Pooling = Pooling.Average,
    bool Trainable = false,
    int[][]? Connections = null,
    RbfCentres Centres = RbfCentres.DigitBitmaps,
    bool PerPosition = false,
    int Padding = 0,
    int Stride = 1,
    bool Floor = false,
    float Rate = 0f)
{
    /// <summary>Structural equality: records compare arrays by reference, the connection table must compare by value.</summary>
    public bool Equals(LayerDeclaration? other) =>
        other is not null && Kind == other.Kind && Label == other.Label && Size == other.Size && Kernel == other.Kernel
        && Activation == other.Activation && Pooling == other.Pooling && Trainable == other.Trainable && Centres == other.Centres
        && PerPosition == other.PerPosition && Padding == other.Padding && Stride == other.Stride && Floor == other.Floor
        && Rate.Equals(other.Rate) && ConnectionText == other.ConnectionText;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Label, Size, Kernel, Activation, Pooling, HashCode.Combine(Trainable, PerPosition, Padding, Stride, Floor, Rate), ConnectionText);

    /// <summary>The connection table as text ("0,1,2 1,2,3 ..."), empty when there is none.</summary>
    public string ConnectionText => Connections is null ? "" : string.Join(' ', Connections.Select(set => string.Join(',', set)));
}
