using System.Text.RegularExpressions;
using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

/// <summary>The posteriors of the answers at each position (<see cref="StringDecoder.Posteriors"/>, <see cref="GrammarDecoder.Posteriors"/>) against every reading enumerated.</summary>
public class PosteriorTests
{
    private static readonly Regex AmountPattern = new(@"^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\.[0-9]{2}$");

    /// <summary>P(answer a at t): the readings' probabilities (normalised over <paramref name="readings"/>) summed where they answer a at t.</summary>
    private static double[,] Enumerated(IReadOnlyList<Segmentations.Reading> readings, int positions, int answers)
    {
        double total = Segmentations.LogSumExp(readings.Select(r => r.Score));
        var posteriors = new double[positions, answers];
        foreach (Segmentations.Reading reading in readings)
            for (int t = 0; t < positions; t++) posteriors[t, reading.Answers[t]] += Math.Exp(reading.Score - total);
        return posteriors;
    }

    private static void AssertSame(double[,] expected, PositionScores posteriors)
    {
        Assert.Equal(expected.GetLength(0), posteriors.Positions);
        Assert.Equal(expected.GetLength(1), posteriors.Answers);
        for (int t = 0; t < posteriors.Positions; t++)
        {
            double sum = 0;
            for (int a = 0; a < posteriors.Answers; a++)
            {
                double p = Math.Exp(posteriors[t, a]);
                Assert.True(Math.Abs(expected[t, a] - p) < 1e-4, $"position {t}, answer {a}: {p}, enumerated {expected[t, a]}");
                sum += p;
            }
            Assert.Equal(1, sum, 4);
        }
    }

    [Theory]
    [MemberData(nameof(DecoderBruteForceTests.Constraints), MemberType = typeof(DecoderBruteForceTests))]
    public void Each_answers_posterior_is_the_sum_over_the_readings_that_answer_it(int min, int? max, string priors)
    {
        DecoderOptions options = DecoderBruteForceTests.Options(min, max, priors);
        float[] penalties = CharacterModel.Penalties(options);
        var random = new Random(min * 13 + (max ?? 9) * 5 + priors.Length);
        int checkedTables = 0;
        for (int trial = 0; trial < 10; trial++)
        {
            int positions = 1 + trial % 4;
            if (positions < min) continue;
            float[] scores = Segmentations.RandomScores(random, positions, StripGeometry.Answers, spread: trial % 2 == 0 ? 1 : 3);
            var readings = Segmentations.All(scores, 10, penalties).Where(r => DecoderBruteForceTests.Allowed(r, options)).ToList();
            AssertSame(Enumerated(readings, positions, StripGeometry.Answers), StringDecoder.Posteriors(new PositionScores(scores), options));
            checkedTables++;
        }
        Assert.True(checkedTables >= 4);
    }

    [Fact]
    public void Under_an_exact_length_the_posteriors_count_only_readings_of_that_length()
    {
        var random = new Random(5);
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        float[] scores = Segmentations.RandomScores(random, 4, StripGeometry.Answers, spread: 3);
        var all = Segmentations.All(scores, 10, penalties);
        foreach (int digits in (int[])[0, 1, 2, 4])
        {
            var readings = all.Where(r => r.Text.Length == digits).ToList();
            PositionScores posteriors = StringDecoder.Posteriors(new PositionScores(scores), DecoderOptions.Exactly(digits));
            AssertSame(Enumerated(readings, 4, StripGeometry.Answers), posteriors);
        }
        // Four digits on four positions: every position is a digit.
        PositionScores four = StringDecoder.Posteriors(new PositionScores(scores), DecoderOptions.Exactly(4));
        for (int t = 0; t < 4; t++) Assert.True(Math.Exp(four[t, StripGeometry.NoDigit]) < 1e-6);
        Assert.Throws<ArgumentException>(() => StringDecoder.Posteriors(new PositionScores(scores), DecoderOptions.Exactly(5)));
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("2-3 digits")]
    [InlineData("2-3 digits of an amounts reader")]
    public void Under_a_grammar_the_posteriors_sum_over_its_readings(string name)
    {
        (StringGrammar grammar, int answers, Func<string, bool> legal) = name switch
        {
            "amount" => (StringGrammar.Amount, AmountStrips.Answers, (Func<string, bool>)(text => AmountPattern.IsMatch(text))),
            "2-3 digits" => (StringGrammar.Digits(2, 3), StripGeometry.Answers, text => text.Length is 2 or 3),
            _ => (StringGrammar.Digits(2, 3), AmountStrips.Answers, text => text.Length is 2 or 3 && text.All(char.IsAsciiDigit)),
        };
        int positions = name == "amount" ? 5 : 4;
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        var random = new Random(name.Length);
        for (int trial = 0; trial < 2; trial++)
        {
            float[] scores = Segmentations.RandomScores(random, positions, answers, spread: trial == 0 ? 1 : 3);
            var readings = Segmentations.All(scores, answers - 1, penalties)
                .Where(r => !double.IsNegativeInfinity(r.Score) && legal(AmountText.Text(r.Text))).ToList();
            AssertSame(Enumerated(readings, positions, answers), GrammarDecoder.Posteriors(new PositionScores(scores, answers), grammar));
        }
    }

    [Fact]
    public void On_a_clear_strip_the_most_probable_answers_are_where_the_best_path_goes()
    {
        // 2 2 . 7 . . 3 3 3 . 0: runs of two and three positions, one digit each, and a lone 0.
        int[] answers = [2, 2, 10, 7, 10, 10, 3, 3, 10, 10, 0];
        var probabilities = new float[answers.Length * StripGeometry.Answers];
        for (int t = 0; t < answers.Length; t++)
            for (int a = 0; a < StripGeometry.Answers; a++)
                probabilities[t * StripGeometry.Answers + a] = a == answers[t] ? 0.9f : 0.01f;
        PositionScores scores = PositionScores.FromProbabilities(probabilities);
        foreach (DecoderOptions options in (DecoderOptions[])[DecoderOptions.Default, DecoderOptions.Exactly(4)])
        {
            DecodedString decoded = StringDecoder.Decode(scores, options);
            PositionScores posteriors = StringDecoder.Posteriors(scores, options);
            Assert.Equal("2730", decoded.Text);
            Assert.Equal(answers, decoded.Path);
            for (int t = 0; t < answers.Length; t++) Assert.Equal(decoded.Path[t], posteriors.Best(t));
        }
    }

    [Fact]
    public void Once_warm_a_strip_allocates_little_more_than_its_posteriors()
    {
        var random = new Random(3);
        var scores = new PositionScores(Segmentations.RandomScores(random, 60, StripGeometry.Answers));
        DecoderOptions zip = DecoderOptions.Exactly(5);
        StringDecoder.Posteriors(scores, zip);
        // The least of three calls: a call the runtime happens to recompile in the middle counts the compiler's allocations too.
        long allocated = long.MaxValue;
        int length = 0;
        for (int call = 0; call < 3; call++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            PositionScores posteriors = StringDecoder.Posteriors(scores, zip);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            length = posteriors.LogProbabilities.Length;
        }
        Assert.InRange(allocated, length * sizeof(float), length * sizeof(float) + 1024);
    }

    [Fact]
    public void No_positions_have_no_posteriors_and_bad_scores_are_refused()
    {
        Assert.Equal(0, StringDecoder.Posteriors(new PositionScores([])).Positions);
        var amounts = new PositionScores(new float[2 * AmountStrips.Answers], AmountStrips.Answers);
        Assert.Contains("11 answers", Assert.Throws<ArgumentException>(() => StringDecoder.Posteriors(amounts)).Message);
        var digits = new PositionScores(new float[2 * StripGeometry.Answers]);
        Assert.Contains("amount", Assert.Throws<ArgumentException>(() => GrammarDecoder.Posteriors(digits, StringGrammar.Amount)).Message);
        Assert.Contains("No string of 3 digits", Assert.Throws<ArgumentException>(() => StringDecoder.Posteriors(digits, DecoderOptions.Exactly(3))).Message);
    }
}
