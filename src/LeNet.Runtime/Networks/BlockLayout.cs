using System.Runtime.InteropServices;
using LeNet.Kernels;

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
    /// for the rest at once, a full block as one transpose (<see cref="Lanes.Transpose(ref float, int, ref float, int, int, int)"/>).
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
        if (count == blockSize)
        {
            // Every lane a sample: the samples, one row each, transposed.
            Lanes.Transpose(ref MemoryMarshal.GetReference(samples), units, ref MemoryMarshal.GetReference(block), blockSize, blockSize, units);
            return;
        }
        for (int lane = 0; lane < blockSize; lane++)
            for (int unit = 0; unit < units; unit++)
                block[unit * blockSize + lane] = lane < count ? samples[lane * units + unit] : 0f;
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
