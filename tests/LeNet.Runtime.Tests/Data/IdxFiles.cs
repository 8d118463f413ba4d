using System.Buffers.Binary;
using System.IO.Compression;

namespace LeNet.Runtime.Tests.Data;

/// <summary>Builds small IDX files, well-formed or broken on purpose.</summary>
internal static class IdxFiles
{
    public const int LabelsMagic = 0x0801;
    public const int ImagesMagic = 0x0803;

    /// <summary>A big-endian header: the magic number, then one size per dimension.</summary>
    public static byte[] Header(int magic, params int[] sizes)
    {
        var header = new byte[4 + 4 * sizes.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int d = 0; d < sizes.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), sizes[d]);
        return header;
    }

    public static byte[] Labels(params byte[] labels) => [.. Header(LabelsMagic, labels.Length), .. labels];

    /// <summary>Images whose pixel i of image k is (k * 31 + i * 7) mod 256, so every image differs.</summary>
    public static byte[] Images(int count, int rows, int columns) =>
        [.. Header(ImagesMagic, count, rows, columns), .. Pixels(count, rows, columns)];

    public static byte[] Pixels(int count, int rows, int columns) =>
        Enumerable.Range(0, count * rows * columns).Select(i => (byte)((i / (rows * columns) * 31 + i * 7) % 256)).ToArray();

    public static string Write(string path, byte[] content, bool gzip = false)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, content);
            return path;
        }
        using var file = File.Create(path);
        using var compressed = new GZipStream(file, CompressionLevel.Fastest);
        compressed.Write(content);
        return path;
    }

    /// <summary>Writes the four MNIST files (count train and count test images of 28x28) into <paramref name="folder"/>.</summary>
    public static void WriteMnistFolder(string folder, int trainCount, int testCount, Func<string, string>? rename = null, bool gzip = false)
    {
        rename ??= name => name;
        Write(Path.Combine(folder, rename("train-images-idx3-ubyte")), Images(trainCount, 28, 28), gzip);
        Write(Path.Combine(folder, rename("train-labels-idx1-ubyte")), Labels(Enumerable.Range(0, trainCount).Select(i => (byte)(i % 10)).ToArray()), gzip);
        Write(Path.Combine(folder, rename("t10k-images-idx3-ubyte")), Images(testCount, 28, 28), gzip);
        Write(Path.Combine(folder, rename("t10k-labels-idx1-ubyte")), Labels(Enumerable.Range(0, testCount).Select(i => (byte)(9 - i % 10)).ToArray()), gzip);
    }
}
