using SkiaSharp;

namespace LeNet.Cli.Visualization;

/// <summary>Draws a layer's tiles (see <see cref="TileGrid"/>) left to right, wrapping onto new lines when the width runs out.</summary>
internal static class TilePainter
{
    /// <summary>Space between tiles, unless told otherwise.</summary>
    public const float Gap = 6f;

    /// <summary>Marks the unused cells of a flat grid that is not full; <see cref="Painter.Map"/> shows them light grey.</summary>
    private const float EmptyCell = float.NaN;

    /// <summary>Pixels per value that make tiles about <paramref name="side"/> pixels across, shrunk to fit one line when that keeps them at least <paramref name="smallestSide"/>.</summary>
    public static int ScaleFor(TileGrid grid, float width, float side, float smallestSide, int largestScale)
    {
        int longest = Math.Max(grid.Rows, grid.Columns);
        int scale = Math.Clamp((int)(side / longest), 1, largestScale);
        int oneLine = (int)(((width + Gap) / grid.Count - Gap) / grid.Columns);
        if (oneLine < scale && oneLine * longest >= smallestSide) scale = oneLine;
        return scale;
    }

    /// <summary>Draws every tile of <paramref name="values"/> at <paramref name="scale"/> pixels per value, <paramref name="gap"/> apart; returns the height used.</summary>
    public static float Draw(Painter painter, ReadOnlySpan<float> values, TileGrid grid, float x, float y, float width, int scale, ValueRange range, float gap = Gap)
    {
        float tileWidth = grid.Columns * scale, tileHeight = grid.Rows * scale;
        int perLine = Math.Max(1, (int)((width + gap) / (tileWidth + gap)));
        float[] padded = new float[grid.TileSize];
        for (int t = 0; t < grid.Count; t++)
        {
            float left = x + t % perLine * (tileWidth + gap), top = y + t / perLine * (tileHeight + gap);
            ReadOnlySpan<float> tile = values.Slice(t * grid.TileSize, Math.Min(grid.TileSize, values.Length - t * grid.TileSize));
            if (tile.Length < grid.TileSize)
            {
                Array.Fill(padded, EmptyCell);
                tile.CopyTo(padded);
                tile = padded;
            }
            painter.Map(tile, grid.Rows, grid.Columns, new SKRect(left, top, left + tileWidth, top + tileHeight), range);
        }
        int lines = (grid.Count + perLine - 1) / perLine;
        return lines * tileHeight + (lines - 1) * gap;
    }
}
