using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LeNet.Cli.Commands;
using LeNet.Data;

namespace LeNet.Cli.Tests.Figures;

/// <summary>Small data for the figure tests: synthetic digit sets, IDX folders, history files, temporary folders.</summary>
internal static class FigureFixtures
{
    private const int ImagesMagic = 0x0803, LabelsMagic = 0x0801;
    private static readonly int[] Shifts = [0, -2, 2, -1];

    /// <summary><paramref name="count"/> synthetic digits 0, 1, ..., 9, 0, ... each shifted a little differently.</summary>
    public static LabelledImages Digits(int count, string name = "synthetic")
    {
        var pixels = new List<byte>();
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
            int shift = Shifts[i / 10 % Shifts.Length];
            pixels.AddRange(TestSupport.SyntheticDigit(labels[i], shift, -shift));
        }
        return new LabelledImages(name, TestSupport.DigitSide, TestSupport.DigitSide, [.. pixels], labels);
    }

    /// <summary>Writes <paramref name="train"/> and <paramref name="test"/> as MNIST's four plain IDX files into <paramref name="folder"/>.</summary>
    public static void WriteIdxFolder(string folder, LabelledImages train, LabelledImages test)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, Mnist.TrainImagesFile), Images(train));
        File.WriteAllBytes(Path.Combine(folder, Mnist.TrainLabelsFile), Labels(train));
        File.WriteAllBytes(Path.Combine(folder, Mnist.TestImagesFile), Images(test));
        File.WriteAllBytes(Path.Combine(folder, Mnist.TestLabelsFile), Labels(test));
    }

    private static byte[] Images(LabelledImages set) => [.. Header(ImagesMagic, set.Count, set.Rows, set.Columns), .. set.Pixels];
    private static byte[] Labels(LabelledImages set) => [.. Header(LabelsMagic, set.Count), .. set.Labels];

    private static byte[] Header(int magic, params int[] sizes)
    {
        var header = new byte[4 + 4 * sizes.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int d = 0; d < sizes.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), sizes[d]);
        return header;
    }

    /// <summary>
    /// A history like the paper's Figure 5 over <paramref name="passes"/> passes: training error falling
    /// from about 10% towards 0.3%, test error from about 5% towards 1%, in <see cref="TrainingHistory"/>'s format.
    /// </summary>
    public static string HistoryText(int passes)
    {
        var text = new StringBuilder(TrainingHistory.UnvalidatedHeader).Append('\n');
        for (int pass = 1; pass <= passes; pass++)
        {
            double train = 0.003 + 0.1 * Math.Exp(-(pass - 1) / 2.5), test = 0.0095 + 0.04 * Math.Exp(-(pass - 1) / 2.0);
            text.Append(CultureInfo.InvariantCulture, $"{pass},{train * 3},{1 - train},{train},{test * 3},{1 - test},{test},0.0005,60.5\n");
        }
        return text.ToString();
    }

    /// <summary>The rows <see cref="HistoryText"/> describes.</summary>
    public static IReadOnlyList<TrainingHistoryRow> History(int passes) =>
        TrainingHistoryFile.Parse("test history", HistoryText(passes).Split('\n'));
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lenet-figures-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a stray temp folder is harmless */ }
    }
}
