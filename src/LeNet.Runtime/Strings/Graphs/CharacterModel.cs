namespace LeNet.Strings;

/// <summary>
/// The character model as a <see cref="WeightedGraph"/>, its weights learnable log-penalties: the
/// answer "none" (the last answer, <c>characters</c>; "no digit" for a digit reader) anywhere; a
/// character occupies a run of 1 to <c>maxRun</c> positions, its run of k positions paying penalty
/// k - 1 when it ends; a character may start right after another's run, with no "none" between, paying
/// <see cref="Adjacent"/>(maxRun) more. Each character is written on the first arc of its run. With the
/// log-priors of <see cref="DecoderOptions"/> as penalties (<see cref="Penalties"/>) its best path is
/// <see cref="StringDecoder"/>'s reading; composed with a <see cref="Languages"/> graph it reads only
/// that language.
/// </summary>
public static class CharacterModel
{
    /// <summary>
    /// The model for <paramref name="characters"/> characters (answers 0 to characters - 1, "none" the
    /// answer <paramref name="characters"/>) and runs of at most <paramref name="maxRun"/> positions.
    /// State 0 is "none"; state 1 + c * maxRun + k - 1 is character c at place k of its run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No characters, or runs shorter than one position.</exception>
    public static WeightedGraph Build(int characters, int maxRun)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(characters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRun, 1);
        int none = characters;
        var arcs = new List<GraphArc> { new(0, 0, none, WeightedGraph.Epsilon) };
        var finals = new List<GraphFinal> { new(0) };
        for (int c = 0; c < characters; c++)
        {
            arcs.Add(new GraphArc(0, State(c, 1), c, c));
            for (int k = 1; k <= maxRun; k++)
            {
                int state = State(c, k), run = k - 1;
                if (k < maxRun) arcs.Add(new GraphArc(state, State(c, k + 1), c, WeightedGraph.Epsilon));
                arcs.Add(new GraphArc(state, 0, none, WeightedGraph.Epsilon, Penalty: run));
                for (int next = 0; next < characters; next++)
                    arcs.Add(new GraphArc(state, State(next, 1), next, next, Penalty: run, SecondPenalty: Adjacent(maxRun)));
                finals.Add(new GraphFinal(state, Penalty: run));
            }
        }
        return new WeightedGraph(1 + characters * maxRun, arcs, finals);

        int State(int c, int k) => 1 + c * maxRun + k - 1;
    }

    /// <summary>The index of the penalty a character pays for starting right after another's run.</summary>
    public static int Adjacent(int maxRun) => maxRun;

    /// <summary>The decoder's options (any length) for <paramref name="penalties"/>: the inverse of <see cref="Penalties"/>.</summary>
    /// <exception cref="ArgumentException">A penalty is above 0 (not a log-probability), or there are fewer than two.</exception>
    public static DecoderOptions Options(ReadOnlySpan<float> penalties)
    {
        if (penalties.Length < 2) throw new ArgumentException($"A character model has run penalties and an adjacent penalty, not {penalties.Length} penalties.");
        var options = new DecoderOptions { RunPriors = [.. penalties[..^1].ToArray().Select(MathF.Exp)], AdjacentPrior = MathF.Exp(penalties[^1]) };
        options.Validate();
        return options;
    }

    /// <summary>The penalties of <paramref name="options"/>: the logs of its run priors, then of its adjacent prior.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static float[] Penalties(DecoderOptions options)
    {
        options.Validate();
        return [.. options.RunPriors.Select(Log), Log(options.AdjacentPrior)];

        static float Log(float probability) => probability > 0 ? MathF.Log(probability) : float.NegativeInfinity;
    }
}
