using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

public class SecondLookTests
{
    /// <summary>Scores a strip with random log-probabilities seeded by its pixels: a moved strip scores differently. Keeps what it was given.</summary>
    private sealed class PixelSeededScorer(int answers = StripGeometry.Answers, double spread = 1.5) : IPositionScorer
    {
        public List<byte[]> Seen { get; } = [];
        public int Width => StripGeometry.Width;
        public int Positions => StripGeometry.Positions(Width);

        public PositionScores Score(ReadOnlySpan<byte> strip)
        {
            Seen.Add(strip.ToArray());
            int seed = 17;
            for (int i = 0; i < strip.Length; i++) seed = unchecked(seed * 31 + strip[i] * (i + 1));
            return new PositionScores(Segmentations.RandomScores(new Random(seed), Positions, answers, spread), answers);
        }
    }

    private static byte[] RandomStrip(int seed)
    {
        var random = new Random(seed);
        var strip = new byte[StripGeometry.Height * StripGeometry.Width];
        for (int i = 0; i < strip.Length; i++) strip[i] = (byte)(random.Next(4) == 0 ? random.Next(256) : 0);
        return strip;
    }

    /// <summary>log P(label | scores) under <paramref name="language"/> with the default character model, from the composed graphs.</summary>
    private static double LogPosterior(PositionScores scores, WeightedGraph language, int[] label)
    {
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        WeightedGraph model = CharacterModel.Build(scores.Answers - 1, DecoderOptions.Default.RunPriors.Count);
        var trellis = new GraphTrellis();
        float all = trellis.Forward(WeightedGraph.Compose(model, language), scores.LogProbabilities, scores.Answers, penalties);
        float right = trellis.Forward(WeightedGraph.Compose(model, WeightedGraph.Compose(language, Languages.Spell([.. label.Select(c => (byte)c)]))),
            scores.LogProbabilities, scores.Answers, penalties);
        return right - (double)all;
    }

    /// <summary>The best string of one look, from the composed graph's Viterbi path.</summary>
    private static int[] Best(PositionScores scores, WeightedGraph language)
    {
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        WeightedGraph composed = WeightedGraph.Compose(CharacterModel.Build(scores.Answers - 1, DecoderOptions.Default.RunPriors.Count), language);
        var path = new int[scores.Positions];
        new GraphTrellis().Viterbi(composed, scores.LogProbabilities, scores.Answers, penalties, path);
        return composed.Outputs(path);
    }

    /// <summary>What a second look must choose: among the best string of each look, the one with the highest summed log-posterior.</summary>
    private static int[] Expected(IReadOnlyList<PositionScores> looks, WeightedGraph language)
    {
        var candidates = new List<int[]>();
        foreach (PositionScores look in looks)
        {
            int[] best = Best(look, language);
            if (!candidates.Any(c => c.SequenceEqual(best))) candidates.Add(best);
        }
        return candidates.MaxBy(c => looks.Sum(look => LogPosterior(look, language, c)))!;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void An_unsure_digit_string_is_the_string_the_looks_agree_on_best(int seed)
    {
        var scorer = new PixelSeededScorer();
        var reader = new StripReader(scorer) { SecondLook = new SecondLook { Threshold = 1 } };
        byte[] strip = RandomStrip(seed);
        StringReading reading = reader.Read(strip, DecoderOptions.Exactly(5));

        Assert.Equal(3, reading.Looks);
        Assert.Equal(3, scorer.Seen.Count);
        PositionScores[] looks = [.. scorer.Seen.Select(s => new PixelSeededScorer().Score(s))];
        WeightedGraph five = Languages.Length(10, 5, 5);
        int[] expected = Expected(looks, five);
        Assert.Equal(expected, reading.Digits.Select(d => d.Digit));
        // The path shown is the first look's best path that writes the chosen string.
        Assert.Equal(looks[0].LogProbabilities, reading.Scores.LogProbabilities);
        Assert.Equal(expected, reading.Digits.Select(d => reading.Decoded.Path[d.FirstPosition]));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Under_a_grammar_the_chosen_string_carries_its_posterior_on_the_first_look(int seed)
    {
        var scorer = new PixelSeededScorer();
        var reader = new StripReader(scorer) { SecondLook = new SecondLook { Threshold = 1, Shifts = [new(2, 0), new(-1, 1), new(0, -2)] } };
        GrammarReading reading = reader.Read(RandomStrip(seed), StringGrammar.Digits(1, 8));

        Assert.Equal(4, reading.Looks);
        PositionScores[] looks = [.. scorer.Seen.Select(s => new PixelSeededScorer().Score(s))];
        int[] expected = Expected(looks, StringGrammar.Digits(1, 8).Language);
        Assert.Equal(expected, reading.Characters.Select(c => c.Character));
        Assert.Equal(Math.Exp(LogPosterior(looks[0], StringGrammar.Digits(1, 8).Language, expected)), reading.Confidence, 4);
    }

    [Fact]
    public void A_sure_reading_is_scored_once_and_is_the_decoders()
    {
        var scorer = new PixelSeededScorer(spread: 12);
        var reader = new StripReader(scorer) { SecondLook = new SecondLook { Threshold = 0.5 } };
        int once = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            scorer.Seen.Clear();
            byte[] strip = RandomStrip(100 + seed);
            StringReading reading = reader.Read(strip);
            if (reading.Looks > 1) continue;
            once++;
            Assert.Single(scorer.Seen);
            Assert.Equal(StringDecoder.Decode(new PixelSeededScorer(spread: 12).Score(strip)).Text, reading.Text);
        }
        Assert.True(once > 0, "no reading was sure enough to be scored once");
    }

    [Fact]
    public void Without_a_second_look_every_strip_is_scored_once()
    {
        var scorer = new PixelSeededScorer();
        var never = new StripReader(scorer) { SecondLook = null };
        var zero = new StripReader(scorer) { SecondLook = new SecondLook { Threshold = 0 } };
        var none = new StripReader(scorer) { SecondLook = new SecondLook { Threshold = 1, Shifts = [] } };
        foreach (StripReader reader in (StripReader[])[never, zero, none])
        {
            scorer.Seen.Clear();
            byte[] strip = RandomStrip(9);
            Assert.Equal(1, reader.Read(strip, DecoderOptions.Exactly(5)).Looks);
            Assert.Equal(1, reader.Read(strip, StringGrammar.Zip).Looks);
            Assert.Equal(2, scorer.Seen.Count);
            Assert.Equal(StringDecoder.Decode(scorer.Score(strip), DecoderOptions.Exactly(5)).Text, reader.Read(strip, DecoderOptions.Exactly(5)).Text);
        }
    }

    [Fact]
    public void The_looks_are_the_strip_moved_with_background_where_it_uncovers()
    {
        var scorer = new PixelSeededScorer();
        var reader = new StripReader(scorer) { SecondLook = new SecondLook { Threshold = 1, Shifts = [new(1, 1), new(-3, 0), new(0, -2)] } };
        byte[] strip = RandomStrip(11);
        reader.Read(strip, DecoderOptions.Exactly(5));

        Assert.Equal(strip, scorer.Seen[0]);
        int width = StripGeometry.Width, height = StripGeometry.Height;
        (int Columns, int Rows)[] moves = [(1, 1), (-3, 0), (0, -2)];
        for (int look = 0; look < moves.Length; look++)
        {
            (int dx, int dy) = moves[look];
            byte[] moved = scorer.Seen[look + 1];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    int fromX = x - dx, fromY = y - dy;
                    byte expected = fromX >= 0 && fromX < width && fromY >= 0 && fromY < height ? strip[fromY * width + fromX] : (byte)0;
                    Assert.Equal(expected, moved[y * width + x]);
                }
        }
    }

    [Theory]
    [InlineData(-0.1, 1, 1)]
    [InlineData(1.5, 1, 1)]
    [InlineData(double.NaN, 1, 1)]
    [InlineData(0.9, 0, 0)]
    [InlineData(0.9, SecondLook.MaxShift + 1, 0)]
    [InlineData(0.9, 0, -SecondLook.MaxShift - 1)]
    public void Settings_a_reader_cannot_use_are_refused(double threshold, int columns, int rows)
    {
        var look = new SecondLook { Threshold = threshold, Shifts = [new(columns, rows)] };
        Assert.Throws<ArgumentException>(look.Validate);
        Assert.Throws<ArgumentException>(() => new StripReader(new PixelSeededScorer()) { SecondLook = look });
    }

    [Fact]
    public void The_default_is_a_pixel_diagonally_either_way_below_a_posterior_of_nine_tenths()
    {
        Assert.Equal(SecondLook.Default, new StripReader(new PixelSeededScorer()).SecondLook);
        Assert.Equal(0.9, SecondLook.Default.Threshold);
        Assert.Equal([new StripShift(1, 1), new StripShift(-1, -1)], SecondLook.Default.Shifts);
    }
}
