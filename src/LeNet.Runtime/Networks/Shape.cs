namespace LeNet;

/// <summary>The shape of one layer's output for one sample: <see cref="Channels"/> maps of <see cref="Height"/> x <see cref="Width"/>.</summary>
public readonly record struct Shape(int Channels, int Height, int Width)
{
    /// <summary>Number of units: Channels x Height x Width.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>A flat vector of <paramref name="units"/> units (1 x 1 maps).</summary>
    public static Shape Flat(int units) => new(units, 1, 1);

    /// <summary>"6x28x28", or "84" for a flat vector.</summary>
    public override string ToString() => Height == 1 && Width == 1 ? $"{Channels}" : $"{Channels}x{Height}x{Width}";
}
