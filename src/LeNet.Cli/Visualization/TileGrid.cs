namespace LeNet.Cli.Visualization;

/// <summary>
/// How one layer's output is cut into pictures: <see cref="Count"/> tiles of <see cref="Rows"/> x
/// <see cref="Columns"/> values. Maps (convolution, subsampling) give one tile per map; flat layers
/// (fully connected, outputs) give one tile with the units laid out on a near-square grid.
/// </summary>
/// <param name="Count">Number of tiles.</param>
/// <param name="Rows">Value rows per tile.</param>
/// <param name="Columns">Value columns per tile.</param>
internal readonly record struct TileGrid(int Count, int Rows, int Columns)
{
    /// <summary>Values one tile shows (the last flat cells may stay empty).</summary>
    public int TileSize => Rows * Columns;

    /// <summary>The grid for a layer of shape <paramref name="shape"/>.</summary>
    /// <param name="shape">The layer's output shape.</param>
    /// <param name="asDigitCode">
    /// The units feed digit-bitmap radial-basis centres: lay them out as the 7-wide, 12-high bitmap
    /// (<see cref="DigitCodes"/>) so a well-trained F6 shows the stylised digit.
    /// </param>
    public static TileGrid For(Shape shape, bool asDigitCode = false)
    {
        bool flat = shape.Height == 1 && shape.Width == 1;
        if (!flat) return new TileGrid(shape.Channels, shape.Height, shape.Width);
        if (asDigitCode && shape.Channels == DigitCodes.Length) return new TileGrid(1, DigitCodes.Height, DigitCodes.Width);
        int columns = FlatColumns(shape.Channels);
        return new TileGrid(1, (shape.Channels + columns - 1) / columns, columns);
    }

    /// <summary>
    /// Columns for <paramref name="units"/> flat units: the smallest divisor at or above the square root,
    /// so the grid is full and a little wider than tall (120 → 12x10, 84 → 12x7); ten units or fewer make one line, unless that
    /// divisor makes a long thin strip, when a square grid with a few empty cells is used instead.
    /// </summary>
    public static int FlatColumns(int units)
    {
        // Ten units and fewer (the outputs) stay on one line, read left to right like the digits.
        const int oneLine = 10;
        if (units <= oneLine) return units;
        const double longestStretch = 2.5;
        int root = (int)Math.Ceiling(Math.Sqrt(units));
        int limit = (int)Math.Ceiling(root * longestStretch);
        for (int columns = root; columns <= Math.Min(units, limit); columns++)
            if (units % columns == 0) return columns;
        return root;
    }

    /// <summary>True when <paramref name="layer"/>'s units are the inputs of fixed digit-bitmap radial-basis centres.</summary>
    public static bool FeedsDigitCodes(NetworkDescription description, LayerInfo layer) =>
        layer.Index + 1 < description.Layers.Count
        && description.Layers[layer.Index + 1].Declaration is { Kind: LayerKind.RadialBasis, Centres: RbfCentres.DigitBitmaps }
        && layer.Output.Size == DigitCodes.Length;
}
