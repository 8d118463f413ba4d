using System.Buffers;
using System.Runtime.CompilerServices;

namespace LeNet.Data;

/// <summary>
/// Distortions of byte images (rows x columns, row-major, 0 = background): planar affine maps sampled
/// bilinearly with background outside the image, stroke thickening and thinning, and salt-and-pepper
/// noise. The span overloads write into the caller's buffer and allocate nothing.
/// </summary>
internal static class Distortions
{
    private const byte MaxLevel = 255;
    /// <summary>Added before truncating a non-negative level to a byte, to round to nearest.</summary>
    private const float RoundingOffset = 0.5f;

    /// <summary>Writes <paramref name="source"/> moved by <paramref name="transform"/> into <paramref name="destination"/> (same size, not overlapping).</summary>
    public static void Apply(ReadOnlySpan<byte> source, Span<byte> destination, int rows, int columns, AffineTransform transform)
    {
        CheckSizes(source.Length, destination.Length, rows, columns);
        Resample(source, destination, rows, columns, transform, [], []);
    }

    /// <summary>
    /// Writes <paramref name="source"/> moved by <paramref name="transform"/> after the displacement
    /// field (<paramref name="dx"/>, <paramref name="dy"/>, one value per pixel, in pixels) into
    /// <paramref name="destination"/>: output pixel (r, c) samples the source where the inverse map takes
    /// (c + dx, r + dy).
    /// </summary>
    public static void Apply(ReadOnlySpan<byte> source, Span<byte> destination, int rows, int columns, AffineTransform transform,
        ReadOnlySpan<float> dx, ReadOnlySpan<float> dy)
    {
        CheckSizes(source.Length, destination.Length, rows, columns);
        if (dx.Length < rows * columns || dy.Length < rows * columns)
            throw new ArgumentException($"A displacement field for {rows}x{columns} images needs {rows * columns} values per direction, not {dx.Length} and {dy.Length}.");
        Resample(source, destination, rows, columns, transform, dx, dy);
    }

    /// <summary>
    /// Each output pixel looks up where it came from, through the displacement field when there is one
    /// (<paramref name="dx"/> not empty) and then the inverse map, sampled bilinearly from a copy of the
    /// source with a background border (on the stack when small, pooled otherwise).
    /// </summary>
    private static void Resample(ReadOnlySpan<byte> source, Span<byte> destination, int rows, int columns, AffineTransform transform,
        ReadOnlySpan<float> dx, ReadOnlySpan<float> dy)
    {
        AffineTransform back = transform.Inverse();
        int length = (rows + 2) * (columns + 2);
        byte[]? rented = length <= StackBorderedBytes ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> bordered = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        Border(source, rows, columns, bordered);
        if (dx.IsEmpty)
            for (int r = 0; r < rows; r++)
            {
                double x = back.M12 * r + back.M13, y = back.M22 * r + back.M23;
                for (int c = 0; c < columns; c++, x += back.M11, y += back.M21)
                    destination[r * columns + c] = Sample(bordered, rows, columns, x, y);
            }
        else
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                {
                    int at = r * columns + c;
                    double u = c + dx[at], v = r + dy[at];
                    destination[at] = Sample(bordered, rows, columns, back.M11 * u + back.M12 * v + back.M13, back.M21 * u + back.M22 * v + back.M23);
                }
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Bordered images up to this many bytes live on the stack; larger ones are rented.</summary>
    private const int StackBorderedBytes = 16 * 1024;

    /// <summary>
    /// Writes <paramref name="image"/> into <paramref name="bordered"/> with a one-pixel background border,
    /// (rows + 2) x (columns + 2), so that every sample's four neighbours are read without a bounds test.
    /// </summary>
    private static void Border(ReadOnlySpan<byte> image, int rows, int columns, Span<byte> bordered)
    {
        int stride = columns + 2;
        bordered.Clear();
        for (int r = 0; r < rows; r++)
            image.Slice(r * columns, columns).CopyTo(bordered[((r + 1) * stride + 1)..]);
    }

    /// <summary><paramref name="image"/> moved by <paramref name="transform"/>, as a new image.</summary>
    public static byte[] Apply(ReadOnlySpan<byte> image, int rows, int columns, AffineTransform transform)
    {
        var result = new byte[image.Length];
        Apply(image, result, rows, columns, transform);
        return result;
    }

    /// <summary>The image moved right by <paramref name="dx"/> and down by <paramref name="dy"/> pixels.</summary>
    public static byte[] Translate(ReadOnlySpan<byte> image, int rows, int columns, double dx, double dy) =>
        Apply(image, rows, columns, AffineTransform.Translation(dx, dy));

    /// <summary>The image scaled by <paramref name="factor"/> about its centre.</summary>
    public static byte[] Scale(ReadOnlySpan<byte> image, int rows, int columns, double factor) =>
        Apply(image, rows, columns, AffineTransform.Scaling(factor, CentreX(columns), CentreY(rows)));

    /// <summary>The image turned by <paramref name="degrees"/> about its centre, clockwise for positive values.</summary>
    public static byte[] Rotate(ReadOnlySpan<byte> image, int rows, int columns, double degrees) =>
        Apply(image, rows, columns, AffineTransform.Rotation(degrees, CentreX(columns), CentreY(rows)));

    /// <summary>The image squeezed about its centre: width times <paramref name="factor"/>, height divided by it.</summary>
    public static byte[] Squeeze(ReadOnlySpan<byte> image, int rows, int columns, double factor) =>
        Apply(image, rows, columns, AffineTransform.Squeeze(factor, CentreX(columns), CentreY(rows)));

    /// <summary>The image sheared horizontally about its middle row by <paramref name="factor"/> (pixels of shift per row).</summary>
    public static byte[] Shear(ReadOnlySpan<byte> image, int rows, int columns, double factor) =>
        Apply(image, rows, columns, AffineTransform.ShearX(factor, CentreY(rows)));

    /// <summary>Column index of the image's centre.</summary>
    public static double CentreX(int columns) => (columns - 1) / 2.0;

    /// <summary>Row index of the image's centre.</summary>
    public static double CentreY(int rows) => (rows - 1) / 2.0;

    /// <summary>
    /// Thickens strokes (grey dilation, <paramref name="radius"/> &gt; 0) or thins them (grey erosion,
    /// <paramref name="radius"/> &lt; 0) with a disc of |radius| whole pixels; 0 copies. Outside the image counts as background.
    /// </summary>
    public static void ChangeThickness(ReadOnlySpan<byte> source, Span<byte> destination, int rows, int columns, int radius)
    {
        CheckSizes(source.Length, destination.Length, rows, columns);
        bool dilate = radius > 0;
        int reach = Math.Abs(radius);
        int reachSquared = reach * reach;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int extreme = source[r * columns + c];
                for (int dy = -reach; dy <= reach; dy++)
                    for (int dx = -reach; dx <= reach; dx++)
                    {
                        if (dx * dx + dy * dy > reachSquared) continue;
                        int y = r + dy, x = c + dx;
                        int level = y < 0 || y >= rows || x < 0 || x >= columns ? 0 : source[y * columns + x];
                        extreme = dilate ? Math.Max(extreme, level) : Math.Min(extreme, level);
                    }
                destination[r * columns + c] = (byte)extreme;
            }
    }

    /// <summary><see cref="ChangeThickness(ReadOnlySpan{byte}, Span{byte}, int, int, int)"/> into a new image.</summary>
    public static byte[] ChangeThickness(ReadOnlySpan<byte> image, int rows, int columns, int radius)
    {
        var result = new byte[image.Length];
        ChangeThickness(image, result, rows, columns, radius);
        return result;
    }

    /// <summary>Inverts each pixel (255 - level) with probability <paramref name="probability"/>, drawing from <paramref name="random"/>.</summary>
    public static void SaltAndPepper(ReadOnlySpan<byte> source, Span<byte> destination, double probability, Random random)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"The destination holds {destination.Length} pixels, fewer than the source's {source.Length}.", nameof(destination));
        for (int i = 0; i < source.Length; i++)
            destination[i] = random.NextDouble() < probability ? (byte)(MaxLevel - source[i]) : source[i];
    }

    /// <summary><see cref="SaltAndPepper(ReadOnlySpan{byte}, Span{byte}, double, Random)"/> into a new image.</summary>
    public static byte[] SaltAndPepper(ReadOnlySpan<byte> image, double probability, Random random)
    {
        var result = new byte[image.Length];
        SaltAndPepper(image, result, probability, random);
        return result;
    }

    /// <summary>
    /// Bilinear sample at (<paramref name="x"/>, <paramref name="y"/>) of a rows x columns image given
    /// <see cref="Border"/>; pixels outside the image are background.
    /// </summary>
    /// <remarks>Inlined into the per-pixel loops: called, it took more than half of a distortion's time.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Sample(ReadOnlySpan<byte> bordered, int rows, int columns, double x, double y)
    {
        double floorX = Math.Floor(x), floorY = Math.Floor(y);
        if (floorX < -1 || floorX >= columns || floorY < -1 || floorY >= rows) return 0;
        int stride = columns + 2;
        int at = ((int)floorY + 1) * stride + (int)floorX + 1;
        float fx = (float)(x - floorX), fy = (float)(y - floorY);
        int topLeft = bordered[at], topRight = bordered[at + 1], bottomLeft = bordered[at + stride], bottomRight = bordered[at + stride + 1];
        float top = topLeft + fx * (topRight - topLeft);
        float bottom = bottomLeft + fx * (bottomRight - bottomLeft);
        return (byte)(top + fy * (bottom - top) + RoundingOffset);
    }

    private static void CheckSizes(int sourceLength, int destinationLength, int rows, int columns)
    {
        if (rows <= 0 || columns <= 0 || sourceLength != rows * columns || destinationLength < rows * columns)
            throw new ArgumentException($"Images of {rows}x{columns} need {rows * columns} pixels; the source has {sourceLength}, the destination {destinationLength}.");
    }
}
