namespace LeNet.Data;

/// <summary>
/// A pen stroke: a polyline whose points each carry the pen's radius there (the radius varies linearly
/// along each segment), drawn antialiased into a strip-high canvas: a pixel's ink is the share of it the
/// stroke covers, estimated from the distance of its centre to the stroke's edge, times the ink level.
/// </summary>
internal static class PenStroke
{
    /// <summary>Draws the stroke through <paramref name="points"/> (x, y, radius) into <paramref name="canvas"/> (Height x <paramref name="columns"/>); where ink overlaps, the stronger stays.</summary>
    public static void Draw(Span<byte> canvas, int columns, ReadOnlySpan<(float X, float Y, float Radius)> points, float ink)
    {
        for (int i = 0; i < points.Length; i++)
        {
            var (ax, ay, ar) = points[i];
            var (bx, by, br) = i + 1 < points.Length ? points[i + 1] : points[i];
            float reach = MathF.Max(ar, br) + 1;
            int x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(ax, bx) - reach)), x1 = Math.Min(columns - 1, (int)MathF.Ceiling(MathF.Max(ax, bx) + reach));
            int y0 = Math.Max(0, (int)MathF.Floor(MathF.Min(ay, by) - reach)), y1 = Math.Min(StripGeometry.Height - 1, (int)MathF.Ceiling(MathF.Max(ay, by) + reach));
            float dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy;
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++)
                {
                    float px = x + 0.5f - ax, py = y + 0.5f - ay;
                    float t = length2 > 0 ? Math.Clamp((px * dx + py * dy) / length2, 0, 1) : 0;
                    float ex = px - t * dx, ey = py - t * dy;
                    float coverage = Math.Clamp(ar + t * (br - ar) - MathF.Sqrt(ex * ex + ey * ey) + 0.5f, 0, 1);
                    byte level = (byte)MathF.Round(coverage * ink);
                    ref byte target = ref canvas[y * columns + x];
                    if (level > target) target = level;
                }
        }
    }
}
