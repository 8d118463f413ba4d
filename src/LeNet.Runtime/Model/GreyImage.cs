namespace LeNet;

/// <summary>
/// A grey-scale picture, row after row: <see cref="Pixels"/>[row * <see cref="Width"/> + column], each
/// pixel its luminance from 0 (black) to 1 (white). Any size and either polarity (dark ink on white
/// paper or light ink on black); <see cref="Data.Preprocessing"/> turns it into the network's image.
/// </summary>
public sealed record GreyImage
{
    private const float MaxByte = 255f;

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> picture of luminance levels 0..1.</summary>
    /// <exception cref="ArgumentException">A side is not positive, or <paramref name="pixels"/> does not hold width x height values.</exception>
    public GreyImage(int width, int height, float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"A picture's size must be positive, not {width}x{height}.", nameof(width));
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} picture has {(long)width * height} pixels, but {pixels.Length} were given.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }
    /// <summary>Rows.</summary>
    public int Height { get; }
    /// <summary>Width x Height luminance levels, 0 = black, 1 = white.</summary>
    public float[] Pixels { get; }

    /// <summary>The level at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public float this[int row, int column] => Pixels[row * Width + column];

    /// <summary>
    /// A picture from 8-bit luminance, row after row: 0 = black, 255 = white (each byte / 255). An MNIST
    /// image read this way is white ink on black, which <see cref="Data.Preprocessing.Digit"/> recognises.
    /// </summary>
    /// <exception cref="ArgumentException">A side is not positive, or <paramref name="luminance"/> does not hold width x height bytes.</exception>
    public static GreyImage FromBytes(ReadOnlySpan<byte> luminance, int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"A picture's size must be positive, not {width}x{height}.", nameof(width));
        if (luminance.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} picture has {(long)width * height} pixels, but {luminance.Length} bytes were given.", nameof(luminance));
        var pixels = new float[luminance.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = luminance[i] / MaxByte;
        return new GreyImage(width, height, pixels);
    }
}
