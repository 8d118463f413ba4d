using LeNet.Cli.Commands;
using LeNet.Cli.Visualization;
using SkiaSharp;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Figures;

public sealed class ErrorCurvePlotTests(ITestOutputHelper output)
{
    [Fact]
    public void Plot_draws_both_curves_and_the_reference_lines()
    {
        IReadOnlyList<TrainingHistoryRow> history = FigureFixtures.History(20);
        byte[] png = ErrorCurvePlot.Render(history, "lenet5-paper: error rate per training pass", FiguresCommand.PaperReferences);
        string path = Path.Combine(TestSupport.OutputFolder, "errors.png");
        File.WriteAllBytes(path, png);
        output.WriteLine($"plot: {path}");

        using SKBitmap bitmap = TestSupport.DecodePng(png);
        Assert.Equal((ErrorCurvePlot.Width, ErrorCurvePlot.Height), (bitmap.Width, bitmap.Height));
        Assert.Contains(ErrorCurvePlot.TrainingColour, bitmap.Pixels);
        Assert.Contains(Palette.Accent, bitmap.Pixels);
        Assert.True(TestSupport.DistinctColours(bitmap) > 50, "the plot looks blank");
    }

    [Fact]
    public void Lines_are_drawn_where_the_values_are()
    {
        // Test error flat at 2%, training error flat at 1%, linear axis 0..2.5%: the test line is
        // above the training line, each a solid horizontal run of its colour.
        TrainingHistoryRow[] flat = [.. Enumerable.Range(1, 4).Select(p => new TrainingHistoryRow(p, null, 0.01, null, 0.02, null, null))];
        byte[] png = ErrorCurvePlot.Render(flat, "flat", [new("reference 1.5%", 0.015, ErrorSeries.Test)], ErrorScale.Linear);
        File.WriteAllBytes(Path.Combine(TestSupport.OutputFolder, "errors-linear.png"), png);
        using SKBitmap bitmap = TestSupport.DecodePng(png);
        int testRow = RowWithMost(bitmap, Palette.Accent), trainRow = RowWithMost(bitmap, ErrorCurvePlot.TrainingColour);
        Assert.True(testRow < trainRow, $"test line at y={testRow} should be above the training line at y={trainRow}");
        Assert.True(CountInRow(bitmap, testRow, Palette.Accent) > ErrorCurvePlot.Width / 2, "the test line is not a long horizontal run");
    }

    [Fact]
    public void Scale_turns_logarithmic_when_errors_span_more_than_ten_times()
    {
        Assert.True(ErrorCurvePlot.UsesLogarithmicScale(FigureFixtures.History(20), null, ErrorScale.Automatic)); // 10.3% down to 0.3%
        TrainingHistoryRow[] narrow = [new(1, null, 0.02, null, 0.03, null, null), new(2, null, 0.01, null, 0.015, null, null)];
        Assert.False(ErrorCurvePlot.UsesLogarithmicScale(narrow, null, ErrorScale.Automatic));
        Assert.True(ErrorCurvePlot.UsesLogarithmicScale(narrow, [new("far below", 0.0001, ErrorSeries.Test)], ErrorScale.Automatic));
        Assert.False(ErrorCurvePlot.UsesLogarithmicScale(FigureFixtures.History(20), null, ErrorScale.Linear));
    }

    [Fact]
    public void Logarithmic_ticks_are_one_two_three_five_steps()
    {
        Assert.Equal([0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20], ErrorCurvePlot.LogTicks(0.2, 20));
        Assert.Equal(0.2, ErrorCurvePlot.LogRound(0.277, up: false));
        Assert.Equal(10, ErrorCurvePlot.LogRound(7.77, up: true));
        Assert.Equal(5, ErrorCurvePlot.LogRound(5, up: true));
        Assert.Equal("0.35", ErrorCurvePlot.Format(0.35));
        Assert.Equal("10", ErrorCurvePlot.Format(10));
    }

    [Fact]
    public void Legend_summary_gives_the_last_and_lowest_values()
    {
        TrainingHistoryRow[] rows = [new(1, null, null, null, 0.02, null, null), new(2, null, null, null, 0.0081, null, null), new(3, null, null, null, 0.009, null, null)];
        Assert.Equal("last 0.90%, lowest 0.81% (pass 2)", ErrorCurvePlot.Summary(rows, r => r.TestError));
        Assert.Equal("not recorded", ErrorCurvePlot.Summary(rows, r => r.TrainError));
    }

    [Fact]
    public void A_history_without_error_rates_is_refused()
    {
        TrainingHistoryRow[] empty = [new(1, 0.5, null, null, null, 0.01, 3)];
        Assert.Throws<ArgumentException>(() => ErrorCurvePlot.Render(empty, "t"));
        Assert.Throws<ArgumentException>(() => ErrorCurvePlot.Render([], "t"));
    }

    private static int CountInRow(SKBitmap bitmap, int y, SKColor colour) =>
        Enumerable.Range(0, bitmap.Width).Count(x => bitmap.GetPixel(x, y) == colour);

    private static int RowWithMost(SKBitmap bitmap, SKColor colour) =>
        Enumerable.Range(0, bitmap.Height).MaxBy(y => CountInRow(bitmap, y, colour));
}
