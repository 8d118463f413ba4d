using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LeNet;

/// <summary>
/// The layout of a block of samples for <see cref="INetwork.ForwardBlock"/> and
/// <see cref="INetwork.BackwardBlock"/>: unit after unit, each unit holding one value per sample
/// (<c>block[unit * blockSize + lane]</c>), so one vector load reads one unit of every sample.
/// </summary>
internal static class BlockLayout
{
    /// <summary>Writes one sample's <paramref name="values"/> into lane <paramref name="lane"/> of <paramref name="block"/>.</summary>
    public static void Scatter(ReadOnlySpan<float> values, Span<float> block, int lane, int blockSize)
    {
        Check(values.Length, block.Length, lane, blockSize);
        for (int unit = 0; unit < values.Length; unit++) block[unit * blockSize + lane] = values[unit];
    }

    /// <summary>
    /// Writes <paramref name="count"/> samples of <paramref name="units"/> values each, back to back in
    /// <paramref name="samples"/>, into lanes 0 .. <paramref name="count"/> - 1 of <paramref name="block"/>
    /// and zeros into the lanes past them: <see cref="Scatter"/> for every sample and <see cref="Fill"/>
    /// for the rest at once, a full block of whole vectors as 8x8 transposes.
    /// </summary>
    public static void Interleave(ReadOnlySpan<float> samples, int units, int count, Span<float> block, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        if ((uint)count > (uint)blockSize) throw new ArgumentOutOfRangeException(nameof(count), count, $"A block has {blockSize} lanes.");
        if ((long)units * count > samples.Length || (long)units * blockSize != block.Length)
            throw new ArgumentException($"{count} samples of {units} values do not fit {samples.Length} values, or a block of {block.Length} floats is not {units} units of {blockSize} samples.");
        if (blockSize == 1)
        {
            // One lane: the layout is the sample's own.
            if (count == 1) samples[..units].CopyTo(block);
            else block.Clear();
            return;
        }
        int whole = 0;
        if (Avx.IsSupported && count == blockSize && blockSize % 8 == 0)
        {
            whole = units / 8 * 8;
            ref float from = ref MemoryMarshal.GetReference(samples);
            ref float to = ref MemoryMarshal.GetReference(block);
            for (int lane = 0; lane < blockSize; lane += 8)
                for (int unit = 0; unit < whole; unit += 8)
                    Transpose8(ref Unsafe.Add(ref from, lane * units + unit), units, ref Unsafe.Add(ref to, unit * blockSize + lane), blockSize);
        }
        for (int lane = 0; lane < blockSize; lane++)
            for (int unit = whole; unit < units; unit++)
                block[unit * blockSize + lane] = lane < count ? samples[lane * units + unit] : 0f;
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

    /// <summary>Reads lane <paramref name="lane"/> of <paramref name="block"/> into one sample's <paramref name="values"/>.</summary>
    public static void Gather(ReadOnlySpan<float> block, Span<float> values, int lane, int blockSize)
    {
        Check(values.Length, block.Length, lane, blockSize);
        for (int unit = 0; unit < values.Length; unit++) values[unit] = block[unit * blockSize + lane];
    }

    /// <summary>Sets lane <paramref name="lane"/> of every unit of <paramref name="block"/> to <paramref name="value"/> (a batch tail's padding).</summary>
    public static void Fill(Span<float> block, int lane, int blockSize, float value)
    {
        Check(0, block.Length, lane, blockSize);
        for (int at = lane; at < block.Length; at += blockSize) block[at] = value;
    }

    private static void Check(int units, int blockLength, int lane, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        if ((uint)lane >= (uint)blockSize) throw new ArgumentOutOfRangeException(nameof(lane), lane, $"A block has lanes 0 to {blockSize - 1}.");
        if (blockLength % blockSize != 0 || (long)units * blockSize > blockLength)
            throw new ArgumentException($"A block of {blockLength} floats does not hold {units} units of {blockSize} samples.");
    }
}
