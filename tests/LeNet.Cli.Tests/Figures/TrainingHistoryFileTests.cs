using LeNet.Cli.Commands;

namespace LeNet.Cli.Tests.Figures;

public sealed class TrainingHistoryFileTests
{
    [Fact]
    public void Reads_every_column_of_the_file_train_writes()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("history.csv");
        File.WriteAllText(path, TrainingHistory.Header + "\n"
            + "1,0.24,0.92235,0.07765,0.1,0.97,0.03,0.088,0.9721,0.027900000000000036,0.049,53.4,\n"
            + "2,0.06,0.98105,0.01895,,,,,,,0.047,91.2,1\r\n"
            + "\n");

        IReadOnlyList<TrainingHistoryRow> rows = TrainingHistoryFile.Read(path);

        Assert.Equal(2, rows.Count);
        Assert.Equal(new TrainingHistoryRow(1, 0.24, 0.07765, 0.088, 0.027900000000000036, 0.049, 53.4), rows[0]);
        Assert.Equal(new TrainingHistoryRow(2, 0.06, 0.01895, null, null, 0.047, 91.2), rows[1]); // a pass without a test run
    }

    [Fact]
    public void Reads_a_history_written_before_the_validation_columns()
    {
        string[] lines = [TrainingHistory.UnvalidatedHeader, "1,0.24,0.92235,0.07765,0.088,0.9721,0.027900000000000036,0.049,53.4"];
        Assert.Equal(new TrainingHistoryRow(1, 0.24, 0.07765, 0.088, 0.027900000000000036, 0.049, 53.4), Assert.Single(TrainingHistoryFile.Parse("old.csv", lines)));
    }

    [Fact]
    public void Writes_the_validation_columns_and_marks_the_chosen_pass()
    {
        var history = new TrainingHistory("unused.csv") { Chosen = 1 };
        var evaluation = new LeNet.Training.EvaluationResult(100, 90, 0.5, new int[2, 2], []);
        history.Append(new LeNet.Training.EpochReport(1, 2, 0.3, 0.8, evaluation, 0.01f, 2.5, true, evaluation));
        history.Append(new LeNet.Training.EpochReport(2, 2, 0.2, 0.9, evaluation, 0.01f, 2.5, false));
        string[] lines = history.Format().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(TrainingHistory.Header, lines[0]);
        Assert.Equal("1,0.3,0.8,0.19999999999999996,0.5,0.9,0.09999999999999998,0.5,0.9,0.09999999999999998,1e-02,2.5,1", lines[1]);
        Assert.EndsWith(",,,,0.5,0.9,0.09999999999999998,1e-02,2.5,", lines[2]);
        Assert.Equal(2, TrainingHistoryFile.Parse("h.csv", lines).Count);
    }

    [Fact]
    public void A_file_with_only_the_header_has_no_rows()
    {
        Assert.Empty(TrainingHistoryFile.Parse("h.csv", [TrainingHistory.UnvalidatedHeader]));
    }

    [Fact]
    public void A_foreign_header_is_refused_with_file_line_and_the_expected_header()
    {
        var error = Assert.Throws<TrainingHistoryException>(() => TrainingHistoryFile.Parse("runs/h.csv", ["epoch,loss", "1,0.5"]));
        Assert.Equal($"runs/h.csv, line 1: expected the header '{TrainingHistory.Header}' written by 'lenet train', found 'epoch,loss'.", error.Message);
    }

    [Fact]
    public void A_bad_number_is_reported_with_its_line_and_column()
    {
        string[] lines = [TrainingHistory.UnvalidatedHeader, "1,0.2,0.9,0.1,0.1,0.97,0.03,0.01,5", "2,0.1,0.95,0.05,0.1,0.98,zero,0.01,5"];
        var error = Assert.Throws<TrainingHistoryException>(() => TrainingHistoryFile.Parse("h.csv", lines));
        Assert.Equal("h.csv, line 3, column test_error: 'zero' is not a number.", error.Message);
    }

    [Theory]
    [InlineData("1,0.2,0.9,0.1,0.1,0.97,0.03,0.01", "h.csv, line 2: 8 values, but the header has 9 columns.")]
    [InlineData("x,0.2,0.9,0.1,0.1,0.97,0.03,0.01,5", "h.csv, line 2, column pass: 'x' is not a pass number (1, 2, ...).")]
    [InlineData("1,0.2,0.9,1.5,0.1,0.97,0.03,0.01,5", "h.csv, line 2, column train_error: 1.5 is not an error rate between 0 and 1.")]
    public void Malformed_lines_say_what_is_wrong(string line, string message)
    {
        var error = Assert.Throws<TrainingHistoryException>(() => TrainingHistoryFile.Parse("h.csv", [TrainingHistory.UnvalidatedHeader, line]));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Passes_must_increase()
    {
        string row = ",0.2,0.9,0.1,0.1,0.97,0.03,0.01,5";
        var error = Assert.Throws<TrainingHistoryException>(() => TrainingHistoryFile.Parse("h.csv", [TrainingHistory.UnvalidatedHeader, "2" + row, "2" + row]));
        Assert.Equal("h.csv, line 3: pass 2 does not follow pass 2.", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<TrainingHistoryException>(() => TrainingHistoryFile.Read("/nonexistent/history.csv"));
        Assert.Equal("/nonexistent/history.csv: no such file.", error.Message);
    }
}
