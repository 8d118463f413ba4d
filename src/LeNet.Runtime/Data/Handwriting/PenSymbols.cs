namespace LeNet.Data;

/// <summary>
/// The symbols <see cref="HandwritingComposer"/> writes with a pen (<see cref="PenStroke"/>) rather than from
/// images: each drawn with a writer's pen radius, ink and slant, its shape, size and place varied at random,
/// placed against the line of the string's digits: a point sits on the baseline, a comma's head sits there
/// and its tail descends below it, an asterisk sits in the upper half, a dash in the middle.
/// </summary>
internal static class PenSymbols
{
    /// <summary>The symbols there are: comma, point, asterisk, dash.</summary>
    public const string All = ",.*-";

    /// <summary>Canvas columns a symbol is drawn in, its origin in the middle.</summary>
    private const int Columns = 24;

    /// <summary>
    /// <paramref name="symbol"/> drawn by <paramref name="writer"/> on a line whose digits' ink spans rows
    /// [<paramref name="top"/>, <paramref name="baseline"/>).
    /// </summary>
    public static InkGlyph Draw(char symbol, Random random, Writer writer, float top, float baseline)
    {
        float s = writer.Scale, pen = writer.PenRadius, height = baseline - top;
        var points = new List<(float X, float Y, float Radius)>();
        var canvas = new byte[StripGeometry.Height * Columns];
        switch (symbol)
        {
            case '.':
            {
                float r = pen * U(1.15f, 1.6f), y = baseline - r + U(-1f, 0.6f);
                Stroke((0, y, r), (U(-0.8f, 0.8f), y + U(-0.5f, 0.5f), r * U(0.85f, 1f)));
                break;
            }
            case ',' when random.Next(2) == 0:
            {
                // A head on the baseline and a tail curling down and to the left.
                float r = pen * U(1.1f, 1.5f), y = baseline - r + U(-1f, 0.5f);
                Stroke((0, y, r), (U(0.2f, 0.8f) * s, y + U(1.2f, 2f) * s, pen * 0.95f), (U(-1.8f, -0.6f) * s, y + U(3.5f, 5.5f) * s, pen * U(0.55f, 0.75f)));
                break;
            }
            case ',':
                // A tick from just above the baseline down and to the left.
                Stroke((U(0.5f, 1.5f) * s, baseline - U(1.5f, 3f) * s, pen * U(1f, 1.3f)), (U(-1.5f, -0.5f) * s, baseline + U(2.5f, 4.5f) * s, pen * U(0.6f, 0.8f)));
                break;
            case '*':
            {
                float cx = 0, cy = top + height * U(0.25f, 0.55f), arm = U(2.6f, 4.2f) * s, r = pen * U(0.7f, 0.9f);
                float start = MathF.PI / 2 + U(-0.25f, 0.25f);
                for (int k = 0; k < 3; k++)
                {
                    float angle = start + k * MathF.PI / 3 + U(-0.14f, 0.14f);
                    float ax = MathF.Cos(angle) * arm, ay = MathF.Sin(angle) * arm;
                    Stroke((cx - ax, cy - ay, r), (cx + ax, cy + ay, r));
                }
                break;
            }
            case '-':
            {
                float cy = top + height * U(0.45f, 0.6f), half = U(2.5f, 4.5f) * s, tilt = U(-0.14f, 0.14f);
                Stroke((-half, cy + half * tilt, pen * 0.9f), (half, cy - half * tilt, pen * 0.9f));
                break;
            }
            default:
                throw new ArgumentException($"'{symbol}' is not a pen-drawn symbol; they are {All}.", nameof(symbol));
        }
        int inkLeft = Columns, inkRight = -1;
        for (int y = 0; y < StripGeometry.Height; y++)
            for (int x = 0; x < Columns; x++)
                if (canvas[y * Columns + x] > StripSynthesizer.InkLevel)
                {
                    inkLeft = Math.Min(inkLeft, x);
                    inkRight = Math.Max(inkRight, x);
                }
        if (inkRight < 0) (inkLeft, inkRight) = (Columns / 2 - 1, Columns / 2); // cannot happen with a pen of radius 0.5 or more
        return new InkGlyph(canvas, Columns, inkLeft, inkRight - inkLeft + 1, -1);

        float U(float min, float max) => StripSynthesizer.Uniform(random, min, max);

        // The points in symbol coordinates (x from the canvas middle, y in strip rows), slanted about the baseline.
        void Stroke(params ReadOnlySpan<(float X, float Y, float Radius)> stroke)
        {
            points.Clear();
            foreach (var (x, y, r) in stroke) points.Add((Columns / 2f + x + writer.Slant * (baseline - y), y, r));
            PenStroke.Draw(canvas, Columns, [.. points], writer.Ink);
        }
    }

    /// <summary>How one writer writes: the size (a factor on MNIST's), the pen's radius in pixels, the ink level and the slant (columns right per row up).</summary>
    public readonly record struct Writer(float Scale, float PenRadius, float Ink, float Slant);
}
