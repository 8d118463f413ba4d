namespace LeNet.Generator.Model;

/// <summary>A layer's output for one sample: <see cref="Channels"/> maps of <see cref="Height"/> x <see cref="Width"/>.</summary>
internal readonly record struct Shape(int Channels, int Height, int Width)
{
    /// <summary>Channels x Height x Width (checked: a shape too large for int throws rather than wraps).</summary>
    public int Size => checked(Channels * Height * Width);

    /// <summary>Units in one map.</summary>
    public int MapSize => checked(Height * Width);

    /// <summary>"6x28x28", or "84" for a flat vector, as the runtime's Shape prints it.</summary>
    public override string ToString() => Height == 1 && Width == 1 ? $"{Channels}" : $"{Channels}x{Height}x{Width}";
}
