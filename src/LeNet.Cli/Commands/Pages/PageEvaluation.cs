using System.Diagnostics;
using System.Globalization;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Pages;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet find --eval DIR</c>: finds and reads the field on every page of a folder written by
/// <c>lenet envelopes</c> or <c>lenet cheques</c> and scores it against its labels: the field found (the
/// chosen box overlaps the labelled one by <see cref="FoundIoU"/> or more), read right (the label's text
/// exactly, an amount's every digit and separator), read at the confidence threshold that leaves at most
/// <see cref="ErrorBudget"/> errors among the pages it accepts, and milliseconds per page on one thread;
/// and, untimed, how often the ink inside the labelled box is read right (<see cref="PageReader.Read"/>),
/// which parts the losses of cutting the found line from those of reading it.
/// </summary>
internal static class PageEvaluation
{
    /// <summary>Intersection over union with the labelled box from which the field counts as found.</summary>
    public const double FoundIoU = 0.5;
    /// <summary>The share of wrong readings allowed among the accepted ones.</summary>
    public const double ErrorBudget = 0.01;
    /// <summary>Pages found and read untimed before the clock starts, so the timing is of compiled code.</summary>
    private const int WarmUpPages = 3;

    /// <summary>The intersection over union with the labelled box below which a candidate is not on the field at all.</summary>
    public const double OnFieldIoU = 0.1;

    /// <summary>One page's outcome.</summary>
    internal readonly record struct Outcome(bool Found, bool Right, double Confidence, bool LabelledRight = false, ConfidenceFeatures? Features = null);

    /// <summary>Why a page's field was not found.</summary>
    internal enum Miss
    {
        /// <summary>The field was found.</summary>
        None,
        /// <summary>No candidate overlaps the field by <see cref="OnFieldIoU"/> or more.</summary>
        NoCandidate,
        /// <summary>Candidates are on the field, but none overlaps it by <see cref="FoundIoU"/>: too short, too long, merged with print, wrong level.</summary>
        BoxOff,
        /// <summary>A candidate overlaps the field by <see cref="FoundIoU"/>, but another was chosen.</summary>
        NotChosen,
    }

    /// <summary>Scores <paramref name="reader"/> on the folder; <paramref name="kind"/>, when given, overrides each page's kind.</summary>
    /// <param name="reader">The page reader.</param>
    /// <param name="folder">The page set.</param>
    /// <param name="kind">Each page's kind when given.</param>
    /// <param name="limit">Only the first pages.</param>
    /// <param name="profile">Whether to print the time each stage of the page pass takes.</param>
    /// <param name="fitConfidence">Whether to fit a confidence model per kind of page to the outcomes and print it (<see cref="ReadingConfidence.Fit"/>).</param>
    public static int Run(PageReader reader, string folder, PageKind? kind, int? limit, bool profile = false, bool fitConfidence = false)
    {
        IReadOnlyList<PageLabel> labels;
        try
        {
            labels = PageLabels.Read(Path.Combine(folder, PageLabels.FileName));
        }
        catch (Exception error) when (error is DataFormatException or IOException)
        {
            throw new UserError(error.Message);
        }
        if (limit is int n && n < labels.Count) labels = [.. labels.Take(n)];
        var pages = new GreyImage[labels.Count];
        using (var bar = new ProgressBar("loading pages", labels.Count, "pages"))
            for (int i = 0; i < labels.Count; i++)
            {
                pages[i] = ReadCommand.ReadImage(Path.Combine(folder, labels[i].File));
                bar.Report(i + 1);
            }

        for (int i = 0; i < Math.Min(WarmUpPages, pages.Length); i++) reader.Find(pages[i], kind ?? labels[i].Kind);
        if (profile) reader.Profile = new PageProfile();
        var outcomes = new Outcome[labels.Count];
        var misses = new Miss[labels.Count];
        TimeSpan elapsed = TimeSpan.Zero;
        using (var bar = new ProgressBar("finding", labels.Count, "pages"))
            for (int i = 0; i < labels.Count; i++)
            {
                PageLabel label = labels[i];
                var clock = Stopwatch.StartNew();
                PageReading reading = reader.Find(pages[i], kind ?? label.Kind);
                elapsed += clock.Elapsed;
                outcomes[i] = Score(label, reading) with { LabelledRight = reader.Read(pages[i], Box(label), kind ?? label.Kind)?.Text == label.Text };
                bar.Report(i + 1);
                if (!outcomes[i].Found) misses[i] = WhyMissed(label, reading, pages[i], reader.Options.Deskew);
            }
        double milliseconds = elapsed.TotalMilliseconds / labels.Count;
        var summary = Summary.Of(outcomes);
        double meanWidth = pages.Average(p => p.Width), meanHeight = pages.Average(p => p.Height);
        Console.WriteLine($"Found and read the field on {labels.Count:N0} pages of {folder} (mean {meanWidth:0}x{meanHeight:0}): {milliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms per page on one thread.");
        var table = new TextTable("pages", "field found", "read right", "found, read right", $"read at <= {ErrorBudget:0%} errors", "rejected there", "threshold", "labelled box read right");
        table.Add(labels.Count.ToString("N0", CultureInfo.InvariantCulture), Percent.Of(summary.Found), Percent.Of(summary.Right),
            Percent.Of(summary.Found > 0 ? summary.Right / summary.Found : 0), Percent.Of(summary.AcceptedRight), Percent.Of(summary.Rejected),
            summary.Threshold.ToString("0.000", CultureInfo.InvariantCulture), Percent.Of(outcomes.Count(o => o.LabelledRight) / (double)outcomes.Length));
        Console.WriteLine();
        Console.WriteLine(table);
        if (misses.Any(m => m != Miss.None)) Console.WriteLine(Missed(misses));
        if (fitConfidence) Console.WriteLine(FittedConfidence(labels, outcomes, kind));
        if (reader.Profile is PageProfile stages)
        {
            reader.Profile = null;
            Console.WriteLine();
            Console.WriteLine(Profile(stages));
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// A confidence model per kind of page fitted to the outcomes of the pages where a field was chosen, each with the share of
    /// the pages it would accept at <see cref="ErrorBudget"/> errors on these same pages; a kind whose pages were all read
    /// right or all wrong has none.
    /// </summary>
    private static string FittedConfidence(IReadOnlyList<PageLabel> labels, Outcome[] outcomes, PageKind? kind)
    {
        var lines = new List<string>();
        foreach (IGrouping<PageKind, int> pages in Enumerable.Range(0, labels.Count).GroupBy(i => kind ?? labels[i].Kind))
        {
            var chosen = pages.Where(i => outcomes[i].Features is not null).Select(i => (outcomes[i].Features!, outcomes[i].Right)).ToList();
            string name = PageLabels.Name(pages.Key);
            if (chosen.Count < 2 || chosen.All(p => p.Right) || chosen.All(p => !p.Right))
            {
                lines.Add($"No confidence model for {name}s: it needs pages read right and pages read wrong.");
                continue;
            }
            ReadingConfidence model = ReadingConfidence.Fit(chosen);
            var refitted = pages.Select(i => outcomes[i] with { Confidence = outcomes[i].Features is { } f ? model.Probability(f) : 0 }).ToList();
            string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            lines.Add($"Confidence model for {name}s fitted on {chosen.Count:N0} pages (read at <= {ErrorBudget:0%} errors with it: {Percent.Of(Summary.Of(refitted).AcceptedRight)}):");
            lines.Add($"  new ReadingConfidence({R(model.Bias)}, [{string.Join(", ", model.Weights.Select(R))}])");
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The stages of the page pass: milliseconds per page and share of the whole.</summary>
    private static TextTable Profile(PageProfile profile)
    {
        double all = profile.Stages.Sum(s => s.Total.TotalMilliseconds);
        var table = new TextTable("stage", "ms per page", "share");
        foreach ((string stage, TimeSpan total) in profile.Stages)
            table.Add(stage, (total.TotalMilliseconds / profile.Pages).ToString("0.00", CultureInfo.InvariantCulture), Percent.Of(total.TotalMilliseconds / all));
        table.Add("all", (all / profile.Pages).ToString("0.00", CultureInfo.InvariantCulture), Percent.Of(1));
        return table;
    }

    /// <summary>How one page's reading compares with its label.</summary>
    internal static Outcome Score(PageLabel label, PageReading reading)
    {
        bool found = reading.Box is PageBox chosen && chosen.IoU(Box(label)) >= FoundIoU;
        return new Outcome(found, found && reading.Text == label.Text, reading.Chosen is null ? 0 : reading.Confidence, Features: reading.Features);
    }

    /// <summary>The labelled field's box.</summary>
    private static PageBox Box(PageLabel label) => new(label.X, label.Y, label.Width, label.Height);

    /// <summary>
    /// Why the field of <paramref name="page"/> was not found by <paramref name="reading"/>: the candidates' field boxes
    /// (<see cref="PageReader.FieldBox"/>, on the straightened page) against the labelled box straightened the same way.
    /// </summary>
    internal static Miss WhyMissed(PageLabel label, PageReading reading, GreyImage page, bool deskew)
    {
        var box = new PageBox(label.X, label.Y, label.Width, label.Height);
        if (reading.SkewDegrees != 0) box = PageInk.Prepare(page, deskew).FromPage(box);
        double best = reading.Candidates.Select(c => PageReader.FieldBox(reading.Kind, c).IoU(box)).DefaultIfEmpty(0).Max();
        return best >= FoundIoU ? Miss.NotChosen : best >= OnFieldIoU ? Miss.BoxOff : Miss.NoCandidate;
    }

    /// <summary>"missed: 3 with no candidate on the field, 2 with a candidate's box off it (IoU under 0.5), 1 with another candidate chosen".</summary>
    internal static string Missed(IReadOnlyList<Miss> misses)
    {
        int Count(Miss miss) => misses.Count(m => m == miss);
        return $"missed: {Count(Miss.NoCandidate)} with no candidate on the field, {Count(Miss.BoxOff)} with a candidate's box off it (IoU under {FoundIoU.ToString(CultureInfo.InvariantCulture)}), "
            + $"{Count(Miss.NotChosen)} with another candidate chosen";
    }

    /// <summary>The scores of a set of outcomes.</summary>
    /// <param name="Found">Share of pages whose field was found.</param>
    /// <param name="Right">Share read right.</param>
    /// <param name="AcceptedRight">Share read right among all pages when those below <see cref="Threshold"/> are rejected.</param>
    /// <param name="Rejected">Share rejected at that threshold.</param>
    /// <param name="Threshold">The lowest confidence accepted: the threshold accepting the most pages with at most <see cref="ErrorBudget"/> of them wrong.</param>
    internal sealed record Summary(double Found, double Right, double AcceptedRight, double Rejected, double Threshold)
    {
        public static Summary Of(IReadOnlyList<Outcome> outcomes)
        {
            int n = outcomes.Count;
            Outcome[] byConfidence = [.. outcomes.OrderByDescending(o => o.Confidence)];
            int accepted = 0, wrong = 0, bestAccepted = 0, bestRight = 0;
            double threshold = 1;
            for (int k = 0; k < n; k++)
            {
                accepted++;
                if (!byConfidence[k].Right) wrong++;
                // Accept down to here only where the next page's confidence differs: a threshold cannot split equal confidences.
                bool boundary = k + 1 == n || byConfidence[k + 1].Confidence < byConfidence[k].Confidence;
                if (boundary && wrong <= ErrorBudget * accepted)
                    (bestAccepted, bestRight, threshold) = (accepted, accepted - wrong, byConfidence[k].Confidence);
            }
            return new Summary(outcomes.Count(o => o.Found) / (double)n, outcomes.Count(o => o.Right) / (double)n,
                bestRight / (double)n, 1 - bestAccepted / (double)n, threshold);
        }
    }
}
