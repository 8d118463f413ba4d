namespace LeNet.Data;

/// <summary>
/// One character drawn into a strip-high canvas (<see cref="StripGeometry.Height"/> rows of
/// <paramref name="Columns"/>, 0 = background, 255 = ink) and the columns its ink covers, ready to be laid
/// into a strip at any column.
/// </summary>
/// <param name="Pixels">Height x Columns bytes.</param>
/// <param name="Columns">Columns of the canvas.</param>
/// <param name="InkLeft">The first canvas column with ink above <see cref="StripSynthesizer.InkLevel"/>.</param>
/// <param name="InkWidth">Columns from <paramref name="InkLeft"/> to the last with ink.</param>
/// <param name="Source">The index of the image it was drawn from in its set; -1 for a pen-drawn symbol.</param>
internal readonly record struct InkGlyph(byte[] Pixels, int Columns, int InkLeft, int InkWidth, int Source)
{
    /// <summary>The first and one past the last row holding ink above <see cref="StripSynthesizer.InkLevel"/> within the ink columns; (0, 0) when none does.</summary>
    public (int Top, int Bottom) InkRows()
    {
        int top = -1, bottom = -1;
        for (int y = 0; y < StripGeometry.Height; y++)
            for (int x = InkLeft; x < InkLeft + InkWidth; x++)
                if (Pixels[y * Columns + x] > StripSynthesizer.InkLevel)
                {
                    if (top < 0) top = y;
                    bottom = y + 1;
                    break;
                }
        return top < 0 ? (0, 0) : (top, bottom);
    }

    /// <summary>
    /// A strip <paramref name="width"/> wide with each glyph's ink columns laid from column (int)<paramref name="lefts"/>[i]
    /// on; where ink overlaps, the stronger stays, and what falls outside the strip is cut off.
    /// </summary>
    public static byte[] Paint(IReadOnlyList<InkGlyph> glyphs, IReadOnlyList<float> lefts, int width)
    {
        var pixels = new byte[StripGeometry.Height * width];
        for (int i = 0; i < glyphs.Count; i++)
        {
            InkGlyph glyph = glyphs[i];
            int x0 = (int)lefts[i];
            for (int y = 0; y < StripGeometry.Height; y++)
                for (int x = 0; x < glyph.InkWidth; x++)
                {
                    int column = x0 + x;
                    if (column < 0 || column >= width) continue;
                    byte level = glyph.Pixels[y * glyph.Columns + glyph.InkLeft + x];
                    ref byte target = ref pixels[y * width + column];
                    if (level > target) target = level;
                }
        }
        return pixels;
    }
}
