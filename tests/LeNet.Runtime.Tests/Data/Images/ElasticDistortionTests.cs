using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

/// <summary>The elastic deformation: its Gaussian smoothing, its sampling and its random fields.</summary>
public sealed class ElasticDistortionTests
{
    private const int Side = 28;

    private static byte[] Digit()
    {
        var image = new byte[Side * Side];
        for (int r = 6; r < 22; r++)
            for (int c = 11; c < 16; c++) image[r * Side + c] = 255;
        return image;
    }

    [Fact]
    public void GaussianKernelIsNormalisedAndReachesThreeSigma()
    {
        float[] kernel = GaussianSmoothing.Kernel(2.0);
        Assert.Equal(7, kernel.Length);
        Assert.Equal(1.0, kernel[0] + 2 * kernel.Skip(1).Sum(), 5);
        Assert.Equal(Math.Exp(-0.5), kernel[2] / kernel[0], 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianSmoothing.Kernel(0));
    }

    [Fact]
    public void SmoothingAnImpulseGivesTheKernelsOuterProduct()
    {
        float[] kernel = GaussianSmoothing.Kernel(1.0);
        var field = new float[9 * 9];
        field[4 * 9 + 4] = 1f;
        new GaussianSmoothing(9, 9, 1.0).Apply(field);
        float K(int offset) => Math.Abs(offset) < kernel.Length ? kernel[Math.Abs(offset)] : 0f;
        for (int r = 0; r < 9; r++)
            for (int c = 0; c < 9; c++)
                Assert.Equal(K(r - 4) * K(c - 4), field[r * 9 + c], 6);
    }

    [Theory]
    [InlineData(28, 28, 4.0)]
    [InlineData(32, 32, 4.0)]
    [InlineData(7, 13, 1.5)]
    [InlineData(3, 40, 4.0)]
    [InlineData(19, 37, 2.0)]
    public void SmoothingGivesThePlainLoopsBits(int rows, int columns, double sigma)
    {
        var random = new Random(rows * 100 + columns);
        float[] field = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] expected = PlainBlur(field, rows, columns, GaussianSmoothing.Kernel(sigma));
        new GaussianSmoothing(rows, columns, sigma).Apply(field);
        Assert.Equal(expected, field);
        Assert.Throws<ArgumentException>(() => new GaussianSmoothing(rows, columns, sigma).Apply(new float[rows * columns + 1]));
    }

    /// <summary>The blur written as the definition: rows then columns, each sum in the order the smoothing promises.</summary>
    private static float[] PlainBlur(float[] field, int rows, int columns, float[] kernel)
    {
        var across = new float[field.Length];
        var result = new float[field.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                float sum = kernel[0] * field[r * columns + c];
                for (int k = 1; k < kernel.Length; k++)
                {
                    if (c - k >= 0) sum += kernel[k] * field[r * columns + c - k];
                    if (c + k < columns) sum += kernel[k] * field[r * columns + c + k];
                }
                across[r * columns + c] = sum;
            }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                float sum = kernel[0] * across[r * columns + c];
                for (int k = 1; k < kernel.Length; k++)
                {
                    if (r - k >= 0) sum += kernel[k] * across[(r - k) * columns + c];
                    if (r + k < rows) sum += kernel[k] * across[(r + k) * columns + c];
                }
                result[r * columns + c] = sum;
            }
        return result;
    }

    [Theory]
    [InlineData(1, 784)]
    [InlineData(7, 37)]
    [InlineData(3, 5)]
    public void FillingDrawsWhatOneDrawAtATimeDraws(int seed, int count)
    {
        var filled = new RandomDistortion(Side, Side, seed, DistortionRanges.Elastic);
        var oneByOne = new RandomDistortion(Side, Side, seed, DistortionRanges.Elastic);
        var values = new float[count];
        filled.FillUniform(values, -1, 1);
        for (int i = 0; i < count; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits((float)oneByOne.NextUniform(-1, 1)), BitConverter.SingleToInt32Bits(values[i]));
        // The generator moved on as far: the next draws agree too.
        Assert.Equal(oneByOne.NextUniform(-3, 2), filled.NextUniform(-3, 2));
        Assert.All(values, v => Assert.InRange(v, -1f, 1f));
    }

    [Fact]
    public void ZeroFieldAndIdentityCopyAndAWholePixelFieldShifts()
    {
        byte[] digit = Digit();
        var copy = new byte[digit.Length];
        var zero = new float[digit.Length];
        Distortions.Apply(digit, copy, Side, Side, AffineTransform.Identity, zero, zero);
        Assert.Equal(digit, copy);

        // dx = +1 everywhere: output (r, c) samples the source at c + 1, so the stroke moves one pixel left.
        var ones = Enumerable.Repeat(1f, digit.Length).ToArray();
        Distortions.Apply(digit, copy, Side, Side, AffineTransform.Identity, ones, zero);
        Assert.Equal(Distortions.Translate(digit, Side, Side, -1, 0), copy);
    }

    [Fact]
    public void ElasticDistortionsAreSeededAndKeepTheInk()
    {
        byte[] digit = Digit();
        var first = new RandomDistortion(Side, Side, seed: 1, DistortionRanges.Elastic);
        var second = new RandomDistortion(Side, Side, seed: 1, DistortionRanges.Elastic);
        byte[] a = new byte[digit.Length], b = new byte[digit.Length], affineOnly = new byte[digit.Length];
        first.Apply(digit, a);
        second.Apply(digit, b);
        Assert.Equal(a, b);
        new RandomDistortion(Side, Side, seed: 1).Apply(digit, affineOnly);
        Assert.NotEqual(affineOnly, a);
        double ink = digit.Sum(p => (double)p), moved = a.Sum(p => (double)p);
        Assert.InRange(moved / ink, 0.5, 1.5);
    }

    [Theory]
    [InlineData(28)]
    [InlineData(200)] // beyond what the bordered copy keeps on the stack: a pooled buffer instead
    public void DistortingAnImageAllocatesNothing(int side)
    {
        var image = new byte[side * side];
        image.AsSpan(side * side / 3, side).Fill(255);
        var output = new byte[image.Length];
        var distortion = new RandomDistortion(side, side, seed: 2, DistortionRanges.Elastic);
        distortion.Apply(image, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) distortion.Apply(image, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ABorderedLookupReadsTheEdgesAsBackground()
    {
        // A white image moved half a pixel right and down: the first row and column blend with the background outside.
        var white = Enumerable.Repeat((byte)255, 6 * 6).ToArray();
        byte[] moved = Distortions.Translate(white, 6, 6, 0.5, 0.5);
        Assert.Equal(64, moved[0]);           // a quarter of the four neighbours is inside: 63.75, rounded
        Assert.Equal(128, moved[1]);          // half: 127.5, rounded up
        Assert.Equal(255, moved[6 + 1]);      // all four inside
        Assert.Equal(128, moved[5 * 6]);      // the left edge's last row: half inside
    }

    [Fact]
    public void NegativeStrengthIsRefused() =>
        Assert.Throws<ArgumentException>(() => new RandomDistortion(Side, Side, 1, DistortionRanges.Elastic with { ElasticAlpha = -1 }));
}
