using LeNet.Strings;

namespace LeNet.Pages;

/// <summary>What <see cref="PageReader.Find"/> found on a page.</summary>
/// <param name="Kind">The field looked for.</param>
/// <param name="Planes">The detector's answers on each level of the pyramid, largest scale first.</param>
/// <param name="Candidates">The candidate lines, best detection first; those read carry their <see cref="FieldCandidate.Reading"/>.</param>
/// <param name="Chosen">The candidate chosen as the field: of those read under the grammar, the one with the best detection <see cref="FieldCandidate.Score"/>; null when no candidate was found or none could be read under the grammar.</param>
/// <param name="SkewDegrees">The angle the page was straightened by before the search (<see cref="PageInk.SkewDegrees"/>).</param>
/// <param name="RejectThreshold">The confidence below which the reading counts as rejected.</param>
public sealed record PageReading(PageKind Kind, IReadOnlyList<DetectionPlane> Planes, IReadOnlyList<FieldCandidate> Candidates,
    FieldCandidate? Chosen, double SkewDegrees, double RejectThreshold)
{
    /// <summary>
    /// The chosen field's box on the page as given: a zip code's the box of the digits read (<see cref="FieldCandidate.ReadBox"/>),
    /// an amount's the detector's box of the line (<see cref="FieldCandidate.Box"/>), which holds its fill too; null when none was chosen.
    /// </summary>
    public PageBox? Box { get; init; }

    /// <summary>What the chosen field reads as; empty when none was chosen.</summary>
    public string Text => Chosen?.Reading?.Text ?? "";

    /// <summary>
    /// How sure the reading is: the probability that it is right, by the reader's confidence model
    /// (<see cref="PageReaderOptions.Confidence"/>) from <see cref="Features"/>; 0 when none was chosen. Reject below a threshold.
    /// </summary>
    public double Confidence { get; init; }

    /// <summary>What the confidence was judged from; null when none was chosen.</summary>
    public ConfidenceFeatures? Features { get; init; }

    /// <summary>The chosen field's reading, if any.</summary>
    public GrammarReading? Reading => Chosen?.Reading;

    /// <summary>True when nothing was chosen or the confidence is below <see cref="RejectThreshold"/>: the page should go to a person.</summary>
    public bool Rejected => Chosen is null || Confidence < RejectThreshold;
}
