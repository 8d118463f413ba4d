using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LeNet.Pages;

/// <summary>
/// A page made ready for the detector: ink levels 0 (paper) .. 1 (strong ink), whatever the polarity,
/// the paper's shading and the ink's strength, straightened by a few degrees when its lines slope.
/// </summary>
/// <remarks>
/// The steps: the polarity from the median level (paper is the commonest level); the local paper level
/// (a low percentile of each block, smoothed) subtracted, and the result divided by the local ink
/// strength (a high percentile of the neighbouring blocks, floored at a share of the page's), the
/// local contrast normalisation the paper's detectors start with; then the skew, the angle within
/// <see cref="MaxSkewDegrees"/> whose rows of ink are the most sharply peaked, undone by rotation.
/// </remarks>
public sealed class PageInk
{
    /// <summary>The largest skew looked for, either way, in degrees.</summary>
    public const double MaxSkewDegrees = 5;
    /// <summary>Angles tried between -<see cref="MaxSkewDegrees"/> and +<see cref="MaxSkewDegrees"/>, in degrees.</summary>
    public const double SkewStepDegrees = 0.5;

    private const int Block = 32, Bins = 64, SkewReduction = 4;
    private const float PaperPercentile = 0.3f, InkPercentile = 0.99f, InkFloorShare = 0.4f, MinimumContrast = 0.05f, SkewInk = 0.3f;

    private PageInk(int width, int height, float[] ink, double skew)
    {
        Width = width;
        Height = height;
        Ink = ink;
        SkewDegrees = skew;
    }

    /// <summary>Columns (the page's).</summary>
    public int Width { get; }

    /// <summary>Rows (the page's).</summary>
    public int Height { get; }

    /// <summary>Width x Height ink levels, row after row: 0 = paper, 1 = strong ink (a page prepared inside a <see cref="PageReader"/> may lie in a longer array).</summary>
    public float[] Ink { get; }

    /// <summary>The angle the page was rotated by to straighten it, in degrees (counter-clockwise); 0 when it was not.</summary>
    public double SkewDegrees { get; }

    /// <summary>Prepares <paramref name="page"/>; <paramref name="deskew"/> false leaves its angle as it is.</summary>
    public static PageInk Prepare(GreyImage page, bool deskew = true) => Prepare(page, deskew, null);

    /// <summary>Prepares <paramref name="page"/> into <paramref name="buffers"/>' arrays (new ones when null).</summary>
    internal static PageInk Prepare(GreyImage page, bool deskew, PageBuffers? buffers)
    {
        ArgumentNullException.ThrowIfNull(page);
        int width = page.Width, height = page.Height, size = width * height;
        float[] ink = buffers?.Ink(size) ?? new float[size];
        Darkness(page.Pixels, ink);
        Normalise(ink, width, height);
        double skew = deskew ? Skew(ink, width, height) : 0;
        if (skew != 0)
        {
            float[] straightened = buffers?.Straightened(size) ?? new float[size];
            Rotate(ink, straightened, width, height, skew);
            ink = straightened;
        }
        return new PageInk(width, height, ink, skew);
    }

    /// <summary>Ink levels made from <paramref name="ink"/> as they are (0 = paper, 1 = ink), for tests and pages prepared elsewhere.</summary>
    /// <exception cref="ArgumentException">The size does not match the levels.</exception>
    public static PageInk FromInk(float[] ink, int width, int height)
    {
        if (width <= 0 || height <= 0 || ink.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} page needs {(long)width * height} levels, got {ink.Length}.", nameof(ink));
        return new PageInk(width, height, ink, 0);
    }

    /// <summary>Maps a point of the straightened page back onto the page as given.</summary>
    public (double X, double Y) ToPage(double x, double y)
    {
        if (SkewDegrees == 0) return (x, y);
        double angle = SkewDegrees * Math.PI / 180, cx = Width / 2.0, cy = Height / 2.0;
        double dx = x - cx, dy = y - cy;
        return (cx + dx * Math.Cos(angle) + dy * Math.Sin(angle), cy - dx * Math.Sin(angle) + dy * Math.Cos(angle));
    }

    /// <summary>Maps a point of the page as given onto the straightened page (the inverse of <see cref="ToPage"/>).</summary>
    public (double X, double Y) FromPage(double x, double y)
    {
        if (SkewDegrees == 0) return (x, y);
        double angle = SkewDegrees * Math.PI / 180, cx = Width / 2.0, cy = Height / 2.0;
        double dx = x - cx, dy = y - cy;
        return (cx + dx * Math.Cos(angle) - dy * Math.Sin(angle), cy + dx * Math.Sin(angle) + dy * Math.Cos(angle));
    }

    /// <summary>
    /// The box on the straightened page of a line whose box on the page as given is <paramref name="box"/>: its
    /// centre mapped, its sides those of the upright rectangle whose turned corners span the given box.
    /// </summary>
    public PageBox FromPage(PageBox box)
    {
        if (SkewDegrees == 0) return box;
        double angle = Math.Abs(SkewDegrees) * Math.PI / 180, cos = Math.Cos(angle), sin = Math.Sin(angle);
        (double x, double y) = FromPage(box.X + box.Width / 2, box.Y + box.Height / 2);
        // w = W cos + H sin and h = W sin + H cos, solved for W and H.
        double determinant = cos * cos - sin * sin;
        double width = Math.Max(1, (box.Width * cos - box.Height * sin) / determinant);
        double height = Math.Max(box.Height / 2, (box.Height * cos - box.Width * sin) / determinant);
        return new PageBox(x - width / 2, y - height / 2, width, height);
    }

    /// <summary>1 - level, or the level itself when the commonest level is dark (light ink on a dark ground), into <paramref name="ink"/>.</summary>
    private static void Darkness(float[] grey, float[] ink)
    {
        var histogram = new int[Bins];
        for (int i = 0; i < grey.Length; i += 7) histogram[BinOf(grey[i])]++;
        bool darkGround = Percentile(histogram, 0.5f) < 0.5f;
        int done = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; done <= grey.Length - Vector256<float>.Count; done += Vector256<float>.Count)
            {
                var level = Vector256.Create(grey.AsSpan(done));
                level = Vector256.ConditionalSelect(Vector256.Equals(level, level), Vector256.Min(Vector256.Max(level, Vector256<float>.Zero), Vector256<float>.One), Vector256<float>.One);
                (darkGround ? level : Vector256<float>.One - level).CopyTo(ink.AsSpan(done));
            }
        for (int i = done; i < grey.Length; i++)
        {
            float level = float.IsNaN(grey[i]) ? 1 : Math.Clamp(grey[i], 0, 1);
            ink[i] = darkGround ? level : 1 - level;
        }
    }

    /// <summary>Subtracts the local paper level and divides by the local ink strength, in place.</summary>
    private static void Normalise(float[] ink, int width, int height)
    {
        int columns = (width + Block - 1) / Block, rows = (height + Block - 1) / Block;
        var paper = new float[rows * columns];
        var strength = new float[rows * columns];
        var histogram = new int[Bins];
        // Four histograms a block, the pixels dealt to them in turn and the counts summed: a run of pixels in one bin
        // (the paper) then waits on four counters, not on one.
        var quarters = new int[4 * Bins];
        for (int by = 0; by < rows; by++)
            for (int bx = 0; bx < columns; bx++)
            {
                Array.Clear(quarters);
                int across = Math.Min(width, (bx + 1) * Block) - bx * Block;
                for (int y = by * Block; y < Math.Min(height, (by + 1) * Block); y++)
                {
                    ReadOnlySpan<float> run = ink.AsSpan(y * width + bx * Block, across);
                    int x = 0;
                    if (Vector256.IsHardwareAccelerated)
                        for (; x <= run.Length - Vector256<float>.Count; x += Vector256<float>.Count)
                        {
                            // BinOf of eight levels at once (levels lie in 0..1, where the conversion truncates as the cast does),
                            // each lane's bin offset into its quarter.
                            Vector256<int> bins = Vector256.ConvertToInt32Native(Vector256.Create(run[x..]) * Vector256.Create((float)Bins));
                            bins = Vector256.Min(Vector256.Max(bins, Vector256<int>.Zero), Vector256.Create(Bins - 1)) + Quarters;
                            // Lane by constant lane: a lane picked by a variable goes through memory, and waits there.
                            quarters[bins.GetElement(0)]++;
                            quarters[bins.GetElement(1)]++;
                            quarters[bins.GetElement(2)]++;
                            quarters[bins.GetElement(3)]++;
                            quarters[bins.GetElement(4)]++;
                            quarters[bins.GetElement(5)]++;
                            quarters[bins.GetElement(6)]++;
                            quarters[bins.GetElement(7)]++;
                        }
                    for (; x < run.Length; x++) quarters[(x & 3) * Bins + BinOf(run[x])]++;
                }
                for (int b = 0; b < Bins; b++) histogram[b] = quarters[b] + quarters[Bins + b] + quarters[2 * Bins + b] + quarters[3 * Bins + b];
                paper[by * columns + bx] = Percentile(histogram, PaperPercentile);
                strength[by * columns + bx] = Percentile(histogram, InkPercentile);
            }
        float[] smoothPaper = Smooth(paper, columns, rows, average: true);
        float[] smoothStrength = Smooth(strength, columns, rows, average: false);
        float pagePeak = 0;
        for (int b = 0; b < strength.Length; b++) pagePeak = Math.Max(pagePeak, smoothStrength[b] - smoothPaper[b]);
        float floor = Math.Max(MinimumContrast, InkFloorShare * pagePeak);
        if (pagePeak < MinimumContrast)
        {
            Array.Clear(ink, 0, width * height);
            return;
        }
        for (int y = 0; y < height; y++)
            for (int bx = 0; bx < columns; bx++)
            {
                int b = y / Block * columns + bx;
                float paperLevel = smoothPaper[b], contrast = Math.Max(floor, smoothStrength[b] - paperLevel);
                Span<float> run = ink.AsSpan(y * width + bx * Block, Math.Min(Block, width - bx * Block));
                int x = 0;
                if (Vector256.IsHardwareAccelerated)
                    for (; x <= run.Length - Vector256<float>.Count; x += Vector256<float>.Count)
                    {
                        Vector256<float> level = (Vector256.Create(run[x..]) - Vector256.Create(paperLevel)) / Vector256.Create(contrast);
                        Vector256.Min(Vector256.Max(level, Vector256<float>.Zero), Vector256<float>.One).CopyTo(run[x..]);
                    }
                for (; x < run.Length; x++) run[x] = Math.Clamp((run[x] - paperLevel) / contrast, 0, 1);
            }
    }

    /// <summary>Each block's value over it and its eight neighbours: the mean, or the largest.</summary>
    private static float[] Smooth(float[] blocks, int columns, int rows, bool average)
    {
        var result = new float[blocks.Length];
        for (int by = 0; by < rows; by++)
            for (int bx = 0; bx < columns; bx++)
            {
                float sum = 0, max = 0;
                int count = 0;
                for (int y = Math.Max(0, by - 1); y <= Math.Min(rows - 1, by + 1); y++)
                    for (int x = Math.Max(0, bx - 1); x <= Math.Min(columns - 1, bx + 1); x++)
                    {
                        sum += blocks[y * columns + x];
                        max = Math.Max(max, blocks[y * columns + x]);
                        count++;
                    }
                result[by * columns + bx] = average ? sum / count : max;
            }
        return result;
    }

    /// <summary>
    /// Where each lane's bins start in <see cref="Normalise"/>'s four histograms: lanes 0 and 4 count in the first,
    /// 1 and 5 in the second, and so on.
    /// </summary>
    private static readonly Vector256<int> Quarters = Vector256.Create(0, Bins, 2 * Bins, 3 * Bins, 0, Bins, 2 * Bins, 3 * Bins);

    private static int BinOf(float level) => Math.Clamp((int)(level * Bins), 0, Bins - 1);

    private static float Percentile(int[] histogram, float share)
    {
        long total = 0;
        foreach (int count in histogram) total += count;
        long wanted = (long)(share * total), seen = 0;
        for (int b = 0; b < Bins; b++)
        {
            seen += histogram[b];
            if (seen > wanted) return (b + 0.5f) / Bins;
        }
        return 1;
    }

    /// <summary>The angle (degrees) whose sheared row profile of the ink is the most peaked; 0 when no angle beats level.</summary>
    private static double Skew(float[] ink, int width, int height)
    {
        int w = width / SkewReduction, h = height / SkewReduction;
        if (w < 8 || h < 8) return 0;
        List<(float X, float Y)> points = InkedCells(ink, width, height);
        if (points.Count < 16) return 0;
        int margin = (int)Math.Ceiling(w / 2.0 * Math.Tan(MaxSkewDegrees * Math.PI / 180)) + 1;
        var profile = new int[h + 2 * margin];
        double best = 0, bestPeak = -1, level = 0;
        for (double angle = -MaxSkewDegrees; angle <= MaxSkewDegrees + 1e-9; angle += SkewStepDegrees)
        {
            Array.Clear(profile);
            double slope = Math.Tan(angle * Math.PI / 180);
            foreach ((float x, float y) in points) profile[Math.Clamp((int)Math.Round(y + x * slope) + margin, 0, profile.Length - 1)]++;
            double peak = 0;
            foreach (int count in profile) peak += (double)count * count;
            if (Math.Abs(angle) < 1e-9) level = peak;
            if (peak > bestPeak) (bestPeak, best) = (peak, angle);
        }
        // Straighten only when the best angle is clearly better than leaving the page as it is.
        return bestPeak > level * 1.05 ? best : 0;
    }

    /// <summary>
    /// The cells of 4x4 pixels whose levels sum to more than <see cref="SkewInk"/> a pixel, left to right and top to
    /// bottom, as (column from the middle, row), for <see cref="Skew"/>.
    /// </summary>
    internal static List<(float X, float Y)> InkedCells(float[] ink, int width, int height)
    {
        int w = width / SkewReduction, h = height / SkewReduction;
        var points = new List<(float X, float Y)>();
        for (int y = 0; y < h; y++)
        {
            int x = Avx512F.IsSupported ? InkedCellsOfRow(ink, width, w, y, points) : 0;
            for (; x < w; x++)
            {
                float sum = 0;
                for (int dy = 0; dy < SkewReduction; dy++)
                    for (int dx = 0; dx < SkewReduction; dx++)
                        sum += ink[(y * SkewReduction + dy) * width + x * SkewReduction + dx];
                if (sum > SkewInk * SkewReduction * SkewReduction) points.Add((x - w / 2f, y));
            }
        }
        return points;
    }

    /// <summary>
    /// <see cref="InkedCells(float[], int, int)"/>' cells of row <paramref name="y"/> sixteen at a time, as far as whole vectors go (the count done
    /// is returned): each lane one cell's 4x4 levels, added in the same order as one cell at a time (row by row, left to
    /// right), the levels of its columns picked out of four loaded vectors by permutes; the cells over the threshold
    /// added to <paramref name="points"/> left to right.
    /// </summary>
    private static int InkedCellsOfRow(float[] ink, int width, int cells, int y, List<(float X, float Y)> points)
    {
        const int Lanes = 16;
        Vector512<float> threshold = Vector512.Create(SkewInk * SkewReduction * SkewReduction);
        int x = 0;
        for (; x <= cells - Lanes; x += Lanes)
        {
            Vector512<float> sum = Vector512<float>.Zero;
            for (int dy = 0; dy < SkewReduction; dy++)
            {
                ReadOnlySpan<float> row = ink.AsSpan((y * SkewReduction + dy) * width + x * SkewReduction, Lanes * SkewReduction);
                Vector512<float> v0 = Vector512.Create(row), v1 = Vector512.Create(row[16..]);
                Vector512<float> v2 = Vector512.Create(row[32..]), v3 = Vector512.Create(row[48..]);
                for (int dx = 0; dx < SkewReduction; dx++)
                {
                    // Lanes 0-7 from the first 32 levels (cells x to x + 7), lanes 8-15 from the last 32 (cells x + 8 to x + 15).
                    Vector512<int> columns = CellColumns + Vector512.Create(dx);
                    Vector512<float> first = Avx512F.PermuteVar16x32x2(v0, columns, v1), last = Avx512F.PermuteVar16x32x2(v2, columns, v3);
                    sum += Vector512.ConditionalSelect(UpperHalf, last, first);
                }
            }
            for (ulong over = Vector512.GreaterThan(sum, threshold).ExtractMostSignificantBits(); over != 0; over &= over - 1)
                points.Add((x + System.Numerics.BitOperations.TrailingZeroCount(over) - cells / 2f, y));
        }
        return x;
    }

    /// <summary>Lane j's first column in <see cref="InkedCellsOfRow"/>' pairs of vectors: 4j for the lower eight lanes, 4(j - 8) for the upper.</summary>
    private static readonly Vector512<int> CellColumns = Vector512.Create(0, 4, 8, 12, 16, 20, 24, 28, 0, 4, 8, 12, 16, 20, 24, 28);
    private static readonly Vector512<float> UpperHalf = Vector512.Create(0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1).AsSingle();

    /// <summary>
    /// <see cref="Rotate"/>'s row of straightened pixels eight at a time, as far as whole vectors go (the count done is
    /// returned): each pixel's source the same sums, its four neighbours loaded as rows of the page where the eight
    /// sources are neighbours on one or two rows (at the small angles of a deskew, nearly always) and gathered lane by
    /// lane otherwise, the same bilinear blend (the same levels bit for bit), and paper where the source is off the page.
    /// </summary>
    private static int RotateRow(float[] ink, Span<float> straightened, double[] columnX, double[] columnY, double rowX, double rowY,
        int width, int height)
    {
        const int Lanes = 8;
        Vector256<double> half = Vector256.Create(0.5), page = Vector256.Create((double)width);
        Vector256<double> lastX = Vector256.Create(width - 1.0), lastY = Vector256.Create(height - 1.0);
        Vector256<double> rowXs = Vector256.Create(rowX), rowYs = Vector256.Create(rowY);
        Span<int> at = stackalloc int[Lanes];
        int x = 0;
        for (; x <= straightened.Length - Lanes; x += Lanes)
        {
            Vector256<double> sxLow = Vector256.Create(columnX.AsSpan(x)) + rowXs - half;
            Vector256<double> sxHigh = Vector256.Create(columnX.AsSpan(x + 4)) + rowXs - half;
            Vector256<double> syLow = Vector256.Create(columnY.AsSpan(x)) + rowYs - half;
            Vector256<double> syHigh = Vector256.Create(columnY.AsSpan(x + 4)) + rowYs - half;
            Vector256<double> x0Low = Vector256.Floor(sxLow), x0High = Vector256.Floor(sxHigh);
            Vector256<double> y0Low = Vector256.Floor(syLow), y0High = Vector256.Floor(syHigh);
            // Inside when x0 >= 0, y0 >= 0, x0 + 1 < width and y0 + 1 < height (the floors are whole numbers, so exact).
            Vector256<double> insideLow = Inside(x0Low, y0Low, lastX, lastY), insideHigh = Inside(x0High, y0High, lastX, lastY);
            Vector256<float> inside = Vector256.Narrow(insideLow.AsUInt64(), insideHigh.AsUInt64()).AsSingle();
            if (inside == Vector256<float>.Zero)
            {
                Vector256<float>.Zero.CopyTo(straightened[x..]);
                continue;
            }
            Vector256<float> fx = Vector256.Narrow(sxLow - x0Low, sxHigh - x0High);
            Vector256<float> fy = Vector256.Narrow(syLow - y0Low, syHigh - y0High);
            Vector256<float> topLeft, topRight, bottomLeft, bottomRight;
            if (inside.ExtractMostSignificantBits() == AllLanes && Neighbouring(x0Low, x0High, y0Low, y0High, width, out Vector256<float> lower, out int first)
                && first + 2 * width + Lanes < ink.Length)
            {
                // Eight neighbouring sources on one row or two: their neighbours are rows of the page, loaded whole,
                // each lane taking the row its source is on (the same levels the lane-by-lane gather takes).
                Vector256<float> upper0 = Vector256.Create(ink.AsSpan(first)), upper1 = Vector256.Create(ink.AsSpan(first + 1));
                Vector256<float> middle0 = Vector256.Create(ink.AsSpan(first + width)), middle1 = Vector256.Create(ink.AsSpan(first + width + 1));
                Vector256<float> under0 = Vector256.Create(ink.AsSpan(first + 2 * width)), under1 = Vector256.Create(ink.AsSpan(first + 2 * width + 1));
                topLeft = Vector256.ConditionalSelect(lower, middle0, upper0);
                topRight = Vector256.ConditionalSelect(lower, middle1, upper1);
                bottomLeft = Vector256.ConditionalSelect(lower, under0, middle0);
                bottomRight = Vector256.ConditionalSelect(lower, under1, middle1);
            }
            else
            {
                // Each lane's top-left neighbour, 0 for a lane outside (its value is discarded), taken lane by constant
                // lane: a lane picked by a variable goes through memory.
                Vector256<long> indexLow = Vector256.ConvertToInt64(Vector256.ConditionalSelect(insideLow, y0Low * page + x0Low, Vector256<double>.Zero));
                Vector256<long> indexHigh = Vector256.ConvertToInt64(Vector256.ConditionalSelect(insideHigh, y0High * page + x0High, Vector256<double>.Zero));
                at[0] = (int)indexLow.GetElement(0);
                at[1] = (int)indexLow.GetElement(1);
                at[2] = (int)indexLow.GetElement(2);
                at[3] = (int)indexLow.GetElement(3);
                at[4] = (int)indexHigh.GetElement(0);
                at[5] = (int)indexHigh.GetElement(1);
                at[6] = (int)indexHigh.GetElement(2);
                at[7] = (int)indexHigh.GetElement(3);
                topLeft = Gather(ink, at, 0);
                topRight = Gather(ink, at, 1);
                bottomLeft = Gather(ink, at, width);
                bottomRight = Gather(ink, at, width + 1);
            }
            Vector256<float> top = topLeft + (topRight - topLeft) * fx, bottom = bottomLeft + (bottomRight - bottomLeft) * fx;
            (Vector256.ConditionalSelect(inside, top + (bottom - top) * fy, Vector256<float>.Zero)).CopyTo(straightened[x..]);
        }
        return x;
    }

    /// <summary>Every lane's bit of <see cref="Vector256.ExtractMostSignificantBits{T}"/>.</summary>
    private const uint AllLanes = 0xFF;
    private static readonly Vector256<int> Lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);

    /// <summary>
    /// Whether eight sources' top-left neighbours are eight neighbouring columns on one row or on two neighbouring rows;
    /// if so, <paramref name="first"/> is the index of the first lane's column on the upper row and <paramref name="lower"/>
    /// marks the lanes on the lower row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Neighbouring(Vector256<double> x0Low, Vector256<double> x0High, Vector256<double> y0Low, Vector256<double> y0High,
        int width, out Vector256<float> lower, out int first)
    {
        Vector256<int> x0 = Vector256.Narrow(Vector256.ConvertToInt64(x0Low), Vector256.ConvertToInt64(x0High));
        Vector256<int> y0 = Vector256.Narrow(Vector256.ConvertToInt64(y0Low), Vector256.ConvertToInt64(y0High));
        lower = default;
        first = 0;
        if (x0 != Vector256.Create(x0.ToScalar()) + Lane) return false;
        // Rows relative to lane 0's: all 0 or 1 (lane 0 on the upper row), or all 0 or -1 (on the lower).
        Vector256<int> rows = y0 - Vector256.Create(y0.ToScalar());
        int top;
        if (Vector256.LessThanOrEqualAll(rows.AsUInt32(), Vector256<uint>.One)) top = y0.ToScalar();
        else if (Vector256.LessThanOrEqualAll((-rows).AsUInt32(), Vector256<uint>.One)) top = y0.ToScalar() - 1;
        else return false;
        lower = Vector256.GreaterThan(y0, Vector256.Create(top)).AsSingle();
        first = top * width + x0.ToScalar();
        return true;
    }

    /// <summary>Lanes whose top-left neighbour (<paramref name="x0"/>, <paramref name="y0"/>) has its three others on the page too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Inside(Vector256<double> x0, Vector256<double> y0, Vector256<double> lastX, Vector256<double> lastY) =>
        Vector256.GreaterThanOrEqual(x0, Vector256<double>.Zero) & Vector256.GreaterThanOrEqual(y0, Vector256<double>.Zero)
        & Vector256.LessThan(x0, lastX) & Vector256.LessThan(y0, lastY);

    /// <summary>The levels at <paramref name="at"/> + <paramref name="offset"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Gather(float[] ink, ReadOnlySpan<int> at, int offset) =>
        Vector256.Create(ink[at[0] + offset], ink[at[1] + offset], ink[at[2] + offset], ink[at[3] + offset],
            ink[at[4] + offset], ink[at[5] + offset], ink[at[6] + offset], ink[at[7] + offset]);

    /// <summary>The ink rotated by <paramref name="degrees"/> about the page's centre (bilinear; outside is paper), into <paramref name="result"/>.</summary>
    internal static void Rotate(float[] ink, float[] result, int width, int height, double degrees)
    {
        double angle = degrees * Math.PI / 180, cos = Math.Cos(angle), sin = Math.Sin(angle), cx = width / 2.0, cy = height / 2.0;
        // The source of straightened pixel (x, y) is (cx + dx cos + dy sin - 0.5, cy - dx sin + dy cos - 0.5), dx and dy
        // its offsets from the centre (sheared rows y + x tan(angle) become level): a column's terms are computed once
        // and a row's once, and added in that order.
        var columnX = new double[width];
        var columnY = new double[width];
        for (int x = 0; x < width; x++)
        {
            double dx = x + 0.5 - cx;
            columnX[x] = cx + dx * cos;
            columnY[x] = cy - dx * sin;
        }
        for (int y = 0; y < height; y++)
        {
            double dy = y + 0.5 - cy, rowX = dy * sin, rowY = dy * cos;
            Span<float> straightened = result.AsSpan(y * width, width);
            int x = Vector256.IsHardwareAccelerated ? RotateRow(ink, straightened, columnX, columnY, rowX, rowY, width, height) : 0;
            for (; x < straightened.Length; x++)
            {
                double sx = columnX[x] + rowX - 0.5, sy = columnY[x] + rowY - 0.5;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height)
                {
                    straightened[x] = 0;
                    continue;
                }
                float fx = (float)(sx - x0), fy = (float)(sy - y0);
                int i = y0 * width + x0;
                float top = ink[i] + (ink[i + 1] - ink[i]) * fx, bottom = ink[i + width] + (ink[i + width + 1] - ink[i + width]) * fx;
                straightened[x] = top + (bottom - top) * fy;
            }
        }
    }
}
