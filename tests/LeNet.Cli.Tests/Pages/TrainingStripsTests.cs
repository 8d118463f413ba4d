using LeNet.Cli.Pages;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Pages;

namespace LeNet.Cli.Tests.Pages;

/// <summary><see cref="PageReader.TrainingStrips"/>: a found field's cuts as a reader's strips, labelled with the field's text.</summary>
public sealed class TrainingStripsTests
{
    private static readonly LabelledImages Digits = Mnist.Load(MnistDownloader.EnsureMnist()).Train;

    [Theory]
    [InlineData(PageKind.Envelope, 128)]
    [InlineData(PageKind.Cheque, AmountStrips.Width)]
    public void A_fields_cuts_are_strips_of_the_readers_width_labelled_with_its_text(PageKind kind, int width)
    {
        PageReader reader = PageReaders.Pretrained();
        var synthesizer = new PageSynthesizer(kind, Digits);
        int strips = 0;
        for (int i = 0; i < 3; i++)
        {
            SynthesizedPage page = synthesizer.Compose(5, i, photo: false);
            GreyImage picture = ImageFile.Decode(page.Picture.Bytes, "page");
            PageLabel label = page.Label("");
            var field = new PageBox(label.X, label.Y, label.Width, label.Height);
            IReadOnlyList<HandwrittenText> cuts = reader.TrainingStrips(picture, field, page.Text, width);
            Assert.All(cuts, c => Assert.Equal((width, page.Text, StripGeometry.Height * width), (c.Width, c.Text, c.Pixels.Length)));
            Assert.All(cuts, c => Assert.Contains(c.Pixels, p => p > 128));
            strips += cuts.Count;
        }
        Assert.True(strips >= 3, $"{strips} strips from 3 pages");
        Assert.Throws<ArgumentException>(() => reader.TrainingStrips(GreyImage.FromBytes(new byte[64 * 64], 64, 64), new PageBox(0, 0, 10, 10), "1", 101));
    }
}
