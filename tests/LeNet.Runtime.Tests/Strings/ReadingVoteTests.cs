using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

/// <summary><see cref="ReadingVote"/>: the string with the highest log-posterior summed over the views, each view's posteriors enumerated.</summary>
public class ReadingVoteTests
{
    private const int MinDigits = 1, MaxDigits = 2;

    [Fact]
    public void The_vote_goes_to_the_string_most_probable_over_every_view()
    {
        var options = new DecoderOptions { MinDigits = MinDigits, MaxDigits = MaxDigits };
        float[] penalties = CharacterModel.Penalties(options);
        LanguageTable language = LanguageTable.Of(Languages.Length(StringDecoder.Digits, MinDigits, MaxDigits));
        var random = new Random(12);
        int overruled = 0;
        for (int trial = 0; trial < 20; trial++)
        {
            int positions = 2 + trial % 3;
            var scores = new List<float[]>();
            for (int v = 0; v < 2 + trial % 2; v++) scores.Add(Segmentations.RandomScores(random, positions, StripGeometry.Answers, spread: 2));
            PositionScores[] views = [.. scores.Select(s => new PositionScores(s))];
            double[] every = [.. views.Select(v => GrammarDecoder.ForwardScore(v, language, StringDecoder.Digits, penalties))];
            // Each view's best string, as the page reader's views and the second look's looks propose them.
            List<int[]> candidates = [.. views
                .Select(v => GrammarDecoder.Decode(v, language, StringDecoder.Digits, penalties, posterior: false)!.Characters.Select(c => c.Character).ToArray())
                .DistinctBy(c => string.Join(",", c))];

            (int chosen, double[] logPosteriors) = ReadingVote.Best(views, every, candidates, StringDecoder.Digits, penalties);

            // Enumerated: a string's posterior in a view is its readings' share of every allowed reading of that view.
            double[][] enumerated = [.. candidates.Select(c => scores.Select(s => LogPosterior(s, c, penalties)).ToArray())];
            int expected = Enumerable.Range(0, candidates.Count).MaxBy(c => enumerated[c].Sum());
            Assert.Equal(expected, chosen);
            Assert.Equal(enumerated[chosen], logPosteriors, (a, b) => Math.Abs(a - b) < 1e-4);
            if (chosen != 0) overruled++;
        }
        Assert.True(overruled >= 2, $"the first view's string won {20 - overruled} of 20 votes");
    }

    [Fact]
    public void A_string_no_view_can_spell_still_gives_a_choice()
    {
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        var view = new PositionScores(Segmentations.RandomScores(new Random(3), 2, StripGeometry.Answers));
        LanguageTable language = LanguageTable.Of(Languages.Length(StringDecoder.Digits, 1, 2));
        double every = GrammarDecoder.ForwardScore(view, language, StringDecoder.Digits, penalties);
        // Three digits do not fit two positions: both candidates are impossible, and the first stands.
        (int chosen, double[] logPosteriors) = ReadingVote.Best([view], [every], [[1, 2, 3], [4, 5, 6]], StringDecoder.Digits, penalties);
        Assert.Equal(0, chosen);
        Assert.Equal(double.NegativeInfinity, logPosteriors[0]);
    }

    private static double LogPosterior(float[] scores, int[] text, float[] penalties)
    {
        var readings = Segmentations.All(scores, StringDecoder.Digits, penalties).Where(r => r.Text.Length is >= MinDigits and <= MaxDigits).ToList();
        double total = Segmentations.LogSumExp(readings.Select(r => r.Score));
        var spelled = readings.Where(r => r.Text.AsSpan().SequenceEqual(text)).Select(r => r.Score).ToList();
        return spelled.Count == 0 ? double.NegativeInfinity : Segmentations.LogSumExp(spelled) - total;
    }
}
