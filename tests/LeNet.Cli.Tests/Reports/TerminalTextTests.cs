using LeNet.Cli.Terminal;
using LeNet.Training;

namespace LeNet.Cli.Tests.Commands;

/// <summary>The small pieces of text the terminal shows: suggestions, learning rates, the progress line.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("--epoch", "--epochs")]
    [InlineData("--epochss", "--epochs")]
    [InlineData("--Epochs", "--epochs")]
    [InlineData("--ovewrite", "--overwrite")]
    [InlineData("--overwirte", "--overwrite")]
    public void A_mistyped_option_finds_the_one_meant(string typed, string meant) =>
        Assert.Equal([meant], Suggestions.Near(typed, ["--epochs", "--batch", "--overwrite", "--out", "-e", "-o"]));

    [Theory]
    [InlineData("trian", "train")]
    [InlineData("evl", "eval")]
    [InlineData("figure", "figures")]
    [InlineData("sweap", "sweep")]
    public void A_mistyped_command_finds_the_one_meant(string typed, string meant) =>
        Assert.Equal([meant], Suggestions.Near(typed, ["train", "eval", "predict", "strings", "read", "info", "show", "sweep", "serve", "figures", "bench", "check", "export"]));

    [Theory]
    [InlineData("--bogus")]
    [InlineData("-x")]
    [InlineData("xyz")]
    public void A_word_near_nothing_finds_nothing(string typed) =>
        Assert.Empty(Suggestions.Near(typed, ["--epochs", "--batch", "-e", "train", "eval"]));

    [Fact]
    public void Two_words_equally_near_are_both_offered() =>
        Assert.Equal(["eval", "evan"], Suggestions.Near("evat", ["eval", "evan", "train"]));

    [Theory]
    [InlineData(5e-5f, "5.00e-05", "5e-05")]
    [InlineData(5e-4f, "5.00e-04", "5e-04")]
    [InlineData(0.05f, "5.00e-02", "5e-02")]
    [InlineData(0.00015f, "1.50e-04", "1.5e-04")]
    [InlineData(0.0490392f, "4.90e-02", "4.90392e-02")]
    [InlineData(1f, "1.00e+00", "1e+00")]
    [InlineData(0f, "0.00e+00", "0e+00")]
    public void Learning_rates_read_in_one_notation(float rate, string shortText, string exact)
    {
        Assert.Equal(shortText, RateText.Short(rate));
        Assert.Equal(exact, RateText.Exact(rate));
        Assert.Equal(rate, float.Parse(RateText.Exact(rate), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_epoch_table_prints_small_and_large_rates_alike()
    {
        var table = new EpochTable();
        string small = table.Row(new EpochReport(1, 2, 0.1, 0.9, null, 5e-5f, 3, IsBest: false)), large = table.Row(new EpochReport(2, 2, 0.1, 0.9, null, 5e-4f, 3, IsBest: false));
        Assert.Contains(" 5.00e-05 ", small);
        Assert.Contains(" 5.00e-04 ", large);
        Assert.Equal(small.IndexOf("e-05", StringComparison.Ordinal), large.IndexOf("e-04", StringComparison.Ordinal));
    }

    private static readonly ProgressBar.Status Training = new("pass 12/12", "60,000/60,000", "samples", "18,189/s", "ETA 1m05s", "loss 0.0027");

    [Theory]
    [InlineData(200, "pass 12/12  60,000/60,000 samples  18,189/s  ETA 1m05s  loss 0.0027")]
    [InlineData(60, "pass 12/12  60,000/60,000 samples  ETA 1m05s  loss 0.0027")]
    [InlineData(54, "pass 12/12  60,000/60,000  ETA 1m05s  loss 0.0027")] // an 80-column terminal beside the bar
    [InlineData(40, "pass 12/12  60,000/60,000  loss 0.0027")]
    public void The_progress_line_gives_up_rate_unit_and_time_before_the_loss(int room, string expected)
    {
        string line = ProgressBar.Status.Of(Training, room);
        Assert.Equal(expected, line);
        Assert.True(line.Length <= room);
    }

    [Fact]
    public void A_progress_line_with_no_room_is_cut_not_overflowing()
    {
        Assert.Equal("pass 12/12  60,000", ProgressBar.Status.Of(Training, 18));
        Assert.Equal("", ProgressBar.Status.Of(Training, 0));
    }
}
