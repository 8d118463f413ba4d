using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class InputEncoderTests
{
    [Fact]
    public void Maps_levels_to_the_papers_range_and_centres_28_in_32()
    {
        var encoder = new InputEncoder(new Shape(1, 32, 32), 28, 28);
        var image = new byte[28 * 28];
        image[0] = 255;                 // top-left pixel of the image
        image[27 * 28 + 27] = 255;      // bottom-right
        image[14 * 28 + 3] = 51;        // one fifth of full ink
        var input = new float[encoder.InputSize];

        encoder.Encode(image, input);

        Assert.Equal(32 * 32, encoder.InputSize);
        Assert.Equal(1.175f, input[2 * 32 + 2], 1e-6f);
        Assert.Equal(1.175f, input[29 * 32 + 29], 1e-6f);
        Assert.Equal(-0.1f + 1.275f / 5, input[16 * 32 + 5], 1e-6f);
        Assert.Equal(-0.1f, input[3 * 32 + 3], 1e-6f);
        for (int i = 0; i < 32; i++)
        {
            // The 2-pixel border is background everywhere.
            foreach (int border in new[] { 0, 1, 30, 31 })
            {
                Assert.Equal(-0.1f, input[border * 32 + i]);
                Assert.Equal(-0.1f, input[i * 32 + border]);
            }
        }
    }

    [Theory]
    [InlineData(32, 32)]
    [InlineData(28, 28)]
    [InlineData(32, 128)]
    [InlineData(5, 37)]
    public void Every_level_encodes_the_same_wherever_it_lies_in_a_row(int rows, int columns)
    {
        // Rows are encoded 16 pixels at a time where vectors allow, the rest pixel by pixel: both give one level per byte.
        var encoder = new InputEncoder(new Shape(1, rows, columns), rows, columns);
        var image = new byte[rows * columns];
        for (int i = 0; i < image.Length; i++) image[i] = (byte)(i * 7 % 256);
        var input = new float[encoder.InputSize];

        encoder.Encode(image, input);

        for (int i = 0; i < image.Length; i++)
            Assert.Equal(InputEncoder.Background + (InputEncoder.Ink - InputEncoder.Background) * image[i] / 255f, input[i]);
    }

    [Fact]
    public void Rejects_images_larger_than_the_input()
    {
        Assert.Throws<ArgumentException>(() => new InputEncoder(new Shape(1, 28, 28), 32, 32));
        Assert.Throws<ArgumentException>(() => new InputEncoder(new Shape(3, 32, 32), 28, 28));
    }
}
