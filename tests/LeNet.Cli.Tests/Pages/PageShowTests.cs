using LeNet.Cli.Visualization;
using LeNet.Models;
using LeNet.Pages;
using SkiaSharp;

namespace LeNet.Cli.Tests.Pages;

/// <summary>The picture <c>lenet show</c> draws for a page detector: the page with what the reader found on it.</summary>
public sealed class PageShowTests
{
    [Theory]
    [InlineData(PageKind.Envelope)]
    [InlineData(PageKind.Cheque)]
    public void A_page_is_drawn_at_its_size_with_a_heat_map_and_boxes_under_a_title(PageKind kind)
    {
        // A detector with seeded random parameters finds nonsense, but searches the whole page.
        PageReader pretrained = PageReaders.Pretrained();
        PageReader reader = PageReaders.For(new LeNet5Locator(), TestSupport.RandomParameters(LeNet5Locator.Description, 3),
            pretrained.Reader(PageKind.Envelope), pretrained.Reader(PageKind.Cheque));
        GreyImage page = LeNet.Imaging.ImageFile.Read(Path.Combine(PagePhotoFixtureTests.Folder(kind), "page-00000.jpg"));
        PageReading reading = reader.Find(page, kind);
        using SKBitmap picture = TestSupport.DecodePng(PageSheet.Render(page, reading, "title"));
        Assert.Equal(page.Width, picture.Width);
        Assert.True(picture.Height > page.Height, "a title line sits above the page");
        // Grey pixels are the page; coloured ones are the heat map and the boxes.
        int coloured = picture.Pixels.Count(p => Math.Abs(p.Red - p.Green) > 40);
        Assert.True(reading.Planes.Count > 0);
        Assert.True(coloured > 0 == (reading.Candidates.Count > 0 || reading.Planes.Any(p => p.Plane(LocatorAnswers.Handwriting).ToArray().Any(v => v >= 0.05f))),
            $"{coloured} coloured pixels for {reading.Candidates.Count} candidates");
    }

    [Fact]
    public void A_labelled_field_is_framed_in_blue_and_a_narrower_picture_scales_the_page_and_wraps_the_title()
    {
        GreyImage page = LeNet.Imaging.ImageFile.Read(Path.Combine(PagePhotoFixtureTests.Folder(PageKind.Envelope), "page-00000.jpg"));
        PageReading nothing = new(PageKind.Envelope, [], [], null, 0, 0);
        static int Blue(SKBitmap picture) => picture.Pixels.Count(p => p.Blue > 180 && p.Red < 80 && p.Green < 120);
        string title = string.Join(" · ", Enumerable.Repeat("a part of a long title", 8));

        using SKBitmap plain = TestSupport.DecodePng(PageSheet.Render(page, nothing, "title"));
        using SKBitmap framed = TestSupport.DecodePng(PageSheet.Render(page, nothing, "title", new PageBox(100, 100, 200, 50)));
        using SKBitmap narrow = TestSupport.DecodePng(PageSheet.Render(page, nothing, title, new PageBox(100, 100, 200, 50), width: page.Width / 2));

        Assert.Equal(0, Blue(plain));
        // The frame goes round the box, a few pixels out: about 2 x (206 + 56) pixels, two wide.
        Assert.InRange(Blue(framed), 2 * 2 * (206 + 56) * 0.7, 2 * 2 * (206 + 56) * 1.3);
        Assert.Equal(page.Width / 2, narrow.Width);
        int pageRows = (int)Math.Round(page.Height * (page.Width / 2) / (double)page.Width);
        Assert.True(narrow.Height - pageRows > plain.Height - page.Height, "the long title takes more than one line");
        Assert.InRange(Blue(narrow), 0.3 * Blue(framed), 0.7 * Blue(framed));
    }
}
