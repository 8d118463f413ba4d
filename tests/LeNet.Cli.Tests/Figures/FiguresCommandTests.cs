using LeNet.Checkpoints;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Models;
using SkiaSharp;

namespace LeNet.Cli.Tests.Figures;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FiguresConsoleCollection
{
    /// <summary>Tests that swap the process's console writers run alone.</summary>
    public const string Name = "FiguresConsole";
}

[Collection(FiguresConsoleCollection.Name)]
public sealed class FiguresCommandTests : IDisposable
{
    private const int TestDigits = 40, MaximumDigits = 10, Passes = 3;

    private readonly TemporaryFolder _folder = new();
    private readonly string _data, _checkpoint;

    public FiguresCommandTests()
    {
        _data = Path.Combine(_folder.Path, "data");
        FigureFixtures.WriteIdxFolder(_data, FigureFixtures.Digits(10, "train"), FigureFixtures.Digits(TestDigits, "test"));
        // Untrained parameters: the network gets most digits wrong, which is what a gallery needs.
        NetworkDescription lenet5 = ModelCatalog.Find("lenet5").Description;
        _checkpoint = _folder.File("lenet5.ckpt");
        Checkpoint.Save(_checkpoint, lenet5, TestSupport.RandomParameters(lenet5, seed: 3));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Draws_the_gallery_and_the_curve_from_the_history_beside_the_checkpoint()
    {
        File.WriteAllText(_folder.File(FiguresCommand.HistoryFileName), FigureFixtures.HistoryText(Passes));
        string output = Path.Combine(_folder.Path, "figures");

        (int code, string stdout, string stderr) = Run("figures", _checkpoint, "--data", _data, "--out", output, "--max-digits", $"{MaximumDigits}", "--threads", "1");

        Assert.True(code == ExitCodes.Success, $"exit {code}: {stderr}");
        Assert.Matches(@"lenet5 on t10k-images-idx3-ubyte: test error \d+\.\d\d% \(\d+ of 40 misclassified\)\.", stdout);
        Assert.Contains($"Wrote {Path.Combine(output, FiguresCommand.GalleryFileName)} ({MaximumDigits} digits).", stdout);
        Assert.Contains($"({Passes} passes from {_folder.File(FiguresCommand.HistoryFileName)})", stdout);

        using SKBitmap gallery = TestSupport.DecodePng(File.ReadAllBytes(Path.Combine(output, FiguresCommand.GalleryFileName)));
        const int margin = 20, gap = 14, side = 2 * TestSupport.DigitSide;
        Assert.Equal(2 * margin + MaximumDigits * side + (MaximumDigits - 1) * gap, gallery.Width); // capped: one row of ten
        using SKBitmap plot = TestSupport.DecodePng(File.ReadAllBytes(Path.Combine(output, FiguresCommand.PlotFileName)));
        Assert.Equal(ErrorCurvePlotSize, (plot.Width, plot.Height));

        string[] table = File.ReadAllLines(Path.Combine(output, FiguresCommand.TableFileName));
        IReadOnlyList<TrainingHistoryRow> history = FigureFixtures.History(Passes);
        Assert.Equal(FiguresCommand.TableHeader, table[0]);
        Assert.Equal(Passes + 1, table.Length);
        Assert.Equal(FormattableString.Invariant($"2,{history[1].TrainError:R},{history[1].TestError:R}"), table[2]);
    }

    [Fact]
    public void Without_a_history_only_the_gallery_is_drawn()
    {
        (int code, string stdout, string stderr) = Run("figures", _checkpoint, "--data", _data, "--max-digits", "3");

        Assert.True(code == ExitCodes.Success, $"exit {code}: {stderr}");
        Assert.True(File.Exists(_folder.File(FiguresCommand.GalleryFileName)), "the gallery goes beside the checkpoint by default");
        Assert.False(File.Exists(_folder.File(FiguresCommand.PlotFileName)));
        Assert.Contains("no error curve", stdout);
    }

    [Fact]
    public void A_missing_checkpoint_is_one_line_and_exit_code_1()
    {
        string missing = _folder.File("nothing.ckpt");
        (int code, string stdout, string stderr) = Run("figures", missing, "--data", _data);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("lenet: ", line);
        Assert.Contains(missing, line);
    }

    [Fact]
    public void A_bad_history_is_reported_with_its_line_before_any_evaluation()
    {
        string history = _folder.File("broken.csv");
        File.WriteAllText(history, TrainingHistory.UnvalidatedHeader + "\n1,0.2,0.9,0.1,0.1,0.97,oops,0.01,5\n");

        (int code, string stdout, string stderr) = Run("figures", _checkpoint, "--data", _data, "--history", history);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Equal("", stdout);
        Assert.Equal($"lenet: {history}, line 2, column test_error: 'oops' is not a number.", stderr.Trim());
    }

    [Fact]
    public void Only_the_paper_model_gets_the_paper_reference_lines()
    {
        Assert.Equal([0.0095, 0.0035], FiguresCommand.ReferencesFor(LeNet5.NetworkName).Select(r => r.ErrorRate));
        Assert.Empty(FiguresCommand.ReferencesFor("lenet5"));
    }

    private static readonly (int, int) ErrorCurvePlotSize = (LeNet.Cli.Visualization.ErrorCurvePlot.Width, LeNet.Cli.Visualization.ErrorCurvePlot.Height);

    /// <summary>Runs the tool in-process, capturing what it prints.</summary>
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        TextWriter originalOut = Console.Out, originalError = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = Program.Main(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
