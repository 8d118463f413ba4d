using LeNet.Data;
using LeNet.Pages;
using LeNet.Training;

namespace LeNet.Cli.Pages;

/// <summary>A synthesized page: its picture and its label without a file name.</summary>
/// <param name="Picture">The encoded picture and the field's box in it.</param>
/// <param name="Kind">Envelope or cheque.</param>
/// <param name="Text">The handwritten field's text.</param>
internal sealed record SynthesizedPage(PagePicture Picture, PageKind Kind, string Text)
{
    /// <summary>The labels file's line for this page, saved as <paramref name="file"/>.</summary>
    public PageLabel Label(string file) => new(file, Kind, Text, Picture.Field.Left, Picture.Field.Top, Picture.Field.Width, Picture.Field.Height);
}

/// <summary>
/// Synthesizes envelopes (a handwritten zip code, <see cref="EnvelopeLayout"/>) or cheques (a handwritten
/// courtesy amount, <see cref="ChequeLayout"/>) from a set of digits, scanned or photographed
/// (<see cref="PageCamera"/>). Page i of seed s depends only on (s, i), the kind, the camera and the digits.
/// </summary>
internal sealed class PageSynthesizer
{
    private readonly PageKind _kind;
    private readonly ZipHandwriting? _zips;
    private readonly AmountHandwriting? _amounts;

    /// <summary>A synthesizer of <paramref name="kind"/> pages writing with <paramref name="digits"/>.</summary>
    /// <exception cref="ArgumentException">The digits are not 28x28 images of every digit 0-9.</exception>
    public PageSynthesizer(PageKind kind, LabelledImages digits)
    {
        _kind = kind;
        if (kind == PageKind.Envelope) _zips = new ZipHandwriting(digits);
        else _amounts = new AmountHandwriting(digits);
    }

    /// <summary>Page <paramref name="index"/> of series <paramref name="seed"/>, scanned, or photographed when <paramref name="photo"/>.</summary>
    public SynthesizedPage Compose(int seed, int index, bool photo)
    {
        var random = new Random(SampleSeeds.ForStream(seed, index));
        using FlatPage page = _kind == PageKind.Envelope ? Envelope(random) : Cheque(random);
        PagePicture picture = photo ? PageCamera.Photo(page, random) : PageCamera.Scan(page, random);
        return new SynthesizedPage(picture, _kind, page.Text);
    }

    private FlatPage Envelope(Random random) => EnvelopeLayout.Draw(random, _zips!.Compose(random.Next(), 0));

    private FlatPage Cheque(Random random)
    {
        string amount = AmountHandwriting.Amount(random);
        int stars = random.Chance(0.25) ? random.Next(1, 4) : 0;
        return ChequeLayout.Draw(random, _amounts!.Compose(amount, stars, random), amount);
    }
}
