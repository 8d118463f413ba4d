namespace LeNet.Strings;

/// <summary>
/// One arc of a <see cref="WeightedGraph"/>: from a state to a state, consuming one position's
/// <paramref name="Input"/> answer and writing <paramref name="Output"/> (a character, or
/// <see cref="WeightedGraph.Epsilon"/> for none). Its log-weight is <paramref name="Weight"/> plus the
/// learnable penalties it names (indices into the penalty vector the graph is scored with, or
/// <see cref="WeightedGraph.NoPenalty"/>): one arc may pay two, e.g. a digit's run ending and the next
/// digit starting right after it.
/// </summary>
/// <param name="From">The state the arc leaves.</param>
/// <param name="To">The state the arc enters.</param>
/// <param name="Input">The answer it consumes at its position (0 to answers - 1).</param>
/// <param name="Output">The character it writes, or <see cref="WeightedGraph.Epsilon"/>.</param>
/// <param name="Weight">Its fixed log-weight.</param>
/// <param name="Penalty">A learnable log-penalty it adds, or <see cref="WeightedGraph.NoPenalty"/>.</param>
/// <param name="SecondPenalty">Another learnable log-penalty it adds, or <see cref="WeightedGraph.NoPenalty"/>.</param>
public readonly record struct GraphArc(int From, int To, int Input, int Output, float Weight = 0,
    int Penalty = WeightedGraph.NoPenalty, int SecondPenalty = WeightedGraph.NoPenalty)
{
    /// <summary>The arc's log-weight under <paramref name="penalties"/>.</summary>
    public float WeightUnder(ReadOnlySpan<float> penalties) =>
        Weight + (Penalty >= 0 ? penalties[Penalty] : 0) + (SecondPenalty >= 0 ? penalties[SecondPenalty] : 0);
}

/// <summary>
/// A final state of a <see cref="WeightedGraph"/>: a path may end there, adding <paramref name="Weight"/>
/// and the learnable <paramref name="Penalty"/> (or <see cref="WeightedGraph.NoPenalty"/>).
/// </summary>
/// <param name="State">The state.</param>
/// <param name="Weight">The fixed log-weight of ending there.</param>
/// <param name="Penalty">A learnable log-penalty of ending there, or <see cref="WeightedGraph.NoPenalty"/>.</param>
public readonly record struct GraphFinal(int State, float Weight = 0, int Penalty = WeightedGraph.NoPenalty)
{
    /// <summary>The log-weight of ending there under <paramref name="penalties"/>.</summary>
    public float WeightUnder(ReadOnlySpan<float> penalties) => Weight + (Penalty >= 0 ? penalties[Penalty] : 0);
}
