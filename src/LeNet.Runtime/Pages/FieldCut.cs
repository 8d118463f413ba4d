using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Pages;

/// <summary>
/// The ink of one line of handwriting cut from a prepared page, ready to be read as a picture of a string
/// (<see cref="Strings.StripReader.ReadPicture(ReadOnlySpan{float}, int, int, Strings.StringGrammar, Strings.DecoderOptions?)"/>,
/// which scales it to MNIST scale and centres it as the reader's strips were made).
/// </summary>
/// <param name="Ink">Width x Height ink levels, 0 = paper, 1 = ink; ink not of the line cleared.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Box">The box of the line's ink on the (prepared) page.</param>
internal sealed record FieldCut(float[] Ink, int Width, int Height, PageBox Box)
{
    /// <summary>Ink level from which a pixel belongs to a stroke when strokes are told apart.</summary>
    public const float StrokeLevel = 0.25f;

    /// <summary>Ink level below which a pixel is paper.</summary>
    public const float PaperLevel = 0.1f;

    /// <summary>Paper added around the ink, in pixels, so the picture's border is paper.</summary>
    private const int Pad = 2;

    /// <summary>
    /// How far, in strip columns at MNIST scale, the characters read reach beyond the centres of the first and the last
    /// (<see cref="ReadBox"/>): half a digit (a digit's ink is at most 20 columns wide).
    /// </summary>
    public const double CharacterReach = 10;

    /// <summary>
    /// The largest gap, in line heights, between the line's ink and a stroke beside it that still belongs
    /// to the line when the line is widened: about a gap between characters, less than one to print beside it.
    /// </summary>
    public const double LineGap = 0.5;

    /// <summary>
    /// The ways the line the detector found in <paramref name="box"/> (its height the line's expected ink height,
    /// its middle the line's centre) is cut, most cautious first: the strokes whose middle is in the box; the strokes
    /// touching it, widened by strokes continuing the line within <see cref="LineGap"/> line heights (at most a line
    /// height beyond the box); and all the ink in the box, taller by half. Strokes are told apart at
    /// <see cref="StrokeLevel"/>; rules (long and flat) and anything more than twice a line's height are left out
    /// of the first two, and only strokes crossing the box's middle half are the line's. Cuts with no ink are skipped.
    /// </summary>
    public static IEnumerable<FieldCut> Of(PageInk page, PageBox box)
    {
        double h = Math.Max(4, box.Height), centre = box.Y + box.Height / 2;
        int x0 = Math.Max(0, (int)Math.Floor(box.X - 2 * h)), x1 = Math.Min(page.Width, (int)Math.Ceiling(box.Right + 2 * h));
        int y0 = Math.Max(0, (int)Math.Floor(centre - 1.5 * h)), y1 = Math.Min(page.Height, (int)Math.Ceiling(centre + 1.5 * h));
        if (x1 > x0 && y1 > y0)
        {
            int width = x1 - x0, height = y1 - y0;
            // A region's stroke labels are as large as the region (often past the large-object heap's threshold): lent, not allocated.
            int[] labels = ArrayPool<int>.Shared.Rent(width * height);
            try
            {
                List<Stroke> strokes = Strokes(page.Ink, page.Width, x0, y0, width, height, labels);
                bool Plausible(Stroke s) => s.Height <= 2 * h && !(s.Width > 2.5 * h && s.Height < 0.4 * h);
                bool OnLine(Stroke s, double row) => Plausible(s) && s.Bottom >= row - h / 2 && s.Top <= row + h / 2;
                var tight = new bool[strokes.Count];
                for (int i = 0; i < strokes.Count; i++)
                    tight[i] = OnLine(strokes[i], centre) && (strokes[i].Left + strokes[i].Right) / 2.0 is var middle && middle >= box.X && middle <= box.Right;
                if (Line(page, strokes, labels, tight, x0, y0, width, height, h) is FieldCut first) yield return first;

                var wide = new bool[strokes.Count];
                for (int i = 0; i < strokes.Count; i++) wide[i] = OnLine(strokes[i], centre) && strokes[i].Right >= box.X && strokes[i].Left <= box.Right;
                double mass = 0, massRow = 0, left = double.MaxValue, right = double.MinValue;
                for (int i = 0; i < strokes.Count; i++)
                    if (wide[i]) (mass, massRow, left, right) = (mass + strokes[i].Mass, massRow + strokes[i].MassRow, Math.Min(left, strokes[i].Left), Math.Max(right, strokes[i].Right));
                if (mass > 0)
                {
                    double row = massRow / mass;
                    for (bool grew = true; grew;)
                    {
                        grew = false;
                        for (int i = 0; i < strokes.Count; i++)
                        {
                            Stroke s = strokes[i];
                            if (wide[i] || !OnLine(s, row) || s.Left > right + LineGap * h || s.Right < left - LineGap * h || s.Left < box.X - h || s.Right > box.Right + h) continue;
                            wide[i] = grew = true;
                            (left, right) = (Math.Min(left, s.Left), Math.Max(right, s.Right));
                        }
                    }
                    if (!wide.SequenceEqual(tight) && Line(page, strokes, labels, wide, x0, y0, width, height, h) is FieldCut second) yield return second;
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(labels);
            }
        }
        if (Inside(page, box with { Y = box.Y - box.Height / 4, Height = box.Height * 1.5 }) is FieldCut all) yield return all;
    }

    /// <summary>The kept strokes' ink, its rows within 1.2 line heights of their centre of mass; null when none is kept.</summary>
    private static FieldCut? Line(PageInk page, List<Stroke> strokes, int[] labels, bool[] kept, int x0, int y0, int width, int height, double h)
    {
        double mass = 0, massRow = 0;
        int left = int.MaxValue, right = int.MinValue, top = int.MaxValue, bottom = int.MinValue;
        for (int i = 0; i < strokes.Count; i++)
        {
            if (!kept[i]) continue;
            Stroke s = strokes[i];
            (mass, massRow) = (mass + s.Mass, massRow + s.MassRow);
            (left, right, top, bottom) = (Math.Min(left, s.Left), Math.Max(right, s.Right), Math.Min(top, s.Top), Math.Max(bottom, s.Bottom));
        }
        if (mass <= 0) return null;
        double row = massRow / mass;
        top = Math.Max(top, (int)Math.Floor(row - 1.2 * h));
        bottom = Math.Min(bottom, (int)Math.Ceiling(row + 1.2 * h));
        return Crop(page, left, top, right, bottom, (x, y) => Near(labels, kept, width, height, x - x0, y - y0));
    }

    /// <summary>All the ink inside <paramref name="box"/> (a field whose place is known); null when the box is off the page.</summary>
    public static FieldCut? Inside(PageInk page, PageBox box)
    {
        int left = Math.Max(0, (int)Math.Floor(box.X)), top = Math.Max(0, (int)Math.Floor(box.Y));
        int right = Math.Min(page.Width - 1, (int)Math.Ceiling(box.Right) - 1), bottom = Math.Min(page.Height - 1, (int)Math.Ceiling(box.Bottom) - 1);
        if (right < left || bottom < top) return null;
        return Crop(page, left, top, right, bottom, (_, _) => true);
    }

    /// <summary>
    /// The box of the characters <paramref name="reading"/> read in this cut (<paramref name="reading"/> a reading of
    /// <see cref="Ink"/> as a picture), on the (prepared) page: the columns of the strokes whose middle lies from
    /// <see cref="CharacterReach"/> strip columns before the first character's centre to as far after the last one's,
    /// clipped to that span, and the rows of <paramref name="line"/>. Print or a stray stroke cut with the line but read
    /// as no character is left out, and a long stroke through the field (a postmark line) is cut to it. Null when the
    /// reading has no picture or no character, or no stroke lies there.
    /// </summary>
    public PageBox? ReadBox(GrammarReading reading, PageBox line)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Picture is not StripPicture picture || reading.Characters.Count == 0) return null;
        double first = picture.ToPictureX(reading.Characters[0].X - CharacterReach);
        double last = picture.ToPictureX(reading.Characters[^1].X + CharacterReach);
        int left = int.MaxValue, right = int.MinValue;
        int[] labels = ArrayPool<int>.Shared.Rent(Width * Height);
        try
        {
            foreach (Stroke s in Strokes(Ink, Width, 0, 0, Width, Height, labels))
                if ((s.Left + s.Right) / 2.0 is var middle && middle >= first && middle <= last)
                    (left, right) = (Math.Min(left, s.Left), Math.Max(right, s.Right));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
        }
        if (right < 0) return null;
        (left, right) = (Math.Max(left, (int)Math.Floor(first)), Math.Min(right, (int)Math.Ceiling(last)));
        return line with { X = Box.X + left - Pad, Width = right - left + 1 };
    }

    /// <summary>Columns <paramref name="left"/>..<paramref name="right"/>, rows <paramref name="top"/>..<paramref name="bottom"/> (page pixels, inclusive) where <paramref name="keep"/> says so, padded with paper.</summary>
    private static FieldCut Crop(PageInk page, int left, int top, int right, int bottom, Func<int, int, bool> keep)
    {
        int width = right - left + 1 + 2 * Pad, height = bottom - top + 1 + 2 * Pad;
        var ink = new float[width * height];
        for (int y = top; y <= bottom; y++)
            for (int x = left; x <= right; x++)
            {
                float level = page.Ink[y * page.Width + x];
                if (level >= PaperLevel && keep(x, y)) ink[(y - top + Pad) * width + x - left + Pad] = level;
            }
        return new FieldCut(ink, width, height, new PageBox(left, top, right - left + 1, bottom - top + 1));
    }

    /// <summary>Whether region pixel (x, y) is of a kept stroke or touches one (the strokes' faint edges).</summary>
    private static bool Near(int[] labels, bool[] kept, int width, int height, int x, int y)
    {
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
            {
                int xx = x + dx, yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
                int label = labels[yy * width + xx];
                if (label >= 0 && kept[label]) return true;
            }
        return false;
    }

    /// <summary>One stroke: a connected group of pixels at or above <see cref="StrokeLevel"/>, in page pixels.</summary>
    private sealed record Stroke(int Left, int Top, int Right, int Bottom, double Mass, double MassRow)
    {
        public int Width => Right - Left + 1;
        public int Height => Bottom - Top + 1;
    }

    /// <summary>The first column from <paramref name="from"/> on whose level is a stroke's (<see cref="StrokeLevel"/> or more); the row's length when none is.</summary>
    private static int NextInk(ReadOnlySpan<float> row, int from)
    {
        int x = from;
        if (Vector256.IsHardwareAccelerated)
            for (; x <= row.Length - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                uint ink = Vector256.GreaterThanOrEqual(Vector256.Create(row[x..]), Vector256.Create(StrokeLevel)).ExtractMostSignificantBits();
                if (ink != 0) return x + BitOperations.TrailingZeroCount(ink);
            }
        for (; x < row.Length; x++)
            if (row[x] >= StrokeLevel) return x;
        return row.Length;
    }

    /// <summary>
    /// The strokes of the <paramref name="width"/> x <paramref name="height"/> region at (<paramref name="x0"/>,
    /// <paramref name="y0"/>) of <paramref name="levels"/> (ink levels, <paramref name="stride"/> per row), 8-connected,
    /// in <paramref name="levels"/>' coordinates; each region pixel's stroke (-1 for paper) goes into the first
    /// <paramref name="width"/> x <paramref name="height"/> values of <paramref name="labels"/>, row after row.
    /// </summary>
    private static List<Stroke> Strokes(float[] levels, int stride, int x0, int y0, int width, int height, int[] labels)
    {
        Array.Fill(labels, -1, 0, width * height);
        var strokes = new List<Stroke>();
        var stack = new Stack<int>();
        for (int row = 0; row < height; row++)
        {
            ReadOnlySpan<float> line = levels.AsSpan((y0 + row) * stride + x0, width);
            for (int column = NextInk(line, 0); column < width; column = NextInk(line, column + 1))
            {
                int start = row * width + column;
                if (labels[start] >= 0) continue;
                int label = strokes.Count, left = int.MaxValue, top = int.MaxValue, right = int.MinValue, bottom = int.MinValue;
                double mass = 0, massRow = 0;
                labels[start] = label;
                stack.Push(start);
                while (stack.Count > 0)
                {
                    int i = stack.Pop(), y = i / width, x = i - y * width;
                    float level = levels[(y0 + y) * stride + x0 + x];
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                    mass += level;
                    massRow += level * (y + y0);
                    for (int yy = Math.Max(0, y - 1); yy <= Math.Min(height - 1, y + 1); yy++)
                    {
                        Span<int> labelRow = labels.AsSpan(yy * width, width);
                        ReadOnlySpan<float> levelRow = levels.AsSpan((y0 + yy) * stride + x0, width);
                        for (int xx = Math.Max(0, x - 1); xx <= Math.Min(width - 1, x + 1); xx++)
                            if (labelRow[xx] < 0 && levelRow[xx] >= StrokeLevel)
                            {
                                labelRow[xx] = label;
                                stack.Push(yy * width + xx);
                            }
                    }
                }
                strokes.Add(new Stroke(left + x0, top + y0, right + x0, bottom + y0, mass, massRow));
            }
        }
        return strokes;
    }
}
