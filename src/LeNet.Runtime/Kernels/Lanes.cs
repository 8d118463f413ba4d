using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LeNet.Kernels;

/// <summary>
/// Moves a dimension into the SIMD lanes and back: the transpose of a small matrix, for the
/// generated kernels that sum with one map per lane (a convolution's weight gradient) and for the
/// block layout (one sample per lane). With AVX it runs in 8x8 tiles of shuffles; the rows and
/// columns past the last whole tile, and machines without AVX, take a scalar loop.
/// </summary>
/// <remarks>
/// The generated kernels call it with references into buffers whose lengths their entry points
/// checked, so it does not check them again: <c>rows x columns</c> floats are read from
/// <c>from</c> (rows <c>fromStride</c> apart) and written to <c>to</c> (rows <c>toStride</c> apart).
/// </remarks>
public static class Lanes
{
    /// <summary>
    /// Writes the <paramref name="rows"/> x <paramref name="columns"/> matrix at <paramref name="from"/>
    /// (row-major, contiguous) transposed to <paramref name="to"/> (<paramref name="columns"/> x
    /// <paramref name="rows"/>, row-major, contiguous): <c>to[c * rows + r] = from[r * columns + c]</c>.
    /// </summary>
    public static void Transpose(ref float from, int rows, int columns, ref float to) =>
        Transpose(ref from, columns, ref to, rows, rows, columns);

    /// <summary>
    /// Writes the <paramref name="rows"/> x <paramref name="columns"/> matrix at <paramref name="from"/>
    /// (rows <paramref name="fromStride"/> floats apart) transposed to <paramref name="to"/> (rows
    /// <paramref name="toStride"/> floats apart): <c>to[c * toStride + r] = from[r * fromStride + c]</c>.
    /// </summary>
    public static void Transpose(ref float from, int fromStride, ref float to, int toStride, int rows, int columns)
    {
        int wholeRows = 0, wholeColumns = 0;
        if (Avx.IsSupported)
        {
            wholeRows = rows / 8 * 8;
            wholeColumns = columns / 8 * 8;
            for (int r = 0; r < wholeRows; r += 8)
                for (int c = 0; c < wholeColumns; c += 8)
                    Transpose8(ref Unsafe.Add(ref from, r * fromStride + c), fromStride, ref Unsafe.Add(ref to, c * toStride + r), toStride);
        }
        // The columns past the last whole tile of the tiled rows, then every column of the other rows.
        for (int r = 0; r < rows; r++)
            for (int c = r < wholeRows ? wholeColumns : 0; c < columns; c++)
                Unsafe.Add(ref to, c * toStride + r) = Unsafe.Add(ref from, r * fromStride + c);
    }

    /// <summary>Writes the 8x8 floats at <paramref name="from"/> (rows <paramref name="fromStride"/> apart) transposed to <paramref name="to"/> (rows <paramref name="toStride"/> apart).</summary>
    private static void Transpose8(ref float from, int fromStride, ref float to, int toStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref from), r1 = Vector256.LoadUnsafe(ref from, (nuint)fromStride),
            r2 = Vector256.LoadUnsafe(ref from, (nuint)(2 * fromStride)), r3 = Vector256.LoadUnsafe(ref from, (nuint)(3 * fromStride)),
            r4 = Vector256.LoadUnsafe(ref from, (nuint)(4 * fromStride)), r5 = Vector256.LoadUnsafe(ref from, (nuint)(5 * fromStride)),
            r6 = Vector256.LoadUnsafe(ref from, (nuint)(6 * fromStride)), r7 = Vector256.LoadUnsafe(ref from, (nuint)(7 * fromStride));
        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves swapped across.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3),
            t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE),
            u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref to);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref to, (nuint)toStride);
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref to, (nuint)(2 * toStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref to, (nuint)(3 * toStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref to, (nuint)(4 * toStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref to, (nuint)(5 * toStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref to, (nuint)(6 * toStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref to, (nuint)(7 * toStride));
    }

    /// <summary>
    /// The horizontal sums of 16 vectors at once: lane j of the result is <c>Vector512.Sum(vj)</c>, bit for bit.
    /// <c>Vector512.Sum</c> adds neighbouring lanes, then the pairs, within each 128-bit quarter, then quarter 0
    /// to 1 and 2 to 3, then those two; this runs the same additions in the same order, with the vectors
    /// interleaved by shuffles, so 16 sums take 45 instructions instead of about 27 each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sums(
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3,
        Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7,
        Vector512<float> v8, Vector512<float> v9, Vector512<float> v10, Vector512<float> v11,
        Vector512<float> v12, Vector512<float> v13, Vector512<float> v14, Vector512<float> v15)
    {
        if (!Avx512F.IsSupported)
        {
            return Vector512.Create(
                Vector512.Sum(v0), Vector512.Sum(v1), Vector512.Sum(v2), Vector512.Sum(v3),
                Vector512.Sum(v4), Vector512.Sum(v5), Vector512.Sum(v6), Vector512.Sum(v7),
                Vector512.Sum(v8), Vector512.Sum(v9), Vector512.Sum(v10), Vector512.Sum(v11),
                Vector512.Sum(v12), Vector512.Sum(v13), Vector512.Sum(v14), Vector512.Sum(v15));
        }
        // Per quarter, [a0 + a1, a2 + a3, b0 + b1, b2 + b3] of two vectors a and b; then [a, b, c, d] of four
        // vectors' quarter sums. Written out rather than in helpers: a kernel past the JIT's inlining budget
        // would call them.
        Vector512<float> p01 = Avx512F.Shuffle(v0, v1, EvenLanes) + Avx512F.Shuffle(v0, v1, OddLanes);
        Vector512<float> p23 = Avx512F.Shuffle(v2, v3, EvenLanes) + Avx512F.Shuffle(v2, v3, OddLanes);
        Vector512<float> p45 = Avx512F.Shuffle(v4, v5, EvenLanes) + Avx512F.Shuffle(v4, v5, OddLanes);
        Vector512<float> p67 = Avx512F.Shuffle(v6, v7, EvenLanes) + Avx512F.Shuffle(v6, v7, OddLanes);
        Vector512<float> p89 = Avx512F.Shuffle(v8, v9, EvenLanes) + Avx512F.Shuffle(v8, v9, OddLanes);
        Vector512<float> p1011 = Avx512F.Shuffle(v10, v11, EvenLanes) + Avx512F.Shuffle(v10, v11, OddLanes);
        Vector512<float> p1213 = Avx512F.Shuffle(v12, v13, EvenLanes) + Avx512F.Shuffle(v12, v13, OddLanes);
        Vector512<float> p1415 = Avx512F.Shuffle(v14, v15, EvenLanes) + Avx512F.Shuffle(v14, v15, OddLanes);
        Vector512<float> q0 = Avx512F.Shuffle(p01, p23, EvenLanes) + Avx512F.Shuffle(p01, p23, OddLanes);
        Vector512<float> q1 = Avx512F.Shuffle(p45, p67, EvenLanes) + Avx512F.Shuffle(p45, p67, OddLanes);
        Vector512<float> q2 = Avx512F.Shuffle(p89, p1011, EvenLanes) + Avx512F.Shuffle(p89, p1011, OddLanes);
        Vector512<float> q3 = Avx512F.Shuffle(p1213, p1415, EvenLanes) + Avx512F.Shuffle(p1213, p1415, OddLanes);
        // Quarters 0 + 1 and 2 + 3, then their sum: [vectors 0-3 | 4-7 | 8-11 | 12-15].
        Vector512<float> h0 = Avx512F.Shuffle4x128(q0, q1, EvenLanes) + Avx512F.Shuffle4x128(q0, q1, OddLanes);
        Vector512<float> h1 = Avx512F.Shuffle4x128(q2, q3, EvenLanes) + Avx512F.Shuffle4x128(q2, q3, OddLanes);
        return Avx512F.Shuffle4x128(h0, h1, EvenLanes) + Avx512F.Shuffle4x128(h0, h1, OddLanes);
    }

    /// <summary>
    /// The horizontal sums of 8 vectors at once: lane j of the result is <c>Vector256.Sum(vj)</c>, bit for bit
    /// (neighbouring lanes, then the pairs, within each 128-bit half, then the halves).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sums(
        Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3,
        Vector256<float> v4, Vector256<float> v5, Vector256<float> v6, Vector256<float> v7)
    {
        if (!Avx.IsSupported)
        {
            return Vector256.Create(
                Vector256.Sum(v0), Vector256.Sum(v1), Vector256.Sum(v2), Vector256.Sum(v3),
                Vector256.Sum(v4), Vector256.Sum(v5), Vector256.Sum(v6), Vector256.Sum(v7));
        }
        Vector256<float> p01 = Avx.Shuffle(v0, v1, EvenLanes) + Avx.Shuffle(v0, v1, OddLanes);
        Vector256<float> p23 = Avx.Shuffle(v2, v3, EvenLanes) + Avx.Shuffle(v2, v3, OddLanes);
        Vector256<float> p45 = Avx.Shuffle(v4, v5, EvenLanes) + Avx.Shuffle(v4, v5, OddLanes);
        Vector256<float> p67 = Avx.Shuffle(v6, v7, EvenLanes) + Avx.Shuffle(v6, v7, OddLanes);
        Vector256<float> q0 = Avx.Shuffle(p01, p23, EvenLanes) + Avx.Shuffle(p01, p23, OddLanes);
        Vector256<float> q1 = Avx.Shuffle(p45, p67, EvenLanes) + Avx.Shuffle(p45, p67, OddLanes);
        return Avx.Permute2x128(q0, q1, LowHalves) + Avx.Permute2x128(q0, q1, HighHalves);
    }

    /// <summary>Shuffle controls: elements (or 128-bit quarters) 0 and 2 of each operand, 1 and 3, and halves.</summary>
    private const byte EvenLanes = 0b10_00_10_00, OddLanes = 0b11_01_11_01, LowHalves = 0x20, HighHalves = 0x31;
}
