namespace LeNet.Strings;

/// <summary>
/// Reads position scores under a grammar the paper's way (section VI): the character model
/// (<see cref="CharacterModel"/>, its penalties the log-priors of <see cref="DecoderOptions"/>) composed with
/// the grammar's language, then the best (Viterbi) path. The reading's confidence is the posterior of its
/// string among every legal reading: exp(forward score of the readings of that string - forward score of
/// all readings the grammar allows), a number in (0, 1] suited to rejecting readings below a threshold.
/// The character model reads answers 0 to answers - 2 as characters and the last as "none"; a digit
/// reader's scores (<see cref="Data.StripGeometry.Answers"/>) are read under digit grammars only.
/// </summary>
public static class GrammarDecoder
{
    /// <summary>The best reading of <paramref name="scores"/> under <paramref name="grammar"/> with <paramref name="options"/>' run and adjacent priors (its length limits are not used).</summary>
    /// <exception cref="ArgumentException">The scores have fewer characters than the grammar writes, the options are invalid, or no string of the grammar fits the positions.</exception>
    public static GrammarString Decode(PositionScores scores, StringGrammar grammar, DecoderOptions? options = null)
    {
        options ??= DecoderOptions.Default;
        float[] penalties = CharacterModel.Penalties(options);
        if (scores.Answers - 1 < grammar.Characters)
            throw new ArgumentException($"The {grammar} grammar writes {grammar.Characters} characters; these scores have {scores.Answers - 1} and none.", nameof(scores));
        WeightedGraph graph = grammar.Recognition(scores.Answers, options.RunPriors.Count);
        var trellis = new GraphTrellis();
        var path = new int[scores.Positions];
        float best = trellis.Viterbi(graph, scores.LogProbabilities, scores.Answers, penalties, path);
        if (float.IsNegativeInfinity(best))
            throw new ArgumentException($"No string of the {grammar} grammar fits {scores.Positions} positions with runs of at most {options.RunPriors.Count}.");
        float all = trellis.Forward(graph, scores.LogProbabilities, scores.Answers, penalties);
        int[] characters = graph.Outputs(path);
        WeightedGraph spelled = WeightedGraph.Compose(CharacterModel.Build(scores.Answers - 1, options.RunPriors.Count), Languages.Spell([.. characters.Select(c => (byte)c)]));
        float right = trellis.Forward(spelled, scores.LogProbabilities, scores.Answers, penalties);
        return new GrammarString(Characters(graph, path, scores), [.. path.Select(arc => graph.Arcs[arc].Input)], Math.Min(1, Math.Exp(right - all)));
    }

    /// <summary>The characters a path writes, each with the run of positions it occupies.</summary>
    private static List<ReadCharacter> Characters(WeightedGraph graph, int[] path, PositionScores scores)
    {
        var read = new List<ReadCharacter>();
        for (int t = 0; t < path.Length; t++)
        {
            GraphArc arc = graph.Arcs[path[t]];
            if (arc.Output == WeightedGraph.Epsilon) continue;
            int last = t;
            while (last + 1 < path.Length && graph.Arcs[path[last + 1]] is { Output: WeightedGraph.Epsilon } next && next.Input == arc.Input) last++;
            float confidence = float.NegativeInfinity;
            for (int p = t; p <= last; p++) confidence = Math.Max(confidence, scores[p, arc.Input]);
            read.Add(new ReadCharacter(arc.Output, t, last, Data.StripGeometry.Centre((t + last) / 2f), MathF.Exp(confidence)));
        }
        return read;
    }
}

/// <summary>One character of a reading under a grammar: the grammar's character, the run of positions it occupies and where that is.</summary>
/// <param name="Character">0-9 a digit, <see cref="Languages.ThousandsSeparator"/> ',', <see cref="Languages.DecimalSeparator"/> '.'.</param>
/// <param name="FirstPosition">The first position of its run.</param>
/// <param name="LastPosition">The last position of its run.</param>
/// <param name="X">The strip column the run is centred on (the middle of its positions' centres).</param>
/// <param name="Confidence">The highest probability the network gave this character along its run.</param>
public sealed record ReadCharacter(int Character, int FirstPosition, int LastPosition, float X, float Confidence)
{
    /// <summary>The character as text: '0'-'9', ',' or '.'.</summary>
    public char Symbol => Data.AmountText.Text([Character])[0];
}

/// <summary>The best reading of a strip's position scores under a grammar.</summary>
/// <param name="Characters">The characters read, left to right.</param>
/// <param name="Path">The answer the path takes at each position ("none" the last answer).</param>
/// <param name="Confidence">The posterior of the string read among all the grammar allows: reject below a threshold.</param>
public sealed record GrammarString(IReadOnlyList<ReadCharacter> Characters, int[] Path, double Confidence)
{
    /// <summary>The text read, e.g. "1,234.56" or "40213".</summary>
    public string Text => Data.AmountText.Text(Characters.Select(c => c.Character));
}
