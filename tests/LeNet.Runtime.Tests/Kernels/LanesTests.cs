using LeNet.Kernels;

namespace LeNet.Kernels.Tests;

/// <summary>The transposes that move a dimension into the lanes, against the definition, at sizes with and without whole 8x8 tiles.</summary>
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
}
