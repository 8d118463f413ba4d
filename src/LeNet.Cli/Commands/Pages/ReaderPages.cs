using LeNet.Cli.Pages;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Pages;

namespace LeNet.Cli.Commands;

/// <summary>
/// What <c>lenet train --global N --global-pages P</c> adds to a string reader's global phase: the field cut from
/// P pages composed on the spot by the synthesizer of <c>lenet envelopes</c> or <c>lenet cheques</c> (the
/// handwriting from the training digits, a quarter of the pages photographed), as the pretrained page reader finds
/// and cuts it (<see cref="PageReader.TrainingStrips"/>), so that the reader learns fields as pages show them:
/// print touching the handwriting, a cheque's currency sign, blur, noise and the cut's own mistakes.
/// </summary>
internal static class ReaderPages
{
    /// <summary>The series the pages are composed in: apart from the detector's training pages and every test set's.</summary>
    public const int Seed = 3;

    /// <summary>
    /// The strips, <paramref name="stripWidth"/> columns wide, cut from <paramref name="count"/> pages of
    /// <paramref name="kind"/> written with <paramref name="digits"/>; the pages are composed and searched on every
    /// core, the strips kept in page order. Stops early, with what it has, when <paramref name="stop"/> is set.
    /// </summary>
    public static IReadOnlyList<HandwrittenText> Cut(PageKind kind, LabelledImages digits, int count, int stripWidth, CancellationToken stop)
    {
        var synthesizer = new PageSynthesizer(kind, digits);
        var strips = new IReadOnlyList<HandwrittenText>[count];
        int done = 0;
        using (var bar = new ProgressBar($"cutting the field from {PageLabels.Name(kind)}s", count, "pages"))
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            Parallel.For(0, count, options, () => PageReaders.Pretrained(), (i, state, reader) =>
            {
                if (stop.IsCancellationRequested)
                {
                    state.Stop();
                    return reader;
                }
                SynthesizedPage page = synthesizer.Compose(Seed, i, photo: i % 4 == 3);
                GreyImage picture = ImageFile.Decode(page.Picture.Bytes, $"page {i}");
                PageLabel label = page.Label("");
                strips[i] = reader.TrainingStrips(picture, new PageBox(label.X, label.Y, label.Width, label.Height), page.Text, stripWidth);
                int finished = Interlocked.Increment(ref done);
                if (finished % 10 == 0 || finished == count)
                    lock (bar) bar.Report(finished);
                return reader;
            }, _ => { });
        }
        return [.. strips.Where(s => s is not null).SelectMany(s => s)];
    }
}
