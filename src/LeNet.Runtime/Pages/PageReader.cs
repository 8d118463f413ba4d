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
/// (<see cref="CandidateFinder"/>); the best have their line's ink cut out a few ways and
/// read under the field's grammar (<see cref="Grammar"/>) by the kind's string reader; the field is the
/// candidate read with the best detection score times the reading's posterior to a small power
/// (<see cref="PageReaderOptions.ReadingWeight"/>) and, with a verifier (<see cref="FieldVerifier"/>), its verification
/// to another (<see cref="PageReaderOptions.VerifierWeight"/>); its confidence is the probability that the reading is right
/// (<see cref="ReadingConfidence"/>). Not thread-safe: one reader per thread.
/// </summary>
public sealed class PageReader
{
    private readonly PlaneScorer _detector;
    private readonly StripReader _zipReader, _amountReader;
    private readonly PageBuffers _buffers = new();

    /// <summary>A page reader finding fields with <paramref name="detector"/> and reading each kind's with its own reader.</summary>
    /// <param name="detector">Runs the detector over a level.</param>
    /// <param name="zipReader">Reads an envelope's zip code under <see cref="StringGrammar.Zip"/>: a digit reader (<c>lenet5-strings-wide-pages</c>).</param>
    /// <param name="amountReader">Reads a cheque's amount under <see cref="StringGrammar.Amount"/>: an amounts reader (<c>lenet5-amounts-wide-pages</c>).</param>
    /// <param name="options">Scales, thresholds; null for <see cref="PageReaderOptions.Default"/>.</param>
    /// <param name="verifier">Tells the handwritten field from print at the readers' size when the field is chosen (<c>lenet5-verifier</c>); null chooses without.</param>
    /// <exception cref="ArgumentException">A reader does not answer every character of its kind's grammar (its parameter named), or the options are invalid.</exception>
    public PageReader(PlaneScorer detector, StripReader zipReader, StripReader amountReader, PageReaderOptions? options = null, FieldVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(zipReader);
        ArgumentNullException.ThrowIfNull(amountReader);
        CheckAnswers(zipReader, PageKind.Envelope, nameof(zipReader));
        CheckAnswers(amountReader, PageKind.Cheque, nameof(amountReader));
        _detector = detector;
        _zipReader = zipReader;
        _amountReader = amountReader;
        options ??= PageReaderOptions.Default;
        options.Validate();
        Options = options;
        Verifier = verifier;
    }

    /// <summary>Fails when <paramref name="reader"/>'s network (run once on a blank strip) answers fewer characters than <paramref name="kind"/>'s grammar writes.</summary>
    private static void CheckAnswers(StripReader reader, PageKind kind, string parameter)
    {
        StringGrammar grammar = Grammar(kind);
        int characters = reader.Scorer.Score(new byte[Data.StripGeometry.Height * reader.Width]).Answers - 1;
        if (characters < grammar.Characters)
            throw new ArgumentException($"The {PageLabels.Name(kind)} reader answers {characters} characters and none; the {grammar} grammar writes {grammar.Characters}{(grammar.Characters > 10 ? ": it needs an amounts reader (lenet5-amounts)" : "")}.", parameter);
    }

    /// <summary>The grammar the field of a page of kind <paramref name="kind"/> is read under: a zip code or an amount.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public static StringGrammar Grammar(PageKind kind) => kind switch
    {
        PageKind.Envelope => StringGrammar.Zip,
        PageKind.Cheque => StringGrammar.Amount,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a page kind."),
    };

    /// <summary>The string reader of the field of a page of kind <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public StripReader Reader(PageKind kind) => kind switch
    {
        PageKind.Envelope => _zipReader,
        PageKind.Cheque => _amountReader,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a page kind."),
    };

    /// <summary>The options in use.</summary>
    public PageReaderOptions Options { get; }

    /// <summary>What tells the handwritten field from print when the field is chosen; null when nothing does.</summary>
    public FieldVerifier? Verifier { get; }

    /// <summary>Finds the field of kind <paramref name="kind"/> on <paramref name="page"/> and reads it.</summary>
    public PageReading Find(GreyImage page, PageKind kind)
    {
        ArgumentNullException.ThrowIfNull(page);
        StringGrammar grammar = Grammar(kind);
        Profile?.Start();
        PageInk ink = PageInk.Prepare(page, Options.Deskew, _buffers);
        Profile?.Lap("prepare and deskew");
        PageLevel[] levels = Pyramid(ink);
        Profile?.Lap("pyramid");
        IReadOnlyList<DetectionPlane> planes = _detector.Score(levels);
        Profile?.Lap("detector");
        IReadOnlyList<FieldCandidate> found = CandidateFinder.Find(planes, Options.Threshold);
        Profile?.Lap("candidates");
        var candidates = new List<FieldCandidate>(found.Count);
        var views = new List<GrammarReading>[Math.Min(found.Count, Options.MaxReadings)];
        FieldCandidate? chosen = null;
        int chosenAt = -1;
        for (int i = 0; i < found.Count; i++)
        {
            FieldCandidate candidate = found[i];
            if (i < Options.MaxReadings && Read(ink, candidate.Box, kind, grammar, views[i] = []) is ({ } reading, FieldCut cut, var verification))
            {
                candidate = candidate with { Reading = reading, InkBox = cut.Box, ReadBox = cut.ReadBox(reading, candidate.Box), Verification = verification };
                if (chosen is null || Rank(candidate) > Rank(chosen)) (chosen, chosenAt) = (candidate, i);
            }
            candidates.Add(candidate);
        }
        // The chosen line's views, every cut of it read and the line read again inside the box of its characters
        // (ReadInside says why), settle its string and its posterior (Settle).
        ConfidenceFeatures? features = null;
        if (chosen is not null)
        {
            List<GrammarReading> seen = views[chosenAt];
            if (chosen.ReadBox is PageBox readBox && ReadInside(ink, readBox, kind, grammar) is { } again) seen.Add(again);
            (GrammarReading settled, double posterior, bool disagree) = Settle(seen, kind, grammar);
            candidates[chosenAt] = chosen = chosen with { Reading = settled };
            features = Features(chosen, candidates, posterior, disagree);
        }
        var answer = new PageReading(kind, planes, candidates, chosen, ink.SkewDegrees, Options.Reject)
        {
            Box = chosen is null ? null : OnPage(ink, FieldBox(kind, chosen)),
            Features = features,
            Confidence = features is null ? 0 : Options.Confidence(kind).Probability(features),
        };
        Profile?.Lap("choice");
        return answer;
    }

    /// <summary>
    /// What a reader <paramref name="stripWidth"/> columns wide is shown of a field whose ink lies in
    /// <paramref name="field"/> on <paramref name="page"/> (as given): the cuts <see cref="Find"/> reads of every
    /// candidate line over the field (intersection over union <see cref="TrainingOverlap"/> or more), and all the ink
    /// in the field's box, each made into a strip as the reader prepares a picture
    /// (<see cref="StripPicture.Prepare"/>) and labelled <paramref name="text"/>. Cuts that leave out part of the
    /// field's width, or span more than <see cref="TrainingSpan"/> times it, or do not fit the strip at MNIST scale,
    /// are left out, so that every strip shows the whole label. Material to train a reader on fields as pages show
    /// them (<see cref="GlobalTrainer.Run"/>); never from the test digits.
    /// </summary>
    /// <exception cref="ArgumentException">The strip width is not a strip reader's (<see cref="StripGeometry.Positions"/>).</exception>
    public IReadOnlyList<HandwrittenText> TrainingStrips(GreyImage page, PageBox field, string text, int stripWidth)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(text);
        StripGeometry.Positions(stripWidth);
        PageInk ink = PageInk.Prepare(page, Options.Deskew, _buffers);
        PageBox box = ink.SkewDegrees != 0 ? ink.FromPage(field) : field;
        PageLevel[] levels = Pyramid(ink);
        var cuts = new List<FieldCut>();
        foreach (FieldCandidate candidate in CandidateFinder.Find(_detector.Score(levels), Options.Threshold))
            if (candidate.Box.IoU(box) >= TrainingOverlap) cuts.AddRange(FieldCut.Of(ink, candidate.Box));
        if (FieldCut.Inside(ink, box) is FieldCut inside) cuts.Add(inside);
        var strips = new List<HandwrittenText>(cuts.Count);
        foreach (FieldCut cut in cuts)
        {
            double covered = Math.Min(cut.Box.Right, box.Right) - Math.Max(cut.Box.X, box.X);
            if (covered < TrainingCover * box.Width || cut.Box.Width > TrainingSpan * box.Width) continue;
            // A cut where no ink stands out, a string too wide for the strip: nothing to learn from.
            if (StripPicture.TryPrepare(cut.Ink, cut.Width, cut.Height, stripWidth) is { ScaledDown: false } picture && picture.Width == stripWidth)
                strips.Add(new HandwrittenText(picture.Pixels, stripWidth, text, []));
        }
        return strips;
    }

    /// <summary>
    /// What a verifier (<see cref="FieldVerifier"/>) learns from on <paramref name="page"/>, whose handwritten field of
    /// kind <paramref name="kind"/> lies in <paramref name="field"/> (page as given): every cut of every candidate
    /// <see cref="Find"/> reads, prepared as a verifier's strip, and whether the candidate is the field (intersection over
    /// union <see cref="TrainingOverlap"/> or more). Never from the test digits.
    /// </summary>
    internal IReadOnlyList<(byte[] Strip, bool IsField)> VerifierStrips(GreyImage page, PageBox field, PageKind kind)
    {
        ArgumentNullException.ThrowIfNull(page);
        IReadOnlyList<FieldCandidate> candidates = Find(page, kind).Candidates;
        PageInk ink = PageInk.Prepare(page, Options.Deskew, _buffers);
        PageBox box = ink.SkewDegrees != 0 ? ink.FromPage(field) : field;
        var strips = new List<(byte[] Strip, bool IsField)>();
        foreach (FieldCandidate candidate in candidates.Where(c => c.Reading is not null))
        {
            bool isField = candidate.Box.IoU(box) >= TrainingOverlap;
            foreach (FieldCut cut in FieldCut.Of(ink, candidate.Box))
                if (StripPicture.TryPrepare(cut.Ink, cut.Width, cut.Height, FieldVerifier.Width) is { } picture && picture.Width == FieldVerifier.Width)
                    strips.Add((picture.Pixels, isField));
        }
        return strips;
    }

    /// <summary>Intersection over union with the field from which a candidate's cuts are training material (<see cref="TrainingStrips"/>): a found field's.</summary>
    public const double TrainingOverlap = 0.5;

    /// <summary>The share of the field's width a cut must span to be training material.</summary>
    public const double TrainingCover = 0.95;

    /// <summary>The most a cut that is training material may span, in field widths.</summary>
    public const double TrainingSpan = 1.6;

    /// <summary>
    /// The string the views of one line settle on, as the reader's second look settles its looks (<see cref="ReadingVote"/>:
    /// of the strings the views read, the one with the highest log-posterior summed over them), as the view that read it
    /// surest read it; the string's posterior over the views (the geometric mean of its posterior in each), and whether any
    /// view read another string. A string one cut reads surely and the others doubt gives way to one they all find likely,
    /// and its posterior says how far the views agree.
    /// </summary>
    private (GrammarReading Reading, double Posterior, bool Disagree) Settle(List<GrammarReading> views, PageKind kind, StringGrammar grammar)
    {
        float[] penalties = CharacterModel.Penalties(Reader(kind).Decoding);
        List<GrammarReading> distinct = [.. views.GroupBy(v => v.Text).Select(g => g.MaxBy(v => v.Confidence)!).OrderByDescending(v => v.Confidence)];
        double[] every = [.. views.Select(v => GrammarDecoder.ForwardScore(v.Scores, grammar.Table, grammar.Characters, penalties))];
        List<int[]> strings = [.. distinct.Select(v => v.Characters.Select(c => c.Character).ToArray())];
        (int chosen, double[] logPosteriors) = ReadingVote.Best([.. views.Select(v => v.Scores)], every, strings, grammar.Characters, penalties);
        return (distinct[chosen], Math.Exp(logPosteriors.Average()), distinct.Count > 1);
    }

    /// <summary>
    /// What the confidence in <paramref name="chosen"/>'s reading is judged from: its own detection, the posterior of its
    /// string over its views (<paramref name="posterior"/>) and its reading, the runner-up among the other
    /// <paramref name="candidates"/> read, and whether a view of it read another string.
    /// </summary>
    private ConfidenceFeatures Features(FieldCandidate chosen, IReadOnlyList<FieldCandidate> candidates, double posterior, bool viewsDisagree)
    {
        GrammarReading reading = chosen.Reading!;
        FieldCandidate? runnerUp = candidates.Where(c => c.Reading is not null && !ReferenceEquals(c, chosen)).MaxBy(Rank);
        double weakest = reading.Characters.Count == 0 ? 0 : reading.Characters.Min(c => (double)c.Confidence);
        double margin = runnerUp is null ? 0 : Math.Log(Math.Max(Rank(chosen), 1e-300) / Math.Max(Rank(runnerUp), 1e-300));
        return new ConfidenceFeatures(chosen.Score, posterior, weakest, reading.Looks > 1, margin,
            runnerUp?.Reading!.Text == reading.Text, runnerUp is null, chosen.Verification ?? 1, viewsDisagree);
    }

    /// <summary>The levels of <paramref name="ink"/> at <see cref="PageReaderOptions.Scales"/>, in this reader's buffers.</summary>
    private PageLevel[] Pyramid(PageInk ink)
    {
        var levels = new PageLevel[Options.Scales.Count];
        for (int i = 0; i < levels.Length; i++) levels[i] = PageLevel.Of(ink, Options.Scales[i], _buffers, i);
        return levels;
    }

    /// <summary>
    /// What a read candidate is chosen by: its detection score times its reading's posterior to the power
    /// <see cref="PageReaderOptions.ReadingWeight"/> times its verification to the power <see cref="PageReaderOptions.VerifierWeight"/>.
    /// </summary>
    private double Rank(FieldCandidate candidate) =>
        candidate.Score * Math.Pow(candidate.Reading!.Confidence, Options.ReadingWeight) * Math.Pow(candidate.Verification ?? 1, Options.VerifierWeight);

    /// <summary>The verifier's probability that <paramref name="cut"/> is the handwritten field (<see cref="FieldVerifier.MinimumProbability"/> when it sees no line); null without a verifier.</summary>
    private double? Verify(FieldCut cut) => Verifier is null ? null : Verifier.Verify(cut.Ink, cut.Width, cut.Height) ?? FieldVerifier.MinimumProbability;

    /// <summary>Times the stages of <see cref="Find"/> while set.</summary>
    internal PageProfile? Profile { get; set; }

    /// <summary>
    /// Reads the field of kind <paramref name="kind"/> whose ink is known to lie in <paramref name="box"/> on
    /// <paramref name="page"/> (as given, not straightened): all the ink inside the box, read under the kind's
    /// grammar; null when the box holds no ink or no string of the grammar fits it.
    /// </summary>
    public GrammarReading? Read(GreyImage page, PageBox box, PageKind kind)
    {
        ArgumentNullException.ThrowIfNull(page);
        StringGrammar grammar = Grammar(kind);
        return ReadInside(PageInk.Prepare(page, deskew: false), box, kind, grammar);
    }

    /// <summary>
    /// The best reading, by posterior, of the ways the line in <paramref name="box"/> is cut (<see cref="FieldCut.Of"/>),
    /// the cut it read and that cut's verification; null when none reads under the grammar. With a verifier, a cut it
    /// verifies below <see cref="PageReaderOptions.MinVerification"/> is not read. Every reading is added to
    /// <paramref name="readings"/>: the line's views.
    /// </summary>
    private (GrammarReading Reading, FieldCut Cut, double? Verification)? Read(PageInk ink, PageBox box, PageKind kind, StringGrammar grammar,
        List<GrammarReading> readings)
    {
        (GrammarReading Reading, FieldCut Cut, double? Verification)? best = null;
        foreach (FieldCut cut in FieldCut.Of(ink, box))
        {
            Profile?.Lap("strip cut");
            double? verification = Verify(cut);
            Profile?.Lap("verification");
            if (verification < Options.MinVerification) continue;
            GrammarReading? reading = Read(cut, kind, grammar);
            Profile?.Lap("strip read and decode");
            if (reading is not null) readings.Add(reading);
            if (reading is not null && (best is null || reading.Confidence > best.Value.Reading.Confidence)) best = (reading, cut, verification);
        }
        return best;
    }

    /// <summary>
    /// All the ink inside <paramref name="box"/> read under <paramref name="grammar"/>; null when the box holds no ink or
    /// no string of the grammar fits. What <see cref="Read(GreyImage, PageBox, PageKind)"/> reads of a labelled box, and
    /// what <see cref="Find"/> reads once more of the chosen line, inside the box of its characters
    /// (<see cref="FieldCandidate.ReadBox"/>), as one more view of it beside its cuts: a cut can hold ink beside the field
    /// that the box of its characters leaves out (a cheque's printed currency sign or fill, a letter of the state before a
    /// zip code), and the reader reads the field better without it. The line's boxes stay the cut's, and whether the
    /// views differ weighs in the confidence (<see cref="ConfidenceFeatures.ViewsDisagree"/>).
    /// </summary>
    private GrammarReading? ReadInside(PageInk ink, PageBox box, PageKind kind, StringGrammar grammar) =>
        FieldCut.Inside(ink, box) is FieldCut cut ? Read(cut, kind, grammar) : null;

    /// <summary>Reads a cut's ink as a picture of a string (<see cref="StripReader.TryReadPicture"/>); null when no string of the grammar fits.</summary>
    private GrammarReading? Read(FieldCut cut, PageKind kind, StringGrammar grammar) =>
        Reader(kind).TryReadPicture(cut.Ink, cut.Width, cut.Height, grammar, out GrammarReading? reading) ? reading : null;

    /// <summary>
    /// Where a line read as the field of a page of kind <paramref name="kind"/> puts the field (<see cref="PageReading.Box"/>,
    /// on the straightened page): a zip code is its five digits, so the box of the characters read
    /// (<see cref="FieldCandidate.ReadBox"/>), which leaves out the print the detector's line often takes in beside it
    /// (the state, a house number); an amount's field also holds marks that are no character of its grammar (a fill of
    /// stars or dashes), so it is the detector's line.
    /// </summary>
    public static PageBox FieldBox(PageKind kind, FieldCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return kind == PageKind.Envelope && candidate.ReadBox is PageBox read ? read : candidate.Box;
    }

    /// <summary>A box of the straightened page on the page as given: its centre mapped back, its size kept.</summary>
    private static PageBox OnPage(PageInk ink, PageBox box)
    {
        (double x, double y) = ink.ToPage(box.X + box.Width / 2, box.Y + box.Height / 2);
        return box with { X = x - box.Width / 2, Y = y - box.Height / 2 };
    }
}
