using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

/// <summary>Forward and Viterbi scores of weighted graphs against every path, their gradients against finite differences, and the grammars.</summary>
public class WeightedGraphTests
{
    private const int Answers = 3;

    /// <summary>A random graph: a few states, arcs with random answers, weights and penalties (some two), random final states.</summary>
    private static WeightedGraph RandomGraph(Random random, int states = 4, int arcs = 12, int penalties = 3)
    {
        var list = new List<GraphArc>();
        for (int i = 0; i < arcs; i++)
            list.Add(new GraphArc(random.Next(states), random.Next(states), random.Next(Answers), random.Next(-1, 2),
                (float)Segmentations.Normal(random), random.Next(-1, penalties), random.Next(3) == 0 ? random.Next(penalties) : WeightedGraph.NoPenalty));
        var finals = Enumerable.Range(0, states).Where(_ => random.Next(2) == 0)
            .Select(s => new GraphFinal(s, (float)Segmentations.Normal(random), random.Next(-1, penalties))).ToList();
        if (finals.Count == 0) finals.Add(new GraphFinal(states - 1));
        return new WeightedGraph(states, list, finals);
    }

    private static float[] RandomPenalties(Random random, int count) => Enumerable.Range(0, count).Select(_ => (float)Segmentations.Normal(random)).ToArray();

    /// <summary>Every path's score: one arc per position from the start, ending in a final state.</summary>
    private static List<(double Score, int[] Path)> Paths(WeightedGraph graph, float[] scores, int answers, float[] penalties)
    {
        int positions = scores.Length / answers;
        var paths = new List<(double, int[])>();
        var path = new int[positions];
        Walk(0, WeightedGraph.Start, 0);
        return paths;

        void Walk(int t, int state, double score)
        {
            if (t == positions)
            {
                if (graph.Final(state) is GraphFinal final) paths.Add((score + final.WeightUnder(penalties), path.ToArray()));
                return;
            }
            for (int i = 0; i < graph.Arcs.Length; i++)
            {
                GraphArc arc = graph.Arcs[i];
                if (arc.From != state) continue;
                path[t] = i;
                Walk(t + 1, arc.To, score + arc.WeightUnder(penalties) + scores[t * answers + arc.Input]);
            }
        }
    }

    [Fact]
    public void Forward_is_the_log_sum_and_Viterbi_the_best_over_all_paths()
    {
        var random = new Random(1);
        var trellis = new GraphTrellis();
        int checkedGraphs = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            WeightedGraph graph = RandomGraph(random);
            float[] penalties = RandomPenalties(random, 3);
            int positions = 1 + trial % 5;
            float[] scores = Segmentations.RandomScores(random, positions, Answers);
            var paths = Paths(graph, scores, Answers, penalties);
            var path = new int[positions];
            float viterbi = trellis.Viterbi(graph, scores, Answers, penalties, path);
            float forward = trellis.Forward(graph, scores, Answers, penalties);
            if (paths.Count == 0)
            {
                Assert.Equal(float.NegativeInfinity, viterbi);
                Assert.Equal(float.NegativeInfinity, forward);
                continue;
            }
            checkedGraphs++;
            Assert.Equal(Segmentations.LogSumExp(paths.Select(p => p.Score)), forward, 3);
            var best = paths.MaxBy(p => p.Score);
            Assert.Equal(best.Score, viterbi, 3);
            Assert.Equal(best.Path, path);
        }
        Assert.True(checkedGraphs > 20);
    }

    [Fact]
    public void The_forward_gradient_matches_finite_differences()
    {
        var random = new Random(2);
        var trellis = new GraphTrellis();
        for (int trial = 0; trial < 10; trial++)
        {
            WeightedGraph graph = RandomGraph(random, states: 5, arcs: 16);
            float[] penalties = RandomPenalties(random, 3);
            float[] scores = Segmentations.RandomScores(random, 4, Answers);
            if (float.IsNegativeInfinity(trellis.Forward(graph, scores, Answers, penalties))) continue;
            var scoreGradient = new float[scores.Length];
            var penaltyGradient = new float[penalties.Length];
            trellis.AddForwardGradient(1, scoreGradient, penaltyGradient);

            for (int i = 0; i < scores.Length; i++)
                Assert.Equal(Difference(scores, i, () => trellis.Forward(graph, scores, Answers, penalties)), scoreGradient[i], 2);
            for (int i = 0; i < penalties.Length; i++)
                Assert.Equal(Difference(penalties, i, () => trellis.Forward(graph, scores, Answers, penalties)), penaltyGradient[i], 2);
        }
    }

    [Fact]
    public void The_Viterbi_gradient_matches_finite_differences()
    {
        var random = new Random(3);
        var trellis = new GraphTrellis();
        for (int trial = 0; trial < 10; trial++)
        {
            WeightedGraph graph = RandomGraph(random, states: 5, arcs: 16);
            float[] penalties = RandomPenalties(random, 3);
            float[] scores = Segmentations.RandomScores(random, 4, Answers);
            var path = new int[4];
            if (float.IsNegativeInfinity(trellis.Viterbi(graph, scores, Answers, penalties, path))) continue;
            var scoreGradient = new float[scores.Length];
            var penaltyGradient = new float[penalties.Length];
            GraphTrellis.AddPathGradient(graph, path, Answers, 1, scoreGradient, penaltyGradient);

            for (int i = 0; i < scores.Length; i++)
                Assert.Equal(Difference(scores, i, () => trellis.Viterbi(graph, scores, Answers, penalties, path), step: 1e-3f), scoreGradient[i], 2);
            for (int i = 0; i < penalties.Length; i++)
                Assert.Equal(Difference(penalties, i, () => trellis.Viterbi(graph, scores, Answers, penalties, path), step: 1e-3f), penaltyGradient[i], 2);
        }
    }

    /// <summary>The central difference of <paramref name="score"/> in <paramref name="values"/>[<paramref name="i"/>].</summary>
    private static double Difference(float[] values, int i, Func<float> score, float step = 1e-2f)
    {
        float kept = values[i];
        values[i] = kept + step;
        double up = score();
        values[i] = kept - step;
        double down = score();
        values[i] = kept;
        return (up - down) / (2 * step);
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 2, 2 })]
    [InlineData(new byte[] { 0, 2, 1 })]
    [InlineData(new byte[] { 1, 1, 1 })]
    public void A_spelled_label_sums_exactly_the_readings_of_that_label(byte[] label)
    {
        const int characters = 3;
        var random = new Random(label.Length * 10 + label[0]);
        float[] penalties = [-0.6f, -0.8f, -3f, -2f];
        WeightedGraph graph = WeightedGraph.Compose(CharacterModel.Build(characters, 3), Languages.Spell(label));
        var trellis = new GraphTrellis();
        for (int positions = label.Length; positions <= 6; positions++)
        {
            float[] scores = Segmentations.RandomScores(random, positions, characters + 1);
            var readings = Segmentations.All(scores, characters, penalties).Where(r => r.Text.SequenceEqual(label.Select(b => (int)b))).ToList();
            Assert.Equal(Segmentations.LogSumExp(readings.Select(r => r.Score)), trellis.Forward(graph, scores, characters + 1, penalties), 3);
            var path = new int[positions];
            Assert.Equal(readings.Max(r => r.Score), trellis.Viterbi(graph, scores, characters + 1, penalties, path), 3);
            Assert.Equal(label.Select(b => (int)b), graph.Outputs(path));
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 3)]
    [InlineData(2, null)]
    [InlineData(0, 0)]
    public void A_length_range_sums_exactly_the_readings_of_those_lengths(int min, int? max)
    {
        const int characters = 3;
        var random = new Random(min * 5 + (max ?? 7));
        float[] penalties = [-0.6f, -0.8f, -3f, -2f];
        WeightedGraph graph = WeightedGraph.Compose(CharacterModel.Build(characters, 3), Languages.Length(characters, min, max));
        var trellis = new GraphTrellis();
        for (int positions = Math.Max(1, min); positions <= 6; positions++)
        {
            float[] scores = Segmentations.RandomScores(random, positions, characters + 1);
            var readings = Segmentations.All(scores, characters, penalties).Where(r => r.Text.Length >= min && r.Text.Length <= (max ?? int.MaxValue)).ToList();
            Assert.Equal(Segmentations.LogSumExp(readings.Select(r => r.Score)), trellis.Forward(graph, scores, characters + 1, penalties), 3);
        }
    }

    [Theory]
    [InlineData("0.00", true)]
    [InlineData("12.34", true)]
    [InlineData("1234567.89", true)]
    [InlineData("1,234.56", true)]
    [InlineData("123,456,789.01", true)]
    [InlineData("1234", false)]
    [InlineData(".56", false)]
    [InlineData("1.5", false)]
    [InlineData("1.567", false)]
    [InlineData("12,34.56", false)]
    [InlineData("1234,567.89", false)]
    [InlineData("1,234,56.78", false)]
    [InlineData(",123.45", false)]
    public void The_amount_grammar_reads_amounts_only(string text, bool accepted)
    {
        int[] characters = text.Select(c => c switch { ',' => Languages.ThousandsSeparator, '.' => Languages.DecimalSeparator, _ => c - '0' }).ToArray();
        Assert.Equal(accepted, Accepts(Languages.Amount(), characters));
    }

    [Fact]
    public void The_amount_grammar_accepts_what_its_pattern_says_up_to_five_characters()
    {
        WeightedGraph amount = Languages.Amount();
        var pattern = new System.Text.RegularExpressions.Regex(@"^([0-9]+|[0-9]{1,3}(,[0-9]{3})+)\.[0-9]{2}$");
        const string alphabet = "0123456789,.";
        int accepted = 0;
        for (int length = 0; length <= 5; length++)
            foreach (int[] characters in Strings(length, alphabet.Length))
            {
                bool expected = pattern.IsMatch(string.Concat(characters.Select(c => alphabet[c])));
                Assert.Equal(expected, Accepts(amount, characters));
                if (expected) accepted++;
            }
        Assert.Equal(11_000, accepted); // d.dd and dd.dd
    }

    [Fact]
    public void The_character_model_reads_amounts_as_the_brute_force()
    {
        float[] penalties = [-0.6f, -0.8f, -3f, -2f];
        WeightedGraph graph = WeightedGraph.Compose(CharacterModel.Build(Languages.AmountCharacters, 3), Languages.Amount());
        var random = new Random(4);
        var trellis = new GraphTrellis();
        WeightedGraph amount = Languages.Amount();
        for (int trial = 0; trial < 2; trial++)
        {
            float[] scores = Segmentations.RandomScores(random, 4, Languages.AmountCharacters + 1, spread: 1);
            var readings = Segmentations.All(scores, Languages.AmountCharacters, penalties).Where(r => Accepts(amount, r.Text)).ToList();
            Assert.NotEmpty(readings);
            Assert.Equal(Segmentations.LogSumExp(readings.Select(r => r.Score)), trellis.Forward(graph, scores, Languages.AmountCharacters + 1, penalties), 3);
        }
    }

    private static IEnumerable<int[]> Strings(int length, int alphabet)
    {
        var text = new int[length];
        long count = (long)Math.Pow(alphabet, length);
        for (long n = 0; n < count; n++)
        {
            long rest = n;
            for (int i = 0; i < length; i++, rest /= alphabet) text[i] = (int)(rest % alphabet);
            yield return text;
        }
    }

    /// <summary>Whether an acceptor reads <paramref name="characters"/> from its start to a final state (every state set it can be in).</summary>
    private static bool Accepts(WeightedGraph acceptor, IReadOnlyList<int> characters)
    {
        var states = new HashSet<int> { WeightedGraph.Start };
        GraphArc[] arcs = acceptor.Arcs.ToArray();
        foreach (int c in characters)
            states = arcs.Where(a => states.Contains(a.From) && a.Input == c).Select(a => a.To).ToHashSet();
        return states.Any(s => acceptor.Final(s) is not null);
    }
}
