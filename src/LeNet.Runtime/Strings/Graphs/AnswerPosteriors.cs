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
    /// character model of <paramref name="options"/> composed with <paramref name="language"/>, as
    /// log-probabilities clamped at <see cref="PositionScores.MinimumProbability"/>.
    /// </summary>
    /// <param name="scores">The network's scores.</param>
    /// <param name="options">The run and adjacent priors.</param>
    /// <param name="language">The strings allowed, as a key (compared by value) naming the acceptor <paramref name="build"/> makes.</param>
    /// <param name="described">The strings allowed in words, for the error when none fits: "5 digits".</param>
    /// <param name="build">Makes the language's acceptor over characters.</param>
    /// <exception cref="ArgumentException">The options are invalid, or no string of the language fits the positions.</exception>
    public static PositionScores Of(PositionScores scores, DecoderOptions options, object language, string described, Func<WeightedGraph> build)
    {
        float[] penalties = CharacterModel.Penalties(options);
        int answers = scores.Answers;
        var posteriors = new float[scores.LogProbabilities.Length];
        if (posteriors.Length == 0) return new PositionScores(posteriors, answers);
        Workspace workspace = t_workspace ??= new Workspace();
        var key = new GraphKey(language, answers, options.RunPriors.Count);
        if (!key.Equals(workspace.Key))
        {
            WeightedGraph model = CharacterModel.Build(answers - 1, options.RunPriors.Count);
            workspace.Graph = WeightedGraph.Compose(model, build());
            workspace.Key = key;
        }
        if (float.IsNegativeInfinity(workspace.Trellis.Forward(workspace.Graph!, scores.LogProbabilities, answers, penalties)))
            throw new ArgumentException($"No string of {described} fits {scores.Positions} positions with runs of at most {options.RunPriors.Count}.");
        Span<float> penaltyGradient = stackalloc float[penalties.Length];
        workspace.Trellis.AddForwardGradient(1, posteriors, penaltyGradient);
        return PositionScores.TakeProbabilities(posteriors, answers);
    }

    /// <summary>What a composed graph was made of: the language's key, the answers and the longest run.</summary>
    private readonly record struct GraphKey(object Language, int Answers, int MaxRun);

    /// <summary>One thread's trellis and last composed graph.</summary>
    private sealed class Workspace
    {
        public GraphTrellis Trellis { get; } = new();
        public GraphKey? Key { get; set; }
        public WeightedGraph? Graph { get; set; }
    }
}
