using LeNet.Cli.Visualization;
using LeNet.Pages;

namespace LeNet.Cli.Web;

/// <summary>The JSON the page receives from <c>POST /api/find</c> (camelCase on the wire).</summary>
/// <param name="Kind">The field looked for: envelope or cheque.</param>
/// <param name="Width">The upload's width in pixels.</param>
/// <param name="Height">The upload's height in pixels.</param>
/// <param name="Scale">Pixels of <paramref name="Picture"/> per pixel of the upload: 1, or less when the upload was scaled down to be searched.</param>
/// <param name="Box">The chosen field's box in the upload's pixels; null when no field was found.</param>
/// <param name="Text">What the field reads as; empty when none was found.</param>
/// <param name="Confidence">The detector's score times the reading's confidence; 0 when none was found.</param>
/// <param name="Rejected">True when no field was found or <paramref name="Confidence"/> is below <paramref name="Reject"/>.</param>
/// <param name="Reject">The rejection threshold asked for.</param>
/// <param name="Candidates">Every candidate line, best detection first.</param>
/// <param name="SkewDegrees">The angle the page was straightened by before the search.</param>
/// <param name="Milliseconds">How long the search took, from the decoded page to the reading.</param>
/// <param name="Picture">The page as searched with the detector's heat map over it: a PNG data URL, <paramref name="Scale"/> times the upload's size.</param>
internal sealed record FindResponse(string Kind, int Width, int Height, double Scale, BoxJson? Box, string Text, double Confidence,
    bool Rejected, double Reject, IReadOnlyList<CandidateJson> Candidates, double SkewDegrees, double Milliseconds, string Picture)
{
    private const int Decimals = 3;

    /// <summary>The answer for <paramref name="found"/> on <paramref name="page"/>.</summary>
    public static FindResponse From(PageUpload.Page page, PageFound found)
    {
        PageReading reading = found.Reading;
        BoxJson Upload(PageBox box) => new(Round(box.X / page.Scale), Round(box.Y / page.Scale), Round(box.Width / page.Scale), Round(box.Height / page.Scale));
        CandidateJson[] candidates = reading.Candidates.Select(c => new CandidateJson(Upload(c.Box), Round(c.Score),
            c.Verification is double v ? Round(v) : null, c.Reading?.Text, Round(c.Standing), c == reading.Chosen)).ToArray();
        string picture = "data:image/png;base64," + Convert.ToBase64String(PageSheet.Overlay(page.Picture, reading));
        return new FindResponse(PageLabels.Name(reading.Kind), page.Width, page.Height, page.Scale,
            reading.Box is PageBox box ? Upload(box) : null, reading.Text, Round(reading.Confidence), reading.Rejected, reading.RejectThreshold,
            candidates, Math.Round(reading.SkewDegrees, 2), Math.Round(found.Time.TotalMilliseconds, 1), picture);
    }

    private static double Round(double value) => Math.Round(value, Decimals);
}

/// <summary>A box: left column, top row, width and height in pixels.</summary>
internal sealed record BoxJson(double X, double Y, double Width, double Height);

/// <summary>
/// A candidate line: its box (on the straightened page, in the upload's pixels), the detector's score, the verifier's
/// (null when it was not read), its reading (null when it was not read) and that reading's confidence, and whether it
/// was chosen as the field.
/// </summary>
internal sealed record CandidateJson(BoxJson Box, double Score, double? Verification, string? Text, double Confidence, bool Chosen);
