using System.Text.RegularExpressions;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;
using LeNet.Cli.Tests.Commands;
using LeNet.Cli.Tests.Figures;
using LeNet.Data;
using LeNet.Files;
using LeNet.Imaging;
using LeNet.Pages;

namespace LeNet.Cli.Tests.Pages;

/// <summary><c>lenet envelopes</c> and <c>lenet cheques</c>: seeded sets, labels that say what is drawn, the digits each split takes, and mistakes as one line.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class PageSetCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-pages-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static string Mnist => MnistDownloader.EnsureMnist();

    private string Write(string command, string name, params string[] options)
    {
        string folder = PathOf(name);
        CliResult result = CliRunner.Run([command, "--out", folder, .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return folder;
    }

    [Theory]
    [InlineData("envelopes", false)]
    [InlineData("cheques", false)]
    [InlineData("cheques", true)]
    public void The_same_seed_writes_the_same_files_and_another_seed_other_ones(string command, bool photo)
    {
        string[] options = ["--count", "3", "--seed", "7", "--data", Mnist, .. photo ? (string[])["--photo"] : []];
        string first = Write(command, "first", options), second = Write(command, "second", options);
        string[] files = [.. Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(4, files.Length);
        Assert.Equal(files, Directory.GetFiles(second).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        string other = Write(command, "other", ["--count", "3", "--seed", "8", "--data", Mnist, .. photo ? (string[])["--photo"] : []]);
        Assert.NotEqual(PageLabels.Read(Path.Combine(first, PageLabels.FileName)), PageLabels.Read(Path.Combine(other, PageLabels.FileName)));
    }

    [Theory]
    [InlineData("envelopes", PageKind.Envelope, false)]
    [InlineData("envelopes", PageKind.Envelope, true)]
    [InlineData("cheques", PageKind.Cheque, false)]
    [InlineData("cheques", PageKind.Cheque, true)]
    public void Each_label_names_its_picture_the_fields_text_and_a_box_holding_dark_handwriting(string command, PageKind kind, bool photo)
    {
        string folder = Write(command, "set", ["--count", "6", "--seed", "3", "--data", Mnist, .. photo ? (string[])["--photo"] : []]);
        IReadOnlyList<PageLabel> labels = PageLabels.Read(Path.Combine(folder, PageLabels.FileName));
        Assert.Equal(6, labels.Count);
        Regex grammar = kind == PageKind.Envelope ? ZipCode() : Amount();
        for (int i = 0; i < labels.Count; i++)
        {
            PageLabel label = labels[i];
            Assert.Equal($"page-{i:00000}{(photo ? ".jpg" : ".png")}", label.File);
            Assert.Equal(kind, label.Kind);
            Assert.Matches(grammar, label.Text);
            GreyImage picture = ImageFile.Read(Path.Combine(folder, label.File));
            Assert.InRange(label.X + label.Width, 1, picture.Width);
            Assert.InRange(label.Y + label.Height, 1, picture.Height);
            // The box is the handwriting's: it holds ink well darker than the page's paper, and is about as high as a line of writing.
            float paper = Paper(picture, label);
            float darkest = 1, sum = 0;
            for (int y = label.Y; y < label.Y + label.Height; y++)
                for (int x = label.X; x < label.X + label.Width; x++)
                {
                    darkest = Math.Min(darkest, picture.Pixels[y * picture.Width + x]);
                    sum += picture.Pixels[y * picture.Width + x];
                }
            Assert.True(darkest < paper * 0.6f, $"{label}: the darkest pixel in the box is {darkest:0.00}, the paper {paper:0.00}.");
            Assert.True(sum / (label.Width * label.Height) < paper, $"{label}: the box is no darker than the paper.");
            Assert.InRange(label.Height, 8, picture.Height / 4);
            Assert.True(label.Width > label.Height, $"{label}: a line of {label.Text.Length} characters is wider than high.");
        }
    }

    [Fact]
    public void Each_split_writes_with_its_own_digits_only()
    {
        // Test digits are solid squares, training digits thin strokes: the zip's box is nearly all ink only when written with the test digits.
        string data = PathOf("data");
        FigureFixtures.WriteIdxFolder(data, Shapes("train", solid: false), Shapes("test", solid: true));
        double test = InkShare(Write("envelopes", "test", "--count", "4", "--data", data));
        double train = InkShare(Write("envelopes", "train", "--count", "4", "--split", "train", "--data", data));
        Assert.True(test > 0.6, $"written with the test digits, {test:P0} of the zip's box is ink");
        Assert.True(train < 0.3, $"written with the training digits, {train:P0} of the zip's box is ink");
        Assert.Contains("test digits", File.ReadAllText(PathOf("test/labels.csv")));
        Assert.Contains("training digits", File.ReadAllText(PathOf("train/labels.csv")));
    }

    [Fact]
    public void A_second_set_replaces_the_pages_of_the_first_and_leaves_other_files_alone()
    {
        string folder = Write("cheques", "set", "--count", "3", "--data", Mnist);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        Write("cheques", "set", "--count", "2", "--photo", "--data", Mnist);
        Assert.Equal(["labels.csv", "notes.txt", "page-00000.jpg", "page-00001.jpg"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(folder, "*" + AtomicFile.TemporaryExtension, SearchOption.AllDirectories));
        Assert.Equal(2, PageLabels.Read(Path.Combine(folder, PageLabels.FileName)).Count);
    }

    [Theory]
    [InlineData("envelopes", "--count", "0")]
    [InlineData("cheques", "--split", "validation")]
    [InlineData("envelopes", "--seed", "one")]
    [InlineData("cheques", "--photos")]
    public void Bad_options_exit_2_with_one_line(string command, string option, string? value = null)
    {
        CliResult result = CliRunner.Run([command, "--out", PathOf("set"), option, .. value is null ? (string[])[] : [value]]);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains(option, result.LastError);
        Assert.False(Directory.Exists(PathOf("set")));
    }

    [Fact]
    public void Missing_out_and_an_out_that_is_a_file_are_refused()
    {
        CliResult missing = CliRunner.Run("envelopes", "--count", "1");
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("--out", missing.LastError);
        string file = PathOf("file");
        File.WriteAllText(file, "not a folder");
        CliResult clash = CliRunner.Run("envelopes", "--out", file, "--count", "1", "--data", Mnist);
        Assert.NotEqual(ExitCodes.Success, clash.ExitCode);
        Assert.StartsWith($"lenet: {file}: cannot create the folder", clash.LastError);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Data_without_every_digit_is_refused_by_name()
    {
        string data = PathOf("data");
        LabelledImages ones = Shapes("test", solid: true);
        FigureFixtures.WriteIdxFolder(data, Shapes("train", solid: false), new LabelledImages("test", 28, 28, ones.Pixels[..(28 * 28 * 9)], ones.Labels[..9]));
        CliResult result = CliRunner.Run("cheques", "--out", PathOf("set"), "--count", "1", "--data", data);
        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("every digit 0-9", result.LastError);
    }

    /// <summary>The share of the zip boxes' pixels darker than halfway from the paper to black, over the set in <paramref name="folder"/>.</summary>
    private static double InkShare(string folder)
    {
        long ink = 0, all = 0;
        foreach (PageLabel label in PageLabels.Read(Path.Combine(folder, PageLabels.FileName)))
        {
            GreyImage picture = ImageFile.Read(Path.Combine(folder, label.File));
            float paper = Paper(picture, label);
            for (int y = label.Y; y < label.Y + label.Height; y++)
                for (int x = label.X; x < label.X + label.Width; x++, all++)
                    if (picture.Pixels[y * picture.Width + x] < paper / 2) ink++;
        }
        return (double)ink / all;
    }

    /// <summary>Ten images of each digit: a solid 20x20 square, or a one-pixel vertical stroke as high.</summary>
    private static LabelledImages Shapes(string name, bool solid)
    {
        const int side = 28, count = 100;
        var pixels = new byte[count * side * side];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
            for (int y = 4; y < 24; y++)
                for (int x = solid ? 4 : 14; x < (solid ? 24 : 15); x++)
                    pixels[i * side * side + y * side + x] = 255;
        }
        return new LabelledImages(name, side, side, pixels, labels);
    }

    /// <summary>The paper's grey around a label's box: the 80th percentile of the box and a margin of its height all round (print and ink are darker).</summary>
    private static float Paper(GreyImage picture, PageLabel label)
    {
        var values = new List<float>();
        int margin = label.Height;
        for (int y = Math.Max(0, label.Y - margin); y < Math.Min(picture.Height, label.Y + label.Height + margin); y++)
            for (int x = Math.Max(0, label.X - margin); x < Math.Min(picture.Width, label.X + label.Width + margin); x++)
                values.Add(picture.Pixels[y * picture.Width + x]);
        values.Sort();
        return values[values.Count * 4 / 5];
    }

    [GeneratedRegex(@"^[0-9]{5}$")]
    private static partial Regex ZipCode();

    [GeneratedRegex(@"^([0-9]+|[0-9]{1,3}(,[0-9]{3})+)\.[0-9]{2}$")]
    private static partial Regex Amount();
}
