using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Pages;

/// <summary>
/// Finds a handwritten field on a whole page (the zip code on an envelope, the courtesy amount on a
/// cheque) and reads it: the paper's space-displacement network in two dimensions (section VII.D).
/// The page is straightened and its contrast normalised (<see cref="PageInk"/>); an image pyramid
/// (<see cref="PageReaderOptions.Scales"/>) brings handwriting of any size to MNIST scale on one of its
/// levels; the detector's field network, replicated over each level (<see cref="PlaneScorer"/>), says
/// where a line of handwriting is centred; confident positions are grouped into candidate lines
/// (<see cref="CandidateFinder"/>); the best are cut into strips and read under the field's grammar
/// (<see cref="Grammar"/>) by the string reader; the field is the candidate with the best
/// detection score times reading confidence. Not thread-safe: one reader per thread.
/// </summary>
/// <param name="detector">Runs the detector over a level.</param>
/// <param name="reader">Reads a candidate's strip.</param>
/// <param name="options">Scales, thresholds; null for <see cref="PageReaderOptions.Default"/>.</param>
public sealed class PageReader(PlaneScorer detector, StripReader reader, PageReaderOptions? options = null)
{
    /// <summary>Columns added on each side of a line's first and last position centres when it is cut into a strip.</summary>
    public const int StripMargin = 24;

    /// <summary>Digits in a zip code.</summary>
    public const int ZipDigits = 5;

    /// <summary>Fewest and most digits a courtesy amount is read with, while it is read as digits.</summary>
    public const int AmountMinDigits = 1, AmountMaxDigits = 8;

    /// <summary>The grammar the field of a page of kind <paramref name="kind"/> is read under.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public static DecoderOptions Grammar(PageKind kind) => kind switch
    {
        PageKind.Envelope => DecoderOptions.Exactly(ZipDigits),
        PageKind.Cheque => DecoderOptions.Between(AmountMinDigits, AmountMaxDigits),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a page kind."),
    };

    /// <summary>The options in use.</summary>
    public PageReaderOptions Options { get; } = Validated(options ?? PageReaderOptions.Default);

    private static PageReaderOptions Validated(PageReaderOptions options)
    {
        options.Validate();
        return options;
    }

    /// <summary>Finds the field of kind <paramref name="kind"/> on <paramref name="page"/> and reads it.</summary>
    public PageReading Find(GreyImage page, PageKind kind)
    {
        ArgumentNullException.ThrowIfNull(page);
        DecoderOptions grammar = Grammar(kind);
        Profile?.Start();
        PageInk ink = PageInk.Prepare(page, Options.Deskew);
        Profile?.Lap("prepare and deskew");
        PageLevel[] levels = [.. Options.Scales.Select(scale => PageLevel.Of(ink, scale))];
        Profile?.Lap("pyramid");
        IReadOnlyList<DetectionPlane> planes = detector.Score(levels);
        Profile?.Lap("detector");
        IReadOnlyList<FieldCandidate> found = CandidateFinder.Find(planes, Options.Threshold);
        Profile?.Lap("candidates");
        var candidates = new List<FieldCandidate>(found.Count);
        FieldCandidate? chosen = null;
        for (int i = 0; i < found.Count; i++)
        {
            FieldCandidate candidate = found[i];
            if (i < Options.MaxReadings && Read(ink, candidate, grammar) is StringReading reading)
            {
                candidate = candidate with { Reading = reading };
                if (chosen is null || candidate.Confidence > chosen.Confidence) chosen = candidate;
            }
            candidates.Add(candidate);
        }
        var answer = new PageReading(kind, planes, candidates, chosen, ink.SkewDegrees, Options.Reject) { Box = chosen is null ? null : OnPage(ink, chosen.Box) };
        Profile?.Lap("choice");
        return answer;
    }

    /// <summary>Times the stages of <see cref="Find"/> while set.</summary>
    internal PageProfile? Profile { get; set; }

    /// <summary>
    /// Reads <paramref name="candidate"/>: a strip cut from the page scaled so the line's ink is a string's at
    /// MNIST scale (<see cref="StripPicture.InkHeight"/> rows), its rows centred on the line; null when no
    /// string of the grammar fits it.
    /// </summary>
    private StringReading? Read(PageInk ink, FieldCandidate candidate, DecoderOptions grammar)
    {
        double scale = Math.Min(2, candidate.Scale * StripPicture.InkHeight / PageWindows.InkHeight), ratio = scale / candidate.Scale;
        double first = candidate.Left * ratio, last = candidate.Right * ratio, centreRow = candidate.CentreRow * ratio;
        int needed = (int)Math.Ceiling(last - first) + StripGeometry.Field + 2 * StripMargin;
        int width = Math.Max(reader.Width, StripGeometry.Field + (Math.Max(0, needed - StripGeometry.Field) + StripGeometry.Step - 1) / StripGeometry.Step * StripGeometry.Step);
        if (width > StripReader.MaxWidth) return null;
        int left = (int)Math.Round((first + last) / 2 - width / 2.0);
        byte[] strip = PageLevel.Strip(ink, scale, left, (int)Math.Round(centreRow - StripGeometry.CentreRow), width);
        Profile?.Lap("strip cut");
        try
        {
            return reader.Read(strip, width, grammar);
        }
        catch (ArgumentException)
        {
            return null; // no string of the grammar fits a strip this short
        }
        finally
        {
            Profile?.Lap("strip read and decode");
        }
    }

    /// <summary>A box of the straightened page on the page as given: its centre mapped back, its size kept.</summary>
    private static PageBox OnPage(PageInk ink, PageBox box)
    {
        (double x, double y) = ink.ToPage(box.X + box.Width / 2, box.Y + box.Height / 2);
        return box with { X = x - box.Width / 2, Y = y - box.Height / 2 };
    }
}
