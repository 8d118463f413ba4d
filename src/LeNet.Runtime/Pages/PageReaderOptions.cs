namespace LeNet.Pages;

/// <summary>How <see cref="PageReader"/> looks for the field and when it refuses to answer.</summary>
public sealed record PageReaderOptions
{
    /// <summary>
    /// The pyramid's scales, largest first. A level at scale s finds handwriting whose lines of digits are
    /// about <see cref="PageWindows.InkHeight"/> / s page pixels high, give or take a fifth. By default 0.6
    /// and four more, each 1/sqrt(2) of the one before: lines about 16 to 96 pixels high.
    /// </summary>
    public IReadOnlyList<double> Scales { get; init; } = [0.6, 0.4243, 0.3, 0.2121, 0.15];

    /// <summary>The handwriting probability at which a position counts towards a candidate line.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>How many of the best candidates are read before the field is chosen among them.</summary>
    public int MaxReadings { get; init; } = 8;

    /// <summary>
    /// How much a candidate's reading weighs against its detection when the field is chosen: the field is the read
    /// candidate with the highest <see cref="FieldCandidate.Score"/> times the reading's posterior to this power. 0
    /// chooses by the detection score alone, 1 by the score times the posterior (<see cref="FieldCandidate.Standing"/>).
    /// </summary>
    public double ReadingWeight { get; init; } = 0.2;

    /// <summary>
    /// How much the verifier's word weighs when the field is chosen (<see cref="PageReader.Verifier"/>): the rank of
    /// <see cref="ReadingWeight"/> is multiplied by the candidate's <see cref="FieldCandidate.Verification"/> to this
    /// power. 0 leaves the verifier out of the choice.
    /// </summary>
    public double VerifierWeight { get; init; } = 0.5;

    /// <summary>
    /// The verification below which a cut of a candidate line is not read (<see cref="PageReader.Verifier"/>): print the
    /// verifier is sure of costs no reading. 0 reads every cut.
    /// </summary>
    public double MinVerification { get; init; } = 0.02;

    /// <summary>The probability that a zip code read on an envelope is right (<see cref="PageReading.Confidence"/>), from its features.</summary>
    public ReadingConfidence EnvelopeConfidence { get; init; } = ReadingConfidence.Envelopes;

    /// <summary>The probability that an amount read on a cheque is right (<see cref="PageReading.Confidence"/>), from its features.</summary>
    public ReadingConfidence ChequeConfidence { get; init; } = ReadingConfidence.Cheques;

    /// <summary>The confidence model of a page of kind <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public ReadingConfidence Confidence(PageKind kind) => kind switch
    {
        PageKind.Envelope => EnvelopeConfidence,
        PageKind.Cheque => ChequeConfidence,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a page kind."),
    };

    /// <summary>Below this confidence the reading is rejected: returned, but marked <see cref="PageReading.Rejected"/>. 0 rejects nothing.</summary>
    public double Reject { get; init; }

    /// <summary>Whether the page is straightened (up to <see cref="PageInk.MaxSkewDegrees"/>) before the search.</summary>
    public bool Deskew { get; init; } = true;

    /// <summary>The largest <see cref="VerifierWeight"/>: beyond it the verifier alone decides.</summary>
    public const double MaxVerifierWeight = 4;

    /// <summary>The defaults.</summary>
    public static PageReaderOptions Default { get; } = new();

    /// <summary>Fails on options no search can use.</summary>
    /// <exception cref="ArgumentException">The message names the option.</exception>
    public void Validate()
    {
        if (Scales.Count == 0 || Scales.Any(s => !(s > 0 && s <= 2)))
            throw new ArgumentException("The pyramid needs at least one scale, each above 0 and at most 2.");
        if (!(Threshold > 0 && Threshold <= 1))
            throw new ArgumentException($"The detection threshold must be a probability above 0, not {Threshold}.");
        if (MaxReadings < 1)
            throw new ArgumentException($"At least one candidate must be read, not {MaxReadings}.");
        if (!(ReadingWeight >= 0 && ReadingWeight <= 1))
            throw new ArgumentException($"The reading's weight in the choice must be between 0 and 1, not {ReadingWeight}.");
        if (!(VerifierWeight >= 0 && VerifierWeight <= MaxVerifierWeight))
            throw new ArgumentException($"The verifier's weight in the choice must be between 0 and {MaxVerifierWeight}, not {VerifierWeight}.");
        if (!(MinVerification >= 0 && MinVerification < 1))
            throw new ArgumentException($"The verification below which a cut is not read must be from 0 to under 1, not {MinVerification}.");
        foreach (ReadingConfidence model in (ReadingConfidence[])[EnvelopeConfidence, ChequeConfidence])
            if (model is null || model.Weights.Count != ConfidenceFeatures.Count || !double.IsFinite(model.Bias) || model.Weights.Any(w => !double.IsFinite(w)))
                throw new ArgumentException($"A confidence model needs a finite bias and {ConfidenceFeatures.Count} finite weights.");
        if (!(Reject >= 0 && Reject <= 1))
            throw new ArgumentException($"The rejection threshold must be between 0 and 1, not {Reject}.");
    }
}
