using LeNet.Data;
using LeNet.Pages;

namespace LeNet.Cli.Tests.Pages;

/// <summary>The labels file of a set of pages: written and read back, quoted fields, and every fault named with its line.</summary>
public sealed class PageLabelsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-page-labels-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly PageLabel[] Labels =
    [
        new("page-00000.png", PageKind.Envelope, "75093", 412, 230, 96, 31),
        new("page-00001.png", PageKind.Cheque, "1,234.56", 640, 118, 170, 40),
        new("odd \"name\".png", PageKind.Cheque, "*87.05", 0, 0, 1, 1),
    ];

    [Fact]
    public void Labels_written_are_read_back_equal_with_commas_and_quotes_quoted()
    {
        string path = Path.Combine(_folder, PageLabels.FileName);
        PageLabels.Write(path, Labels, ["a set of three pages"]);
        string text = File.ReadAllText(path);
        Assert.StartsWith("# a set of three pages\n" + PageLabels.Header + "\n", text);
        Assert.Contains("page-00001.png,cheque,\"1,234.56\",640,118,170,40\n", text);
        Assert.Contains("\"odd \"\"name\"\".png\",cheque,*87.05,0,0,1,1\n", text);
        Assert.Equal(Labels, PageLabels.Read(path));
    }

    [Fact]
    public void Windows_line_ends_blank_lines_and_a_byte_order_mark_are_accepted()
    {
        string text = "\uFEFF# comment\r\n" + PageLabels.Header + "\r\n\r\npage-00000.png,envelope,75093,412,230,96,31\r\n";
        Assert.Equal([Labels[0]], PageLabels.Parse(text, "x.csv"));
    }

    [Theory]
    [InlineData("page.png,envelope,75093,1,2,3", "line 3: expected 7 comma-separated fields")]
    [InlineData("page.png,letter,75093,1,2,3,4", "line 3: kind 'letter' is neither 'envelope' nor 'cheque'")]
    [InlineData("page.png,envelope,75093,-1,2,3,4", "line 3: x '-1' is not a whole number of pixels")]
    [InlineData("page.png,envelope,75093,1,2,3.5,4", "line 3: width '3.5' is not a whole number of pixels")]
    [InlineData("page.png,envelope,75093,1,2,0,4", "line 3: the box 0x4 is empty")]
    [InlineData("page.png,envelope,,1,2,3,4", "line 3: the field's text is empty")]
    [InlineData("../page.png,envelope,75093,1,2,3,4", "line 3: '../page.png' is not a file name in the folder")]
    [InlineData("page.png,cheque,\"1,234.56,1,2,3,4", "line 3: field 3 opens a quote that is never closed")]
    [InlineData("page.png,cheque,\"1,234\".56,1,2,3,4", "line 3: field 3 has text after its closing quote")]
    [InlineData("page.png,cheque,1\"234,1,2,3,4", "line 3: field 3 holds a quote but is not quoted")]
    [InlineData("page.png,envelope,1,1,2,3,4\npage.png,envelope,2,1,2,3,4", "line 4: 'page.png' is listed already on line 3")]
    public void A_bad_line_is_named_with_its_number_and_fault(string lines, string message)
    {
        var error = Assert.Throws<DataFormatException>(() => PageLabels.Parse($"# set\n{PageLabels.Header}\n{lines}\n", "set.csv"));
        Assert.StartsWith($"set.csv: {message}", error.Message);
        Assert.Equal("set.csv", error.FilePath);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_header_or_an_empty_list_is_refused()
    {
        Assert.Equal("a.csv: line 1: expected the header 'file,kind,text,x,y,width,height', found 'file,digits,centres'.",
            Assert.Throws<DataFormatException>(() => PageLabels.Parse("file,digits,centres\n", "a.csv")).Message);
        Assert.Equal("a.csv: lists no pages.", Assert.Throws<DataFormatException>(() => PageLabels.Parse(PageLabels.Header + "\n", "a.csv")).Message);
        Assert.Equal($"a.csv: has no header line '{PageLabels.Header}'.", Assert.Throws<DataFormatException>(() => PageLabels.Parse("# only\n", "a.csv")).Message);
    }

    [Fact]
    public void Files_that_are_missing_empty_folders_or_not_text_are_refused_by_name()
    {
        string missing = Path.Combine(_folder, "missing.csv");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => PageLabels.Read(missing)).Message);
        string empty = Path.Combine(_folder, "empty.csv");
        File.WriteAllBytes(empty, []);
        Assert.StartsWith($"{empty}: is empty", Assert.Throws<DataFormatException>(() => PageLabels.Read(empty)).Message);
        Assert.StartsWith($"{_folder}: is a folder", Assert.Throws<DataFormatException>(() => PageLabels.Read(_folder)).Message);
        string binary = Path.Combine(_folder, "binary.csv");
        File.WriteAllBytes(binary, [0xFF, 0xFE, 0x00, 0x81]);
        Assert.Equal($"{binary}: is not UTF-8 text.", Assert.Throws<DataFormatException>(() => PageLabels.Read(binary)).Message);
    }

    [Fact]
    public void Labels_that_could_not_be_read_back_are_not_written()
    {
        Assert.Throws<ArgumentException>(() => PageLabels.Format([Labels[0] with { Text = "75\n093" }], []));
        Assert.Throws<ArgumentException>(() => PageLabels.Format([Labels[0] with { File = "sub/page.png" }], []));
        Assert.Throws<ArgumentException>(() => PageLabels.Format([Labels[0] with { Height = 0 }], []));
        Assert.Throws<ArgumentException>(() => PageLabels.Format(Labels, ["two\nlines"]));
    }
}

/// <summary>The photographed pages kept as fixtures (tests/LeNet.Cli.Tests/Fixtures/Pages, written by <c>lenet envelopes --photo</c> and <c>lenet cheques --photo</c>): listed, readable, boxed inside their pictures.</summary>
public sealed class PagePhotoFixtureTests
{
    /// <summary>The fixture folder of <paramref name="kind"/>'s photographs.</summary>
    internal static string Folder(PageKind kind) =>
        Path.Combine(Web.DemoPageTests.RepositoryRoot(), "tests", "LeNet.Cli.Tests", "Fixtures", "Pages", kind == PageKind.Envelope ? "Envelopes" : "Cheques");

    [Theory]
    [InlineData(PageKind.Envelope)]
    [InlineData(PageKind.Cheque)]
    public void Every_listed_photo_is_there_of_its_kind_with_its_box_inside(PageKind kind)
    {
        string folder = Folder(kind);
        IReadOnlyList<PageLabel> labels = PageLabels.Read(Path.Combine(folder, PageLabels.FileName));
        Assert.Equal(3, labels.Count);
        foreach (PageLabel label in labels)
        {
            Assert.Equal(kind, label.Kind);
            GreyImage picture = LeNet.Imaging.ImageFile.Read(Path.Combine(folder, label.File));
            Assert.InRange(label.X + label.Width, 1, picture.Width);
            Assert.InRange(label.Y + label.Height, 1, picture.Height);
        }
        Assert.Equal(labels.Count + 1, Directory.GetFiles(folder).Length);
    }
}
