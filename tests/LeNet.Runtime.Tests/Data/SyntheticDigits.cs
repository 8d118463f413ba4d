using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

/// <summary>
/// Digit-like 28x28 images without MNIST: two to four thick strokes between seeded random points,
/// drawn on a larger canvas and normalised the way MNIST's digits were (longest side 20 pixels, centre
/// of mass at the centre), so they have MNIST's framing, grey edges and ink mass.
/// </summary>
internal static class SyntheticDigits
{
    private const int Canvas = 84;
    private const float StrokeRadius = 5f;

    /// <summary>The digit-like image number <paramref name="index"/>, always the same for the same index.</summary>
    public static byte[] Image(int index)
    {
        var random = new Random(1000 + index);
        var canvas = new float[Canvas * Canvas];
        int strokes = random.Next(2, 5);
        (float X, float Y) from = Point(random);
        for (int s = 0; s < strokes; s++)
        {
            (float X, float Y) to = Point(random);
            Stroke(canvas, from, to);
            from = to;
        }
        return DigitNormalizer.Normalize(canvas, Canvas, Canvas);
    }

    /// <summary><paramref name="count"/> such images labelled 0, 1, ..., 9, 0, ... in turn.</summary>
    public static LabelledImages Set(int count, string name = "synthetic")
    {
        var pixels = new byte[count * Mnist.Rows * Mnist.Columns];
        for (int i = 0; i < count; i++) Image(i).CopyTo(pixels, i * Mnist.Rows * Mnist.Columns);
        return new LabelledImages(name, Mnist.Rows, Mnist.Columns, pixels, [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]);
    }

    private static (float X, float Y) Point(Random random) =>
        (random.NextSingle() * (Canvas - 30) + 15, random.NextSingle() * (Canvas - 30) + 15);

    /// <summary>Inks every pixel within <see cref="StrokeRadius"/> of the segment, with a one-pixel soft edge.</summary>
    private static void Stroke(float[] canvas, (float X, float Y) a, (float X, float Y) b)
    {
        float dx = b.X - a.X, dy = b.Y - a.Y, lengthSquared = Math.Max(dx * dx + dy * dy, 1e-6f);
        for (int y = 0; y < Canvas; y++)
            for (int x = 0; x < Canvas; x++)
            {
                float t = Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / lengthSquared, 0, 1);
                float ex = x - (a.X + t * dx), ey = y - (a.Y + t * dy);
                float ink = Math.Clamp(StrokeRadius + 0.5f - MathF.Sqrt(ex * ex + ey * ey), 0, 1);
                canvas[y * Canvas + x] = Math.Max(canvas[y * Canvas + x], ink);
            }
    }
}
