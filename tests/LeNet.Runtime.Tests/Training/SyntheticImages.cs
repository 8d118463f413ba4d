using LeNet.Data;

namespace LeNet.Training.Tests;

/// <summary>
/// Generated 8x8 images of four easy classes, drawn at random positions over faint noise:
/// 0 a horizontal bar, 1 a vertical bar, 2 a diagonal, 3 an anti-diagonal.
/// </summary>
internal static class SyntheticImages
{
    public const int Classes = 4;
    private const int Side = TinyNetworks.Side;
    private const int BarLength = 6;
    private const int NoiseLevel = 40;
    private const byte Ink = 255;

    public static LabelledImages Make(int count, int seed, string name = "synthetic")
    {
        var random = new Random(seed);
        var pixels = new byte[count * Side * Side];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % Classes;
            labels[i] = (byte)label;
            Span<byte> image = pixels.AsSpan(i * Side * Side, Side * Side);
            for (int p = 0; p < image.Length; p++) image[p] = (byte)random.Next(NoiseLevel);
            int row = random.Next(Side - BarLength + 1), column = random.Next(Side - BarLength + 1);
            int fixedRow = random.Next(Side), fixedColumn = random.Next(Side);
            for (int k = 0; k < BarLength; k++)
            {
                (int y, int x) = label switch
                {
                    0 => (fixedRow, column + k),
                    1 => (row + k, fixedColumn),
                    2 => (row + k, column + k),
                    _ => (row + k, column + BarLength - 1 - k),
                };
                image[y * Side + x] = Ink;
            }
        }
        return new LabelledImages(name, Side, Side, pixels, labels, Classes);
    }

    /// <summary>
    /// <paramref name="count"/> images that fill <paramref name="network"/>'s one input map, pixels and
    /// labels uniform (labels over the output units): data for steps whose outcome is compared, not learnt.
    /// </summary>
    public static LabelledImages Uniform(NetworkDescription network, int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * network.Input.Height * network.Input.Width];
        random.NextBytes(pixels);
        var labels = new byte[count];
        for (int i = 0; i < labels.Length; i++) labels[i] = (byte)random.Next(network.Output.Size);
        return new LabelledImages("synthetic", network.Input.Height, network.Input.Width, pixels, labels, network.Output.Size);
    }
}
