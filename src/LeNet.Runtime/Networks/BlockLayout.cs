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
