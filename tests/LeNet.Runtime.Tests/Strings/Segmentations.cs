namespace LeNet.Runtime.Tests.Strings;

/// <summary>
/// Every reading of a few positions under the character model, enumerated one by one, with no graph: at
/// each position "none" or a character, a character either starting a run or going on with the one
/// before. The brute-force reference for the decoder and the graphs.
/// </summary>
internal static class Segmentations
{
    /// <summary>One reading: its score (position scores plus log-penalties), its text, its answer at each position.</summary>
    internal readonly record struct Reading(double Score, int[] Text, int[] Answers);

    /// <summary>
    /// Every reading of <paramref name="scores"/> (positions x (characters + 1), "none" last) with runs of at
    /// most <paramref name="penalties"/>.Length - 1 positions: run k pays penalties[k - 1] when it ends, a
    /// character starting right after a run pays penalties[^1] more.
    /// </summary>
    public static List<Reading> All(float[] scores, int characters, float[] penalties)
    {
        int answers = characters + 1, positions = scores.Length / answers, maxRun = penalties.Length - 1;
        var readings = new List<Reading>();
        var chosen = new int[positions];
        var starts = new bool[positions];
        Walk(0);
        return readings;

        void Walk(int t)
        {
            if (t == positions)
            {
                readings.Add(Score());
                return;
            }
            for (int a = 0; a <= characters; a++)
            {
                chosen[t] = a;
                starts[t] = true;
                Walk(t + 1);
                if (a < characters && t > 0 && chosen[t - 1] == a)
                {
                    starts[t] = false;
                    Walk(t + 1);
                }
            }
        }

        Reading Score()
        {
            double score = 0;
            var text = new List<int>();
            for (int t = 0; t < positions; t++) score += scores[t * answers + chosen[t]];
            for (int t = 0; t < positions; t++)
            {
                if (chosen[t] == characters || !starts[t]) continue;
                int end = t;
                while (end + 1 < positions && chosen[end + 1] == chosen[t] && !starts[end + 1]) end++;
                int run = end - t + 1;
                if (run > maxRun) return new Reading(double.NegativeInfinity, [], chosen.ToArray());
                score += penalties[run - 1];
                if (t > 0 && chosen[t - 1] != characters) score += penalties[^1];
                text.Add(chosen[t]);
            }
            return new Reading(score, [.. text], chosen.ToArray());
        }
    }

    public static double LogSumExp(IEnumerable<double> values)
    {
        double[] all = values.ToArray();
        double max = all.Length == 0 ? double.NegativeInfinity : all.Max();
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(all.Sum(v => Math.Exp(v - max)));
    }

    /// <summary>Random log-probabilities: each position's answers a softmax of normal logits.</summary>
    public static float[] RandomScores(Random random, int positions, int answers, double spread = 2)
    {
        var scores = new float[positions * answers];
        for (int t = 0; t < positions; t++)
        {
            double[] logits = Enumerable.Range(0, answers).Select(_ => spread * Normal(random)).ToArray();
            double log = LogSumExp(logits);
            for (int a = 0; a < answers; a++) scores[t * answers + a] = (float)(logits[a] - log);
        }
        return scores;
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
