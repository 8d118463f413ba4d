using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LeNet.Data;

/// <summary>
/// Resizes a grey image by area averaging: each output pixel is the mean of the input over the
/// footprint it covers. When enlarging, the footprint is one input pixel wide, which amounts to linear
/// interpolation between pixel centres. Separable: rows first, then columns.
/// </summary>
internal static class AreaResampler
{
    /// <summary>
    /// Resizes the <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> window at (<paramref name="left"/>, <paramref name="top"/>)
    /// of <paramref name="image"/> (rows of <paramref name="stride"/> levels) by <paramref name="scale"/>, keeping its centre,
    /// into a new <paramref name="targetWidth"/> x <paramref name="targetHeight"/> image. Outside the window counts as 0.
    /// </summary>
    public static float[] Resample(float[] image, int stride, int left, int top, int sourceWidth, int sourceHeight,
        int targetWidth, int targetHeight, double scale) =>
        Resample(image, stride, left, top, sourceWidth, sourceHeight, targetWidth, targetHeight, scale, 0, 0, targetWidth, targetHeight);

    /// <summary>
    /// The <paramref name="regionWidth"/> x <paramref name="regionHeight"/> region at (<paramref name="regionLeft"/>,
    /// <paramref name="regionTop"/>) of what <see cref="Resample(float[], int, int, int, int, int, int, int, double)"/>
    /// makes, computed alone (the same levels, only the input under the region read); beyond the target is 0.
    /// </summary>
    public static float[] Resample(float[] image, int stride, int left, int top, int sourceWidth, int sourceHeight,
        int targetWidth, int targetHeight, double scale, int regionLeft, int regionTop, int regionWidth, int regionHeight)
    {
        var result = new float[regionWidth * regionHeight];
        Resample(image, stride, left, top, sourceWidth, sourceHeight, targetWidth, targetHeight, scale, regionLeft, regionTop, regionWidth, regionHeight, result);
        return result;
    }

    /// <summary>
    /// What <see cref="Resample(float[], int, int, int, int, int, int, int, double, int, int, int, int)"/> makes, written
    /// into the first <paramref name="regionWidth"/> x <paramref name="regionHeight"/> values of <paramref name="result"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a page's levels: no time in unoptimised code
    public static void Resample(float[] image, int stride, int left, int top, int sourceWidth, int sourceHeight,
        int targetWidth, int targetHeight, double scale, int regionLeft, int regionTop, int regionWidth, int regionHeight, Span<float> result)
    {
        result = result[..(regionWidth * regionHeight)];
        result.Clear();
        int x0 = Math.Max(0, regionLeft), x1 = Math.Min(targetWidth, regionLeft + regionWidth);
        int y0 = Math.Max(0, regionTop), y1 = Math.Min(targetHeight, regionTop + regionHeight);
        if (x0 >= x1 || y0 >= y1) return;
        Footprint[] columns = Footprints(sourceWidth, targetWidth, scale, x0, x1 - x0);
        Footprint[] rows = Footprints(sourceHeight, targetHeight, scale, y0, y1 - y0);
        int firstRow = rows.Min(r => r.First), endRow = Math.Max(firstRow, rows.Max(r => r.First + r.Weights.Length));
        int across = x1 - x0;
        (int[] index, float[] weights, int taps) = Taps(columns);

        // Every value is written before it is read; a page's levels would otherwise churn the large-object heap.
        float[] horizontal = ArrayPool<float>.Shared.Rent((endRow - firstRow) * across);
        for (int y = firstRow; y < endRow; y++)
        {
            // The spans check the rows' bounds once; every tap's index lies within the row (Footprints clips them).
            ReadOnlySpan<float> source = image.AsSpan((top + y) * stride + left, sourceWidth);
            Span<float> target = horizontal.AsSpan((y - firstRow) * across, across);
            SumAlong(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(target), across, index, weights, taps);
        }

        // Each output row sums its footprint's rows in order, every column at once.
        for (int y = y0; y < y1; y++)
        {
            Footprint row = rows[y - y0];
            Span<float> target = result.Slice((y - regionTop) * regionWidth + x0 - regionLeft, across);
            for (int k = 0; k < row.Weights.Length; k++)
            {
                float weight = row.Weights[k];
                ReadOnlySpan<float> source = horizontal.AsSpan((row.First + k - firstRow) * across, across);
                int x = 0;
                if (Vector256.IsHardwareAccelerated)
                    for (; x <= across - Vector256<float>.Count; x += Vector256<float>.Count)
                        (Vector256.Create(target[x..]) + Vector256.Create(weight) * Vector256.Create(source[x..])).CopyTo(target[x..]);
                for (; x < across; x++) target[x] += weight * source[x];
            }
        }
        ArrayPool<float>.Shared.Return(horizontal);
    }

    /// <summary>
    /// The columns' footprints tap by tap, every footprint as long as the longest (<c>Taps</c>): output
    /// column x's tap k reads input column <c>Index[k * across + x]</c> with weight <c>Weights[k * across + x]</c>.
    /// A tap past the end of a shorter footprint reads its last column (or column 0 when it is empty) with
    /// weight 0, which adds +0 to the sum: every sum is the one its own footprint gives, bit for bit.
    /// </summary>
    private static (int[] Index, float[] Weights, int Taps) Taps(Footprint[] columns)
    {
        int across = columns.Length, taps = 0;
        foreach (Footprint column in columns) taps = Math.Max(taps, column.Weights.Length);
        var index = new int[taps * across];
        var weights = new float[taps * across];
        for (int x = 0; x < across; x++)
        {
            Footprint column = columns[x];
            int length = column.Weights.Length;
            for (int k = 0; k < taps; k++)
            {
                index[k * across + x] = length == 0 ? 0 : column.First + Math.Min(k, length - 1);
                weights[k * across + x] = k < length ? column.Weights[k] : 0f;
            }
        }
        return (index, weights, taps);
    }

    /// <summary>
    /// One input row's <paramref name="across"/> sums along the columns' footprints (<see cref="Taps"/>) into
    /// <paramref name="target"/>: each sum its taps in order, a product then an add, as a scalar loop would,
    /// eight output columns at a time (their inputs gathered lane by lane: faster than the gather instruction
    /// on the CPUs measured).
    /// </summary>
    private static void SumAlong(ref float source, ref float target, int across, int[] index, float[] weights, int taps)
    {
        ref int indices = ref MemoryMarshal.GetArrayDataReference(index);
        ref float weight = ref MemoryMarshal.GetArrayDataReference(weights);
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; x <= across - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                Vector256<float> sum = Vector256<float>.Zero;
                for (int k = 0; k < taps; k++)
                {
                    ref int i = ref Unsafe.Add(ref indices, k * across + x);
                    Vector256<float> inputs = Vector256.Create(
                        Unsafe.Add(ref source, i), Unsafe.Add(ref source, Unsafe.Add(ref i, 1)),
                        Unsafe.Add(ref source, Unsafe.Add(ref i, 2)), Unsafe.Add(ref source, Unsafe.Add(ref i, 3)),
                        Unsafe.Add(ref source, Unsafe.Add(ref i, 4)), Unsafe.Add(ref source, Unsafe.Add(ref i, 5)),
                        Unsafe.Add(ref source, Unsafe.Add(ref i, 6)), Unsafe.Add(ref source, Unsafe.Add(ref i, 7)));
                    sum += Vector256.LoadUnsafe(ref weight, (nuint)(k * across + x)) * inputs;
                }
                sum.StoreUnsafe(ref target, (nuint)x);
            }
        for (; x < across; x++)
        {
            float sum = 0;
            for (int k = 0; k < taps; k++)
                sum += Unsafe.Add(ref weight, k * across + x) * Unsafe.Add(ref source, Unsafe.Add(ref indices, k * across + x));
            Unsafe.Add(ref target, x) = sum;
        }
    }

    /// <summary>Which input pixels each of <paramref name="count"/> output pixels from <paramref name="firstTarget"/> averages, with what weights, along one axis.</summary>
    private static Footprint[] Footprints(int sourceLength, int targetLength, double scale, int firstTarget, int count)
    {
        double width = Math.Max(1 / scale, 1);
        var footprints = new Footprint[count];
        for (int j = firstTarget; j < firstTarget + count; j++)
        {
            // The output pixel's centre, mapped back so the window's centre stays the centre.
            double centre = (j + 0.5 - targetLength / 2.0) / scale + sourceLength / 2.0;
            double low = centre - width / 2, high = centre + width / 2;
            int first = Math.Max(0, (int)Math.Floor(low));
            int last = Math.Min(sourceLength - 1, (int)Math.Ceiling(high) - 1);
            var weights = new float[Math.Max(0, last - first + 1)];
            for (int i = first; i <= last; i++)
                weights[i - first] = (float)((Math.Min(high, i + 1) - Math.Max(low, i)) / width);
            footprints[j - firstTarget] = new Footprint(first, weights);
        }
        return footprints;
    }

    /// <summary>Input pixels <see cref="First"/>.. with their weights.</summary>
    private readonly record struct Footprint(int First, float[] Weights);
}
