namespace LeNet.Strings;

/// <summary>
/// The posterior of every answer at every position under a character model composed with a language:
/// P(answer a at position t | strip), the summed posteriors of the arcs that consume a at t, which is the
/// gradient of the forward score to that position's score of a (<see cref="GraphTrellis.AddForwardGradient"/>).
/// One forward-backward pass over the composed graph; each thread keeps its trellis and the last graph it
/// composed, so reading strip after strip under one model allocates only the answer.
/// </summary>
internal static class AnswerPosteriors
{
    [ThreadStatic] private static Workspace? t_workspace;

    /// <summary>
    /// The posteriors of <paramref name="scores"/>' answers (the last "none", the others characters) under the
    /// character model of <paramref name="options"/> composed with <paramref name="grammar"/>'s language or, with
    /// no grammar, with the options' length range of digits; as log-probabilities clamped at
    /// <see cref="PositionScores.MinimumProbability"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid, or no string allowed fits the positions.</exception>
    public static PositionScores Of(PositionScores scores, DecoderOptions options, StringGrammar? grammar)
    {
        float[] penalties = CharacterModel.Penalties(options);
        int answers = scores.Answers, maxRun = options.RunPriors.Count;
        var posteriors = new float[scores.LogProbabilities.Length];
        if (posteriors.Length == 0) return new PositionScores(posteriors, answers);
        Workspace workspace = t_workspace ??= new Workspace();
        var key = new GraphKey(grammar, grammar is null ? options.MinDigits : 0, grammar is null ? options.MaxDigits : null, answers, maxRun);
        if (workspace.Graph is null || key != workspace.Key)
        {
            WeightedGraph language = grammar?.Language ?? Languages.Length(StringDecoder.Digits, options.MinDigits, options.MaxDigits);
            workspace.Graph = WeightedGraph.Compose(CharacterModel.Build(answers - 1, maxRun), language);
            workspace.Key = key;
        }
        if (float.IsNegativeInfinity(workspace.Trellis.Forward(workspace.Graph, scores.LogProbabilities, answers, penalties)))
            throw new ArgumentException($"No string of {grammar?.Name ?? options.DescribeLength()} fits {scores.Positions} positions with runs of at most {maxRun}.");
        Span<float> penaltyGradient = stackalloc float[penalties.Length];
        workspace.Trellis.AddForwardGradient(1, posteriors, penaltyGradient);
        return PositionScores.TakeProbabilities(posteriors, answers);
    }

    /// <summary>What a composed graph was made of: the grammar (by reference) or the length range of digits, the answers and the longest run.</summary>
    private readonly record struct GraphKey(StringGrammar? Grammar, int MinDigits, int? MaxDigits, int Answers, int MaxRun);

    /// <summary>One thread's trellis and last composed graph.</summary>
    private sealed class Workspace
    {
        public GraphTrellis Trellis { get; } = new();
        public GraphKey Key { get; set; }
        public WeightedGraph? Graph { get; set; }
    }
}
