namespace LeNet.Runtime.Tests.Generated;

/// <summary>Interleaving samples into a block writes what scattering each one into its lane and zeroing the rest writes.</summary>
public sealed class BlockLayoutTests
{
    [Theory]
    [InlineData(1024, 16, 16)]
    [InlineData(37, 16, 16)]
    [InlineData(64, 16, 5)]
    [InlineData(29, 8, 8)]
    [InlineData(24, 8, 1)]
    [InlineData(7, 1, 1)]
    public void Interleave_EqualsScatterOfEverySampleAndZerosPastThem(int units, int blockSize, int count)
    {
        float[] samples = NetworkCases.Random(units * blockSize, seed: units + blockSize, scale: 1f);
        float[] expected = new float[units * blockSize], actual = new float[units * blockSize];
        actual.AsSpan().Fill(float.NaN);
        for (int lane = 0; lane < count; lane++) BlockLayout.Scatter(samples.AsSpan(lane * units, units), expected, lane, blockSize);

        BlockLayout.Interleave(samples, units, count, actual, blockSize);

        Assert.Equal(expected, actual);
    }
}
