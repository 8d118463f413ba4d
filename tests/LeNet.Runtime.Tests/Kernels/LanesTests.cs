using System.Runtime.Intrinsics;
using LeNet.Kernels;

namespace LeNet.Kernels.Tests;

/// <summary>
/// The transposes that move a dimension into the lanes, against the definition, at sizes with and without whole
/// 8x8 tiles; the batched horizontal sums against the BCL's, bit for bit.
/// </summary>
public class LanesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(8, 8)]
    [InlineData(16, 100)]
    [InlineData(25, 16)]
    [InlineData(9, 17)]
    [InlineData(17, 9)]
    [InlineData(64, 1)]
    public void Transpose_WritesEveryElementAtItsMirror(int rows, int columns)
    {
        float[] from = Values(rows * columns);
        // A guard past the end shows a write beyond the matrix.
        float[] to = new float[rows * columns + 8];
        to.AsSpan(rows * columns).Fill(-1f);
        Lanes.Transpose(ref from[0], rows, columns, ref to[0]);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                Assert.Equal(from[r * columns + c], to[c * rows + r]);
        Assert.All(to[(rows * columns)..], value => Assert.Equal(-1f, value));
    }

    [Fact]
    public void Transpose_WithStrides_LeavesTheGapsAlone()
    {
        const int rows = 11, columns = 19, fromStride = 23, toStride = 14;
        float[] from = Values(rows * fromStride);
        float[] to = new float[columns * toStride];
        Array.Fill(to, -1f);
        Lanes.Transpose(ref from[0], fromStride, ref to[0], toStride, rows, columns);
        for (int c = 0; c < columns; c++)
            for (int r = 0; r < toStride; r++)
                Assert.Equal(r < rows ? from[r * fromStride + c] : -1f, to[c * toStride + r]);
    }

    /// <summary>Distinct values, so a misplaced element cannot match by chance.</summary>
    private static float[] Values(int count) => Enumerable.Range(0, count).Select(i => i + 0.5f).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sums_AreTheBclsSums_BitForBit(int seed)
    {
        Vector512<float>[] wide = SumInputs(16, 16, seed).Select(v => Vector512.Create(v)).ToArray();
        Vector512<float> sums = Lanes.Sums(wide[0], wide[1], wide[2], wide[3], wide[4], wide[5], wide[6], wide[7],
            wide[8], wide[9], wide[10], wide[11], wide[12], wide[13], wide[14], wide[15]);
        for (int j = 0; j < 16; j++)
            Assert.Equal(BitConverter.SingleToInt32Bits(Vector512.Sum(wide[j])), BitConverter.SingleToInt32Bits(sums[j]));

        Vector256<float>[] narrow = SumInputs(8, 8, seed).Select(v => Vector256.Create(v)).ToArray();
        Vector256<float> sums256 = Lanes.Sums(narrow[0], narrow[1], narrow[2], narrow[3], narrow[4], narrow[5], narrow[6], narrow[7]);
        for (int j = 0; j < 8; j++)
            Assert.Equal(BitConverter.SingleToInt32Bits(Vector256.Sum(narrow[j])), BitConverter.SingleToInt32Bits(sums256[j]));
    }

    [Fact]
    public void SumInputs_TellTheOrderOfTheAdditions()
    {
        // The check above can fail: on these inputs, summing the lanes in order rounds differently for most vectors.
        float[][] inputs = SumInputs(16, 16, 1);
        int differ = inputs.Count(v => BitConverter.SingleToInt32Bits(v.Aggregate(0f, (a, b) => a + b))
            != BitConverter.SingleToInt32Bits(Vector512.Sum(Vector512.Create(v))));
        Assert.True(differ >= 8, $"only {differ} of 16 sums depend on the order");
    }

    /// <summary>Vectors of values across many magnitudes and both signs, whose sums round differently by order.</summary>
    private static float[][] SumInputs(int count, int lanes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, lanes).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 6)))).ToArray())
            .ToArray();
    }
}
