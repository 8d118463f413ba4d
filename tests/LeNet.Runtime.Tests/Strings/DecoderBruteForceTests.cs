using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

/// <summary><see cref="StringDecoder"/> and the graph that can replace it, against every reading of random score tables.</summary>
public class DecoderBruteForceTests
{
    public static TheoryData<int, int?, string> Constraints() => new()
    {
        { 0, null, "default" }, { 1, 1, "default" }, { 2, 2, "default" }, { 3, 3, "default" }, { 1, 3, "default" },
        { 0, 2, "default" }, { 2, null, "default" }, { 0, null, "two" }, { 2, 3, "gap" }, { 0, null, "gap" }, { 1, 4, "flat" },
    };

    internal static DecoderOptions Options(int min, int? max, string priors) => (priors switch
    {
        "two" => new DecoderOptions { RunPriors = [0.6f, 0.4f], AdjacentPrior = 0.3f },
        "gap" => new DecoderOptions { RunPriors = [0.5f, 0f, 0.5f], AdjacentPrior = 0.05f },
        "flat" => new DecoderOptions { RunPriors = [1f, 1f, 1f], AdjacentPrior = 1f },
        _ => DecoderOptions.Default,
    }) with { MinDigits = min, MaxDigits = max };

    internal static bool Allowed(Segmentations.Reading reading, DecoderOptions options) =>
        reading.Text.Length >= options.MinDigits && reading.Text.Length <= (options.MaxDigits ?? int.MaxValue);

    [Theory]
    [MemberData(nameof(Constraints))]
    public void The_decoder_finds_the_best_reading_of_every_length_and_prior(int min, int? max, string priors)
    {
        DecoderOptions options = Options(min, max, priors);
        float[] penalties = CharacterModel.Penalties(options);
        var random = new Random(min * 31 + (max ?? 9) * 7 + priors.Length);
        for (int trial = 0; trial < 12; trial++)
        {
            int positions = 1 + trial % 4;
            if (positions < min) continue;
            float[] scores = Segmentations.RandomScores(random, positions, StripGeometry.Answers, spread: trial % 2 == 0 ? 1 : 3);
            Segmentations.Reading best = Segmentations.All(scores, 10, penalties).Where(r => Allowed(r, options)).MaxBy(r => r.Score);

            DecodedString decoded = StringDecoder.Decode(new PositionScores(scores), options);
            Assert.Equal(best.Score, PathScore(decoded, scores, penalties), 3);
            Assert.Equal(string.Concat(best.Text), decoded.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Constraints))]
    public void The_character_model_graph_reads_as_the_brute_force(int min, int? max, string priors)
    {
        DecoderOptions options = Options(min, max, priors);
        float[] penalties = CharacterModel.Penalties(options);
        WeightedGraph model = CharacterModel.Build(10, options.RunPriors.Count);
        WeightedGraph graph = options.CountsDigits ? WeightedGraph.Compose(model, Languages.Length(10, min, max)) : model;
        var trellis = new GraphTrellis();
        var random = new Random(min * 17 + (max ?? 9) + priors.Length);
        for (int trial = 0; trial < 8; trial++)
        {
            int positions = 1 + trial % 4;
            if (positions < min) continue;
            float[] scores = Segmentations.RandomScores(random, positions, StripGeometry.Answers);
            List<Segmentations.Reading> readings = Segmentations.All(scores, 10, penalties).Where(r => Allowed(r, options)).ToList();
            Segmentations.Reading best = readings.MaxBy(r => r.Score);

            var path = new int[positions];
            Assert.Equal(best.Score, trellis.Viterbi(graph, scores, StripGeometry.Answers, penalties, path), 3);
            Assert.Equal(best.Text, graph.Outputs(path));
            Assert.Equal(Segmentations.LogSumExp(readings.Select(r => r.Score)), trellis.Forward(graph, scores, StripGeometry.Answers, penalties), 3);
            Assert.Equal(string.Concat(best.Text), StringDecoder.Decode(new PositionScores(scores), options).Text);
        }
    }

    /// <summary>The score of the decoder's path: its answers' scores, each run's log-prior, the adjacent prior where a run starts right after another.</summary>
    private static double PathScore(DecodedString decoded, float[] scores, float[] penalties)
    {
        double score = decoded.Path.Select((a, t) => (double)scores[t * StripGeometry.Answers + a]).Sum();
        for (int i = 0; i < decoded.Digits.Count; i++)
        {
            ReadDigit digit = decoded.Digits[i];
            score += penalties[digit.LastPosition - digit.FirstPosition];
            if (i > 0 && decoded.Digits[i - 1].LastPosition == digit.FirstPosition - 1) score += penalties[^1];
        }
        return score;
    }
}
