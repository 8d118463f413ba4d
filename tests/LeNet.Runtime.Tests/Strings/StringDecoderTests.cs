using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

public class StringDecoderTests
{
    /// <summary>
    /// Scores from a picture of the network's answers, one character per position: a digit is answered
    /// with probability 0.9, '-' is "no digit" at 0.9; the rest of the mass is spread over the other answers.
    /// </summary>
    internal static PositionScores Scores(string answers, float sure = 0.9f)
    {
        var probabilities = new float[answers.Length * StripGeometry.Answers];
        for (int p = 0; p < answers.Length; p++)
        {
            int answer = answers[p] == '-' ? StripGeometry.NoDigit : answers[p] - '0';
            for (int a = 0; a < StripGeometry.Answers; a++)
                probabilities[p * StripGeometry.Answers + a] = a == answer ? sure : (1 - sure) / (StripGeometry.Answers - 1);
        }
        return PositionScores.FromProbabilities(probabilities);
    }

    [Theory]
    [InlineData("--3--", "3")]
    [InlineData("-33--", "3")]          // one digit answered at two positions
    [InlineData("-333-", "33")]         // a run of three is two equal digits more often than one
    [InlineData("-3-3-", "33")]         // a gap between two equal digits
    [InlineData("-3-5-7-", "357")]
    [InlineData("-35-", "35")]          // different digits side by side
    [InlineData("-----", "")]
    [InlineData("4", "4")]
    [InlineData("-3333-", "33")]        // a run too long for one digit: two equal digits side by side
    [InlineData("-333333-", "333")]
    public void Reads_runs_gaps_and_repeats(string answers, string expected) =>
        Assert.Equal(expected, StringDecoder.Decode(Scores(answers)).Text);

    [Fact]
    public void Each_digit_is_placed_at_the_middle_of_its_run()
    {
        DecodedString read = StringDecoder.Decode(Scores("-33--5-"));
        Assert.Equal([(3, 1, 2), (5, 5, 5)], read.Digits.Select(d => (d.Digit, d.FirstPosition, d.LastPosition)));
        Assert.Equal(StripGeometry.Centre(1.5f), read.Digits[0].X);
        Assert.Equal(StripGeometry.Centre(5), read.Digits[1].X);
        Assert.Equal([10, 3, 3, 10, 10, 5, 10], read.Path);
        Assert.Equal(0.9, read.Confidence, 4);
        Assert.Equal(0.9f, read.Digits[0].Confidence, 4);
    }

    [Fact]
    public void A_forced_length_takes_the_best_weak_candidate()
    {
        // Position 3 says "no digit" 0.6, "7" 0.3: left alone it is no digit; a string of two digits takes the 7.
        PositionScores scores = Scores("-3---");
        float[] raw = scores.LogProbabilities;
        for (int a = 0; a < StripGeometry.Answers; a++) raw[3 * StripGeometry.Answers + a] = MathF.Log(0.1f / 9);
        raw[3 * StripGeometry.Answers + StripGeometry.NoDigit] = MathF.Log(0.6f);
        raw[3 * StripGeometry.Answers + 7] = MathF.Log(0.3f);
        Assert.Equal("3", StringDecoder.Decode(scores).Text);
        Assert.Equal("37", StringDecoder.Decode(scores, DecoderOptions.Exactly(2)).Text);
        Assert.Equal("37", StringDecoder.Decode(scores, DecoderOptions.Between(2, 4)).Text);
    }

    [Fact]
    public void A_forced_length_splits_or_merges_runs()
    {
        Assert.Equal("33", StringDecoder.Decode(Scores("-33-"), DecoderOptions.Exactly(2)).Text);
        Assert.Equal("", StringDecoder.Decode(Scores("-3-5-"), DecoderOptions.Exactly(0)).Text);
        Assert.Equal("357", StringDecoder.Decode(Scores("-3-5-7-"), DecoderOptions.Between(1, 8)).Text);
    }

    [Theory]
    [InlineData("12345", 5, "12345")]    // every position a digit of its own: the last start is at the last position
    [InlineData("1--45", 5, "10045")]    // too few digits answered: the forced length fills the gap with the best weak candidates
    [InlineData("-----", 5, "00000")]
    [InlineData("--3-7", 4, "0307")]
    [InlineData("9----", 5, "90000")]
    public void A_length_that_needs_every_last_position_is_read_to_the_end(string answers, int digits, string expected)
    {
        // Equal weak candidates: on a tie the decoder keeps digit 0, the first.
        Assert.Equal(expected, StringDecoder.Decode(Scores(answers), DecoderOptions.Exactly(digits)).Text);
    }

    [Fact]
    public void The_more_confident_digit_survives_a_length_limit()
    {
        PositionScores scores = Scores("-3-5-");
        float[] raw = scores.LogProbabilities;
        raw[1 * StripGeometry.Answers + 3] = MathF.Log(0.5f);
        Assert.Equal("5", StringDecoder.Decode(scores, DecoderOptions.Between(0, 1)).Text);
    }

    [Fact]
    public void Empty_input_reads_nothing_and_cannot_hold_a_digit()
    {
        var empty = new PositionScores([]);
        DecodedString read = StringDecoder.Decode(empty);
        Assert.Equal("", read.Text);
        Assert.Empty(read.Path);
        Assert.Equal(1.0, read.Confidence);
        var error = Assert.Throws<ArgumentException>(() => StringDecoder.Decode(empty, DecoderOptions.Exactly(1)));
        Assert.Contains("1 digits do not fit 0 positions", error.Message);
    }

    [Fact]
    public void Too_many_digits_for_the_positions_is_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => StringDecoder.Decode(Scores("---"), DecoderOptions.Exactly(4)));
        Assert.Contains("4 digits do not fit 3 positions", error.Message);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => StringDecoder.Decode(Scores("-"), new DecoderOptions { RunPriors = [] }));
        Assert.Throws<ArgumentException>(() => StringDecoder.Decode(Scores("-"), new DecoderOptions { AdjacentPrior = 2 }));
        Assert.Throws<ArgumentException>(() => StringDecoder.Decode(Scores("-"), DecoderOptions.Between(3, 2)));
    }
}
