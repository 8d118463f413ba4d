namespace LeNet.Training.Tests;

public sealed class SpanMathTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(61)]
    [InlineData(160)]
    public void AddScaleAllFinite_IsTheSumThenTheProduct_BitForBit(int length)
    {
        var random = new Random(length);
        float[] target = Values(random, length), source = Values(random, length);
        var expected = new float[length];
        for (int i = 0; i < length; i++)
        {
            float sum = target[i] + source[i];
            expected[i] = sum * (1f / 64);
        }

        Assert.True(SpanMath.AddScaleAllFinite(target, source, 1f / 64));
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), target.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void AddScaleAllFinite_WithoutASource_OnlyScales()
    {
        float[] target = [1f, -2f, 0.5f, -0f, 3f];
        Assert.True(SpanMath.AddScaleAllFinite(target, default, 0.25f));
        Assert.Equal([0.25f, -0.5f, 0.125f, -0f, 0.75f], target);
    }

    [Theory]
    [InlineData(0, float.NaN)]
    [InlineData(40, float.PositiveInfinity)]
    [InlineData(66, float.NegativeInfinity)]
    public void AddScaleAllFinite_SaysWhenAResultIsNotFinite(int at, float value)
    {
        float[] target = new float[67], source = new float[67];
        source[at] = value;
        Assert.False(SpanMath.AddScaleAllFinite(target, source, 0.5f));
        Assert.False(SpanMath.AllFinite(target));
    }

    [Fact]
    public void AddScaleAllFinite_SaysWhenTheSumOverflows()
    {
        float[] target = new float[32], source = new float[32];
        target[5] = source[5] = float.MaxValue;
        Assert.False(SpanMath.AddScaleAllFinite(target, source, 1f));
    }

    private static float[] Values(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * 1e-3f;
        return values;
    }
}
