using LeNet.Checkpoints;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Models;
using LeNet.Pages;
using LeNet.Strings;
using LeNet.Cli.Tests.Commands;

namespace LeNet.Cli.Tests.Pages;

/// <summary><c>lenet find</c>: what it prints for pages and for <c>--eval</c>, and every mistake as one line with its exit code.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class FindCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-find-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>A lenet5-locator checkpoint with seeded random parameters: it finds nonsense, but runs.</summary>
    private string DetectorCheckpoint()
    {
        string path = PathOf("locator.ckpt");
        Checkpoint.Save(path, LeNet5Locator.Description, TestSupport.RandomParameters(LeNet5Locator.Description, 5));
        return path;
    }

    private string WriteEnvelopes(int count)
    {
        string folder = PathOf("envelopes");
        CliResult result = CliRunner.Run("envelopes", "--out", folder, "--count", count.ToString(), "--seed", "3", "--split", "test", "--data", TrainedModel.DataFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        return folder;
    }

    [Fact]
    public void Find_prints_a_line_per_page_and_eval_scores_a_folder()
    {
        string detector = DetectorCheckpoint();
        string envelopes = WriteEnvelopes(2);
        string page = Path.Combine(envelopes, PageLabels.Read(Path.Combine(envelopes, PageLabels.FileName))[0].File);

        CliResult find = CliRunner.Run("find", detector, page, "--kind", "envelope");
        Assert.True(find.ExitCode == ExitCodes.Success, find.ToString());
        Assert.Single(find.OutLines);
        Assert.StartsWith($"{page}: ", find.OutLines[0]);
        Assert.EndsWith(" ms)", find.OutLines[0]);

        CliResult eval = CliRunner.Run("find", detector, "--eval", envelopes);
        Assert.True(eval.ExitCode == ExitCodes.Success, eval.ToString());
        Assert.Contains("Found and read the field on 2 pages", eval.Out);
        Assert.Contains("field found", eval.Out);
        Assert.DoesNotContain("ms per page", eval.Out.Replace("ms per page on one thread", ""));

        CliResult oneLook = CliRunner.Run("find", detector, page, "--second-look", "0");
        Assert.True(oneLook.ExitCode == ExitCodes.Success, oneLook.ToString());
        Assert.Single(oneLook.OutLines);

        // Two pages are rarely one right and one wrong: either way the command says what it fitted or why not.
        CliResult fitted = CliRunner.Run("find", detector, "--eval", envelopes, "--fit-confidence");
        Assert.True(fitted.ExitCode == ExitCodes.Success, fitted.ToString());
        Assert.Contains(fitted.OutLines, line => line.StartsWith("Confidence model for envelopes fitted on ", StringComparison.Ordinal)
            || line == "No confidence model for envelopes: it needs pages read right and pages read wrong.");

        CliResult profiled = CliRunner.Run("find", detector, "--eval", envelopes, "--profile");
        Assert.True(profiled.ExitCode == ExitCodes.Success, profiled.ToString());
        foreach (string stage in (string[])["prepare and deskew", "pyramid", "detector", "candidates", "all"])
            Assert.Contains(profiled.OutLines, line => line.StartsWith(stage + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Mistakes_are_one_line_with_their_exit_code()
    {
        string detector = DetectorCheckpoint();
        CliResult missing = CliRunner.Run("find", detector, PathOf("missing.png"));
        Assert.Equal(ExitCodes.UserError, missing.ExitCode);
        Assert.Contains("missing.png", missing.LastError);

        string corrupt = PathOf("corrupt.png");
        File.WriteAllBytes(corrupt, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        CliResult damaged = CliRunner.Run("find", detector, corrupt);
        Assert.Equal(ExitCodes.UserError, damaged.ExitCode);
        Assert.Contains("corrupt.png", damaged.LastError);

        string strings = PathOf("strings.ckpt");
        Checkpoint.Save(strings, LeNet5Strings.Description, TestSupport.RandomParameters(LeNet5Strings.Description, 3));
        CliResult wrongKind = CliRunner.Run("find", strings, corrupt);
        Assert.Equal(ExitCodes.UserError, wrongKind.ExitCode);
        Assert.Contains("is not a page detector's field", wrongKind.LastError);
        CliResult wrongVerifier = CliRunner.Run("find", detector, corrupt, "--verifier", strings);
        Assert.Equal(ExitCodes.UserError, wrongVerifier.ExitCode);
        Assert.Contains("strings.ckpt", wrongVerifier.LastError);
        Assert.Contains("verifier", wrongVerifier.LastError);

        Assert.Equal(ExitCodes.Usage, CliRunner.Run("find", detector).ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("find", detector, corrupt, "--reject", "2").ExitCode);
        CliResult badLook = CliRunner.Run("find", detector, corrupt, "--second-look", "1.5");
        Assert.Equal(ExitCodes.Usage, badLook.ExitCode);
        Assert.Contains("--second-look is a posterior from 0 to 1, not 1.5", badLook.Error);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("find", detector, corrupt, "--kind", "parcel").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("find", detector, corrupt, "--eval", _folder).ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("find", detector, corrupt, "--profile").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("find", detector, corrupt, "--fit-confidence").ExitCode);
        CliResult noLabels = CliRunner.Run("find", detector, "--eval", _folder);
        Assert.Equal(ExitCodes.UserError, noLabels.ExitCode);
        Assert.Contains(PageLabels.FileName, noLabels.LastError);
    }

    [Fact]
    public void The_threshold_accepts_the_most_pages_with_at_most_one_percent_wrong()
    {
        // 200 pages: 150 right at confidence 0.9, then 48 right and 2 wrong at 0.5: 2 of 200 is 1%.
        var outcomes = new List<PageEvaluation.Outcome>();
        for (int i = 0; i < 150; i++) outcomes.Add(new(true, true, 0.9));
        for (int i = 0; i < 48; i++) outcomes.Add(new(true, true, 0.5));
        outcomes.Add(new(true, false, 0.5));
        outcomes.Add(new(false, false, 0.5));
        PageEvaluation.Summary all = PageEvaluation.Summary.Of(outcomes);
        Assert.Equal(0.995, all.Found, 6);
        Assert.Equal(0.99, all.Right, 6);
        Assert.Equal(0.99, all.AcceptedRight, 6);
        Assert.Equal(0, all.Rejected, 6);

        // One more wrong page at 0.5 breaks the budget there: only the 150 at 0.9 are accepted.
        outcomes.Add(new(true, false, 0.5));
        PageEvaluation.Summary fewer = PageEvaluation.Summary.Of(outcomes);
        Assert.Equal(150 / 201.0, fewer.AcceptedRight, 6);
        Assert.Equal(0.9, fewer.Threshold, 6);
    }

    [Fact]
    public void A_missed_field_is_put_down_to_no_candidate_a_box_off_it_or_another_choice()
    {
        var label = new PageLabel("a.png", PageKind.Envelope, "75093", 100, 50, 100, 20);
        var page = new GreyImage(300, 120, new float[300 * 120]);
        FieldCandidate Candidate(double x, double width) => new(new PageBox(x, 50, width, 20), 0.5, 0.9, 6, 30, 60, 90);
        PageReading Reading(params FieldCandidate[] candidates) => new(PageKind.Envelope, [], candidates, candidates.FirstOrDefault(), 0, 0);

        Assert.Equal(PageEvaluation.Miss.NoCandidate, PageEvaluation.WhyMissed(label, Reading(), page, deskew: true));
        Assert.Equal(PageEvaluation.Miss.NoCandidate, PageEvaluation.WhyMissed(label, Reading(Candidate(195, 50)), page, deskew: true));
        // 40 columns of the 100 under a box 40 wide: IoU 0.4.
        Assert.Equal(PageEvaluation.Miss.BoxOff, PageEvaluation.WhyMissed(label, Reading(Candidate(100, 40)), page, deskew: true));
        Assert.Equal(PageEvaluation.Miss.NotChosen, PageEvaluation.WhyMissed(label, Reading(Candidate(0, 40), Candidate(110, 90)), page, deskew: true));
        // A zip code's candidate is judged by the box of the digits it read, an amount's by the detector's line.
        FieldCandidate wide = Candidate(0, 300) with { ReadBox = new PageBox(100, 50, 100, 20) };
        Assert.Equal(PageEvaluation.Miss.NotChosen, PageEvaluation.WhyMissed(label, Reading(Candidate(0, 40), wide), page, deskew: true));
        PageReading cheque = Reading(Candidate(0, 40), wide) with { Kind = PageKind.Cheque };
        Assert.Equal(PageEvaluation.Miss.BoxOff, PageEvaluation.WhyMissed(label with { Kind = PageKind.Cheque }, cheque, page, deskew: true));
        Assert.Equal("missed: 1 with no candidate on the field, 0 with a candidate's box off it (IoU under 0.5), 2 with another candidate chosen",
            PageEvaluation.Missed([PageEvaluation.Miss.None, PageEvaluation.Miss.NotChosen, PageEvaluation.Miss.NoCandidate, PageEvaluation.Miss.NotChosen]));
    }

    [Fact]
    public void A_cheque_amount_is_read_by_the_amounts_reader_with_its_separators()
    {
        string folder = PathOf("cheques");
        CliResult result = CliRunner.Run("cheques", "--out", folder, "--count", "4", "--seed", "3", "--split", "test", "--data", TrainedModel.DataFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        PageReader reader = PageReaders.Pretrained();
        IReadOnlyList<PageLabel> labels = PageLabels.Read(Path.Combine(folder, PageLabels.FileName));
        string[] read = [.. labels.Select(l => reader.Read(LeNet.Imaging.ImageFile.Read(Path.Combine(folder, l.File)), new PageBox(l.X, l.Y, l.Width, l.Height), PageKind.Cheque)?.Text ?? "")];
        // The pretrained amounts reader reads more than nine amounts in ten right inside their boxes; at least two of these four.
        int right = labels.Select(l => l.Text).Zip(read).Count(p => p.First == p.Second);
        Assert.True(right >= 2, $"read {string.Join(", ", read)} for {string.Join(", ", labels.Select(l => l.Text))}");
        Assert.Contains(read, text => text.Contains('.'));
    }

    [Fact]
    public void The_verifier_weighs_in_the_choice_of_every_line_read()
    {
        string folder = PathOf("verified");
        CliResult result = CliRunner.Run("envelopes", "--out", folder, "--count", "3", "--seed", "5", "--split", "test", "--data", TrainedModel.DataFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        PageReader verified = PageReaders.Pretrained();
        PageReader without = PageReaders.PretrainedWithoutVerifier();
        PageReader weightless = PageReaders.Pretrained(new PageReaderOptions { VerifierWeight = 0 });
        PageReader strict = PageReaders.Pretrained(new PageReaderOptions { MinVerification = 0.9 });
        Assert.NotNull(verified.Verifier);
        Assert.Null(without.Verifier);
        foreach (PageLabel label in PageLabels.Read(Path.Combine(folder, PageLabels.FileName)))
        {
            GreyImage page = LeNet.Imaging.ImageFile.Read(Path.Combine(folder, label.File));
            PageReading reading = verified.Find(page, PageKind.Envelope), plain = without.Find(page, PageKind.Envelope);
            Assert.All(reading.Candidates.Where(c => c.Reading is not null), c => Assert.InRange(c.Verification!.Value, FieldVerifier.MinimumProbability, 1));
            Assert.All(plain.Candidates, c => Assert.Null(c.Verification));
            Assert.Equal(reading.Chosen!.Verification, reading.Features!.Verification);
            // With no weight the verifier is asked but does not choose: the choice is the reader's without one.
            Assert.Equal(plain.Chosen!.Box, weightless.Find(page, PageKind.Envelope).Chosen!.Box);
            // A cut verified below the minimum is not read.
            Assert.All(strict.Find(page, PageKind.Envelope).Candidates.Where(c => c.Reading is not null), c => Assert.True(c.Verification >= 0.9));
        }
    }

    [Fact]
    public void Each_kind_has_its_reader_and_a_digit_reader_cannot_read_amounts()
    {
        PageReader pretrained = PageReaders.Pretrained();
        Assert.Equal(StripGeometry.Width, pretrained.Reader(PageKind.Envelope).Width);
        Assert.Equal(AmountStrips.Width, pretrained.Reader(PageKind.Cheque).Width);
        Assert.Same(StringGrammar.Zip, PageReader.Grammar(PageKind.Envelope));
        Assert.Same(StringGrammar.Amount, PageReader.Grammar(PageKind.Cheque));
        StripReader digits = pretrained.Reader(PageKind.Envelope);
        var error = Assert.Throws<ArgumentException>(() => PageReaders.For(new LeNet5Locator(), TestSupport.RandomParameters(LeNet5Locator.Description, 3), digits, digits));
        Assert.Equal("amountReader", error.ParamName);
        Assert.Contains("amounts reader", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PageReader.Grammar((PageKind)7));
    }

    [Fact]
    public void The_chosen_lines_views_settle_its_string_and_a_disagreement_is_marked()
    {
        string folder = PathOf("cheques");
        CliResult result = CliRunner.Run("cheques", "--out", folder, "--count", "6", "--seed", "4", "--split", "test", "--data", TrainedModel.DataFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        // Not straightened, so that the chosen line's boxes are the page's.
        PageReader reader = PageReaders.Pretrained(new PageReaderOptions { Deskew = false });
        int compared = 0, inside = 0;
        foreach (PageLabel label in PageLabels.Read(Path.Combine(folder, PageLabels.FileName)))
        {
            GreyImage page = LeNet.Imaging.ImageFile.Read(Path.Combine(folder, label.File));
            PageReading reading = reader.Find(page, PageKind.Cheque);
            if (reading.Chosen is not { ReadBox: PageBox box, Reading: { } chosen }) continue;
            Assert.NotNull(reading.Chosen.InkBox);
            ConfidenceFeatures features = reading.Features!;
            // The string's posterior over the views is a probability.
            Assert.InRange(features.Posterior, 0, 1);
            // All the ink inside the box of the line's characters is one of its views.
            GrammarReading? again = reader.Read(page, box, PageKind.Cheque);
            compared++;
            if (again is null) continue;
            if (again.Text != chosen.Text) Assert.True(features.ViewsDisagree, label.File);
            else
            {
                Assert.True(chosen.Confidence >= again.Confidence, $"{label.File}: kept {chosen.Text} at {chosen.Confidence}, read inside the box at {again.Confidence}");
                if (chosen.Confidence == again.Confidence) inside++;
            }
        }
        Assert.True(compared >= 3, $"only {compared} pages compared");
        Assert.True(inside >= 1, "no page kept the reading inside the box of its characters");
    }

    [Fact]
    public void A_cheque_is_read_right_only_with_every_digit_and_separator()
    {
        var label = new PageLabel("a.png", PageKind.Cheque, "1,234.56", 10, 10, 80, 20);
        Assert.True(PageEvaluation.Score(label, Found(label, "1,234.56")).Right);
        Assert.False(PageEvaluation.Score(label, Found(label, "1234.56")).Right);
        Assert.False(PageEvaluation.Score(label, Found(label, "1,234,56")).Right);
        Assert.True(PageEvaluation.Score(label, Found(label, "1,234.56")).Found);
        Assert.False(PageEvaluation.Score(label, Found(label with { X = 200 }, "1,234.56")).Right, "right text in the wrong place");
    }

    /// <summary>A reading of <paramref name="text"/> chosen in <paramref name="at"/>'s box.</summary>
    private static PageReading Found(PageLabel at, string text)
    {
        ReadCharacter[] characters = [.. text.Select((c, i) => new ReadCharacter(AmountText.Character(c)!.Value, i, i, 0, 1))];
        var reading = new GrammarReading(new GrammarString(characters, [], 0.9), new PositionScores(new float[13], 13), [], null);
        var box = new PageBox(at.X, at.Y, at.Width, at.Height);
        var chosen = new FieldCandidate(box, 1, 0.9, 5, 0, 0, 0) { Reading = reading, InkBox = box };
        return new PageReading(at.Kind, [], [chosen], chosen, 0, 0) { Box = box };
    }
}
