using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class AreaResamplerTests
{
    [Fact]
    public void Every_value_is_its_footprints_sum_in_order_bit_for_bit()
    {
        var random = new Random(17);
        for (int trial = 0; trial < 60; trial++)
        {
            int sourceWidth = random.Next(1, 90), sourceHeight = random.Next(1, 40), stride = sourceWidth + random.Next(0, 5);
            int left = stride - sourceWidth == 0 ? 0 : random.Next(0, stride - sourceWidth + 1), top = random.Next(0, 4);
            // Shrinking (several taps, of unequal lengths) and enlarging (one or two taps): every path of the row pass.
            double scale = trial % 3 == 0 ? 0.5 + random.NextDouble() * 1.5 : 0.08 + random.NextDouble() * 0.9;
            int targetWidth = Math.Max(1, (int)Math.Round(sourceWidth * scale)), targetHeight = Math.Max(1, (int)Math.Round(sourceHeight * scale));
            var image = new float[(top + sourceHeight) * stride];
            for (int i = 0; i < image.Length; i++) image[i] = random.Next(4) == 0 ? 0f : (float)random.NextDouble();
            int regionLeft = random.Next(-3, targetWidth), regionTop = random.Next(-3, targetHeight);
            int regionWidth = random.Next(1, targetWidth + 6), regionHeight = random.Next(1, targetHeight + 6);

            float[] resampled = AreaResampler.Resample(image, stride, left, top, sourceWidth, sourceHeight, targetWidth, targetHeight, scale,
                regionLeft, regionTop, regionWidth, regionHeight);

            float[] expected = Reference(image, stride, left, top, sourceWidth, sourceHeight, targetWidth, targetHeight, scale,
                regionLeft, regionTop, regionWidth, regionHeight);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(resampled[i]),
                    $"trial {trial}: value {i} is {resampled[i]:R}, its footprints give {expected[i]:R}");
        }
    }

    [Fact]
    public void A_row_shorter_than_the_window_is_refused()
    {
        var image = new float[10 * 10];
        Assert.ThrowsAny<ArgumentException>(() => AreaResampler.Resample(image, 10, 0, 5, 10, 10, 5, 5, 0.5));
    }

    /// <summary>
    /// The resampling written plainly: each output pixel's footprint along each axis (the input pixels it covers, each
    /// weighted by the share of it covered), the rows' sums of products taken in order, a product then an add, and
    /// the output the footprint rows' weighted sums in order.
    /// </summary>
    private static float[] Reference(float[] image, int stride, int left, int top, int sourceWidth, int sourceHeight,
        int targetWidth, int targetHeight, double scale, int regionLeft, int regionTop, int regionWidth, int regionHeight)
    {
        var result = new float[regionWidth * regionHeight];
        for (int y = Math.Max(0, regionTop); y < Math.Min(targetHeight, regionTop + regionHeight); y++)
        {
            (int firstRow, float[] rowWeights) = Footprint(sourceHeight, targetHeight, scale, y);
            for (int x = Math.Max(0, regionLeft); x < Math.Min(targetWidth, regionLeft + regionWidth); x++)
            {
                (int firstColumn, float[] columnWeights) = Footprint(sourceWidth, targetWidth, scale, x);
                float value = 0;
                for (int k = 0; k < rowWeights.Length; k++)
                {
                    float rowSum = 0;
                    for (int j = 0; j < columnWeights.Length; j++)
                        rowSum += columnWeights[j] * image[(top + firstRow + k) * stride + left + firstColumn + j];
                    value += rowWeights[k] * rowSum;
                }
                result[(y - regionTop) * regionWidth + x - regionLeft] = value;
            }
        }
        return result;
    }

    private static (int First, float[] Weights) Footprint(int sourceLength, int targetLength, double scale, int j)
    {
        double width = Math.Max(1 / scale, 1);
        double centre = (j + 0.5 - targetLength / 2.0) / scale + sourceLength / 2.0;
        double low = centre - width / 2, high = centre + width / 2;
        int first = Math.Max(0, (int)Math.Floor(low)), last = Math.Min(sourceLength - 1, (int)Math.Ceiling(high) - 1);
        var weights = new float[Math.Max(0, last - first + 1)];
        for (int i = first; i <= last; i++) weights[i - first] = (float)((Math.Min(high, i + 1) - Math.Max(low, i)) / width);
        return (first, weights);
    }
}
