using System.Text.RegularExpressions;
using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

public class GrammarDecoderTests
{
    private static readonly Regex AmountPattern = new(@"^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)\.[0-9]{2}$");

    public static TheoryData<string, int, int> Cases => new()
    {
        { "amount", 5, 3 },
        { "zip", 5, 6 },
        { "2-3 digits", 5, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_reading_and_its_confidence_match_every_legal_reading_enumerated(string name, int positions, int trials)
    {
        (StringGrammar grammar, int answers, Func<string, bool> legal) = name switch
        {
            "amount" => (StringGrammar.Amount, AmountStrips.Answers, (Func<string, bool>)(text => AmountPattern.IsMatch(text))),
            "zip" => (StringGrammar.Zip, StripGeometry.Answers, text => text.Length == 5),
            _ => (StringGrammar.Digits(2, 3), StripGeometry.Answers, text => text.Length is 2 or 3),
        };
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        var random = new Random(17);
        for (int trial = 0; trial < trials; trial++)
        {
            float[] scores = Segmentations.RandomScores(random, positions, answers, spread: trial % 2 == 0 ? 1 : 3);
            var readings = Segmentations.All(scores, answers - 1, penalties)
                .Where(r => !double.IsNegativeInfinity(r.Score))
                .Select(r => (r.Score, Text: AmountText.Text(r.Text)))
                .Where(r => legal(r.Text)).ToList();
            var best = readings.MaxBy(r => r.Score);
            GrammarString read = GrammarDecoder.Decode(new PositionScores(scores, answers), grammar);
            Assert.Equal(best.Text, read.Text);
            double posterior = Math.Exp(Segmentations.LogSumExp(readings.Where(r => r.Text == best.Text).Select(r => r.Score)) - Segmentations.LogSumExp(readings.Select(r => r.Score)));
            Assert.Equal(posterior, read.Confidence, 3);
            Assert.Equal(read.Text.Length, read.Characters.Count);
            Assert.All(read.Characters, c => Assert.InRange(c.FirstPosition, 0, c.LastPosition));
        }
    }

    [Theory]
    [InlineData("amount", 60)]
    [InlineData("zip", 40)]
    [InlineData("1-8 digits", 90)]
    public void The_reading_and_its_confidence_match_the_composed_graph_on_long_strips(string name, int positions)
    {
        (StringGrammar grammar, int answers) = name switch
        {
            "amount" => (StringGrammar.Amount, AmountStrips.Answers),
            "zip" => (StringGrammar.Zip, StripGeometry.Answers),
            _ => (StringGrammar.Digits(1, 8), StripGeometry.Answers),
        };
        float[] penalties = CharacterModel.Penalties(DecoderOptions.Default);
        WeightedGraph model = CharacterModel.Build(answers - 1, DecoderOptions.Default.RunPriors.Count);
        WeightedGraph composed = WeightedGraph.Compose(model, grammar.Language);
        var trellis = new GraphTrellis();
        var random = new Random(5);
        for (int trial = 0; trial < 4; trial++)
        {
            float[] scores = Segmentations.RandomScores(random, positions, answers, spread: 2 + trial);
            var path = new int[positions];
            float best = trellis.Viterbi(composed, scores, answers, penalties, path);
            float all = trellis.Forward(composed, scores, answers, penalties);
            int[] characters = composed.Outputs(path);
            GrammarString read = GrammarDecoder.Decode(new PositionScores(scores, answers), grammar);
            Assert.Equal(characters, read.Characters.Select(c => c.Character));
            Assert.Equal(path.Select(arc => composed.Arcs[arc].Input), read.Path);
            float right = trellis.Forward(WeightedGraph.Compose(model, Languages.Spell([.. characters.Select(c => (byte)c)])), scores, answers, penalties);
            Assert.Equal(Math.Exp(right - all), read.Confidence, 4);
            Assert.False(float.IsNegativeInfinity(best));
        }
    }

    [Fact]
    public void Digit_scores_are_not_read_under_the_amount_grammar_nor_amount_scores_by_the_digit_decoder()
    {
        var random = new Random(3);
        Assert.Throws<ArgumentException>(() => GrammarDecoder.Decode(new PositionScores(Segmentations.RandomScores(random, 8, StripGeometry.Answers)), StringGrammar.Amount));
        Assert.Throws<ArgumentException>(() => StringDecoder.Decode(new PositionScores(Segmentations.RandomScores(random, 8, AmountStrips.Answers), AmountStrips.Answers)));
        Assert.Throws<ArgumentException>(() => GrammarDecoder.Decode(new PositionScores(Segmentations.RandomScores(random, 3, AmountStrips.Answers), AmountStrips.Answers), StringGrammar.Amount));
    }

    [Fact]
    public void Too_few_positions_for_the_grammar_are_no_reading_for_TryDecode_and_an_error_for_Decode()
    {
        var scores = new PositionScores(Segmentations.RandomScores(new Random(4), 4, StripGeometry.Answers));
        Assert.Null(GrammarDecoder.TryDecode(scores, StringGrammar.Zip, DecoderOptions.Default));
        Assert.Contains("No string of the", Assert.Throws<ArgumentException>(() => GrammarDecoder.Decode(scores, StringGrammar.Zip)).Message);

        var enough = new PositionScores(Segmentations.RandomScores(new Random(4), 9, StripGeometry.Answers));
        Assert.Equal(GrammarDecoder.Decode(enough, StringGrammar.Zip).Path, GrammarDecoder.TryDecode(enough, StringGrammar.Zip, DecoderOptions.Default)!.Path);
    }
}
