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
}
