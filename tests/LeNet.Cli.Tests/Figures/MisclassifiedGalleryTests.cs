using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Training;
using SkiaSharp;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Figures;

public sealed class MisclassifiedGalleryTests(ITestOutputHelper output)
{
    private const int Scale = 2, PerRow = 12;

    /// <summary>Every digit of <paramref name="images"/> "mistaken" for the next class.</summary>
    private static Misclassification[] AllWrong(LabelledImages images) =>
        [.. Enumerable.Range(0, images.Count).Select(i => new Misclassification(i, images.Labels[i], (images.Labels[i] + 1) % 10))];

    [Fact]
    public void Title_counts_the_errors_like_the_paper()
    {
        Assert.Equal("82 errors of 10,000", MisclassifiedGallery.Title(null, 82, 10000));
        Assert.Equal("lenet5-paper: 1 error of 10,000", MisclassifiedGallery.Title("lenet5-paper", 1, 10000));
        Assert.Equal("4→6", MisclassifiedGallery.Caption(new Misclassification(247, 4, 6)));
        Assert.Equal("+8,880 more not shown", MisclassifiedGallery.MoreNote(8880));
    }

    [Fact]
    public void Gallery_wraps_at_the_row_length_and_draws_the_digits_dark_on_white()
    {
        LabelledImages images = FigureFixtures.Digits(30);
        byte[] png = MisclassifiedGallery.Render(images, AllWrong(images), "test", perRow: PerRow, scale: Scale);
        string path = Path.Combine(TestSupport.OutputFolder, "misclassified.png");
        File.WriteAllBytes(path, png);
        output.WriteLine($"gallery: {path}");

        using SKBitmap bitmap = TestSupport.DecodePng(png);
        const int margin = 20, gap = 14, side = TestSupport.DigitSide * Scale;
        Assert.Equal(2 * margin + PerRow * side + (PerRow - 1) * gap, bitmap.Width);
        Assert.Contains(Palette.Wrong, bitmap.Pixels); // the predicted classes
        Assert.Contains(SKColors.Black, bitmap.Pixels); // full ink, inverted
        Assert.Contains(SKColors.White, bitmap.Pixels); // background of a digit
        Assert.True(TestSupport.DistinctColours(bitmap) > 20, "the gallery looks blank");

        // Thirty digits make three rows, twelve make one: two more rows of cells.
        using SKBitmap oneRow = TestSupport.DecodePng(MisclassifiedGallery.Render(images, AllWrong(images)[..PerRow], "test", perRow: PerRow, scale: Scale));
        Assert.Equal(bitmap.Width, oneRow.Width);
        Assert.InRange(bitmap.Height - oneRow.Height, 2 * side, 2 * (side + 50));
    }

    [Fact]
    public void A_capped_gallery_draws_the_first_by_index_and_counts_the_rest()
    {
        LabelledImages images = FigureFixtures.Digits(30);
        Misclassification[] mistakes = AllWrong(images);
        byte[] capped = MisclassifiedGallery.Render(images, mistakes.Reverse().ToArray(), maximum: 5, scale: Scale);
        byte[] firstFive = MisclassifiedGallery.Render(images, mistakes[..5], maximum: 5, scale: Scale);

        using SKBitmap cappedBitmap = TestSupport.DecodePng(capped), firstBitmap = TestSupport.DecodePng(firstFive);
        Assert.Equal(firstBitmap.Width, cappedBitmap.Width); // five cells, sorted back into index order
        Assert.True(cappedBitmap.Height > firstBitmap.Height, "the '+25 more' line is missing");
    }

    [Fact]
    public void No_mistakes_still_makes_a_picture_with_the_count()
    {
        using SKBitmap bitmap = TestSupport.DecodePng(MisclassifiedGallery.Render(FigureFixtures.Digits(10), []));
        Assert.InRange(bitmap.Height, 40, 120);
        Assert.True(TestSupport.DistinctColours(bitmap) > 2, "the title is missing");
    }

    [Fact]
    public void Mistakes_from_another_set_are_refused()
    {
        LabelledImages images = FigureFixtures.Digits(10);
        var outside = Assert.Throws<ArgumentException>(() => MisclassifiedGallery.Render(images, [new Misclassification(10, 0, 1)]));
        Assert.Contains("sample 10", outside.Message);
        var wrongLabel = Assert.Throws<ArgumentException>(() => MisclassifiedGallery.Render(images, [new Misclassification(3, 5, 1)]));
        Assert.Contains("labels it 3", wrongLabel.Message);
    }
}
