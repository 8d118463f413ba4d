namespace LeNet.Cli.Imaging;

/// <summary>
/// A grey-scale picture as floats, row after row: <see cref="Pixels"/>[row * <see cref="Width"/> + column].
/// What 0 and 1 mean is up to the producer; <see cref="ImageFile"/> gives luminance (0 = black, 1 = white).
/// </summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Pixels">Width x Height values in 0..1.</param>
public sealed record GreyImage(int Width, int Height, float[] Pixels)
{
    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public float this[int row, int column] => Pixels[row * Width + column];
}
