namespace LeNet.Strings;

/// <summary>
/// A weighted finite-state transducer over a strip's positions (the paper's graph transformer networks,
/// section VI): every arc consumes one position's answer and writes a character or nothing, and carries
/// a log-weight, fixed or learnable. A path starts at state 0 (<see cref="Start"/>), takes one arc per
/// position and ends in a final state. Cycles are allowed: a strip's positions unroll them
/// (<see cref="GraphTrellis"/>). Immutable; arcs are kept grouped by the state they enter, and
/// <see cref="Arcs"/> is in that order (a path names arcs by their index there).
/// </summary>
public sealed class WeightedGraph
{
    /// <summary>The output of an arc that writes no character.</summary>
    public const int Epsilon = -1;

    /// <summary>The penalty index of an arc or final state that has no learnable penalty.</summary>
    public const int NoPenalty = -1;

    /// <summary>The state every path starts in.</summary>
    public const int Start = 0;

    private readonly GraphArc[] _arcs;
    private readonly GraphFinal[] _finals;

    /// <summary>A graph of <paramref name="states"/> states (0 the start).</summary>
    /// <exception cref="ArgumentException">An arc or final state names a state outside the graph, an arc has a negative input, or a state is final twice.</exception>
    public WeightedGraph(int states, IEnumerable<GraphArc> arcs, IEnumerable<GraphFinal> finals)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(states, 1);
        States = states;
        _arcs = arcs.OrderBy(a => a.To).ThenBy(a => a.From).ToArray();
        _finals = finals.OrderBy(f => f.State).ToArray();
        foreach (GraphArc arc in _arcs)
        {
            if ((uint)arc.From >= (uint)states || (uint)arc.To >= (uint)states)
                throw new ArgumentException($"An arc from {arc.From} to {arc.To} leaves a graph of {states} states.", nameof(arcs));
            if (arc.Input < 0 || arc.Output < Epsilon)
                throw new ArgumentException($"The arc from {arc.From} to {arc.To} reads {arc.Input} and writes {arc.Output}: inputs are answers (0 or more), outputs characters or Epsilon.", nameof(arcs));
        }
        for (int i = 0; i < _finals.Length; i++)
            if ((uint)_finals[i].State >= (uint)states || (i > 0 && _finals[i].State == _finals[i - 1].State))
                throw new ArgumentException($"Final state {_finals[i].State} is outside a graph of {states} states or listed twice.", nameof(finals));

        InOffsets = new int[states + 1];
        foreach (GraphArc arc in _arcs) InOffsets[arc.To + 1]++;
        for (int s = 0; s < states; s++) InOffsets[s + 1] += InOffsets[s];
        OutOffsets = new int[states + 1];
        foreach (GraphArc arc in _arcs) OutOffsets[arc.From + 1]++;
        for (int s = 0; s < states; s++) OutOffsets[s + 1] += OutOffsets[s];
        OutOrder = new int[_arcs.Length];
        int[] next = OutOffsets[..states];
        for (int i = 0; i < _arcs.Length; i++) OutOrder[next[_arcs[i].From]++] = i;
        Inputs = _arcs.Length == 0 ? 0 : _arcs.Max(a => a.Input) + 1;
        Penalties = Math.Max(
            _arcs.Length == 0 ? 0 : _arcs.Max(a => Math.Max(a.Penalty, a.SecondPenalty)) + 1,
            _finals.Length == 0 ? 0 : _finals.Max(f => f.Penalty) + 1);
    }

    /// <summary>Number of states.</summary>
    public int States { get; }

    /// <summary>The arcs, grouped by the state they enter.</summary>
    public ReadOnlySpan<GraphArc> Arcs => _arcs;

    /// <summary>The final states, in state order.</summary>
    public ReadOnlySpan<GraphFinal> Finals => _finals;

    /// <summary>One more than the highest input any arc reads: the answers per position it needs at least.</summary>
    public int Inputs { get; }

    /// <summary>One more than the highest penalty index used: the length the penalty vector needs at least.</summary>
    public int Penalties { get; }

    /// <summary>Arcs entering state s are [InOffsets[s], InOffsets[s + 1]) of <see cref="Arcs"/>.</summary>
    internal int[] InOffsets { get; }

    /// <summary>Arcs leaving state s are OutOrder[OutOffsets[s] .. OutOffsets[s + 1]).</summary>
    internal int[] OutOffsets { get; }

    /// <summary>Indices of <see cref="Arcs"/> grouped by the state they leave.</summary>
    internal int[] OutOrder { get; }

    /// <summary>The characters a path of arcs (indices into <see cref="Arcs"/>) writes.</summary>
    public int[] Outputs(ReadOnlySpan<int> path)
    {
        var characters = new List<int>();
        foreach (int arc in path)
            if (_arcs[arc].Output != Epsilon) characters.Add(_arcs[arc].Output);
        return [.. characters];
    }

    /// <summary>
    /// The composition of <paramref name="first"/> with <paramref name="second"/>: the paths of
    /// <paramref name="first"/> whose characters <paramref name="second"/> reads along one of its own
    /// paths, with the inputs of <paramref name="first"/>, the outputs of <paramref name="second"/> and the
    /// weights summed. An arc of <paramref name="first"/> writing nothing moves <paramref name="first"/>
    /// alone; every arc of <paramref name="second"/> reads a character. Only states on a path from the
    /// start to a final state are kept.
    /// </summary>
    /// <exception cref="ArgumentException">A composed arc would pay more than two learnable penalties, or a final state two.</exception>
    public static WeightedGraph Compose(WeightedGraph first, WeightedGraph second)
    {
        var ids = new Dictionary<(int, int), int> { [(Start, Start)] = 0 };
        var pairs = new List<(int First, int Second)> { (Start, Start) };
        var arcs = new List<GraphArc>();
        for (int index = 0; index < pairs.Count; index++)
        {
            (int q1, int q2) = pairs[index];
            for (int o1 = first.OutOffsets[q1]; o1 < first.OutOffsets[q1 + 1]; o1++)
            {
                GraphArc a = first._arcs[first.OutOrder[o1]];
                if (a.Output == Epsilon)
                {
                    arcs.Add(a with { From = index, To = Id(a.To, q2) });
                    continue;
                }
                for (int o2 = second.OutOffsets[q2]; o2 < second.OutOffsets[q2 + 1]; o2++)
                {
                    GraphArc b = second._arcs[second.OutOrder[o2]];
                    if (b.Input != a.Output) continue;
                    int[] penalties = [.. new[] { a.Penalty, a.SecondPenalty, b.Penalty, b.SecondPenalty }.Where(p => p != NoPenalty)];
                    if (penalties.Length > 2) throw new ArgumentException("A composed arc would pay more than two learnable penalties.");
                    arcs.Add(new GraphArc(index, Id(a.To, b.To), a.Input, b.Output, a.Weight + b.Weight,
                        penalties.Length > 0 ? penalties[0] : NoPenalty, penalties.Length > 1 ? penalties[1] : NoPenalty));
                }
            }
        }
        var finals = new List<GraphFinal>();
        for (int index = 0; index < pairs.Count; index++)
        {
            (int q1, int q2) = pairs[index];
            if (first.Final(q1) is not GraphFinal f1 || second.Final(q2) is not GraphFinal f2) continue;
            if (f1.Penalty != NoPenalty && f2.Penalty != NoPenalty) throw new ArgumentException("A composed final state would pay two learnable penalties.");
            finals.Add(new GraphFinal(index, f1.Weight + f2.Weight, f1.Penalty != NoPenalty ? f1.Penalty : f2.Penalty));
        }
        return Trimmed(pairs.Count, arcs, finals);

        int Id(int q1, int q2)
        {
            if (ids.TryGetValue((q1, q2), out int id)) return id;
            ids[(q1, q2)] = pairs.Count;
            pairs.Add((q1, q2));
            return pairs.Count - 1;
        }
    }

    /// <summary>The final state <paramref name="state"/>, or null when it is not final.</summary>
    public GraphFinal? Final(int state)
    {
        int low = 0, high = _finals.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (_finals[middle].State == state) return _finals[middle];
            if (_finals[middle].State < state) low = middle + 1; else high = middle - 1;
        }
        return null;
    }

    /// <summary>The graph keeping only the states from which a final state can be reached (the start always), renumbered in order.</summary>
    private static WeightedGraph Trimmed(int states, List<GraphArc> arcs, List<GraphFinal> finals)
    {
        var useful = new bool[states];
        var stack = new Stack<int>();
        foreach (GraphFinal f in finals) { useful[f.State] = true; stack.Push(f.State); }
        ILookup<int, GraphArc> entering = arcs.ToLookup(a => a.To);
        while (stack.Count > 0)
            foreach (GraphArc arc in entering[stack.Pop()])
                if (!useful[arc.From]) { useful[arc.From] = true; stack.Push(arc.From); }
        useful[Start] = true;
        var renumbered = new int[states];
        int kept = 0;
        for (int s = 0; s < states; s++) renumbered[s] = useful[s] ? kept++ : -1;
        return new WeightedGraph(kept,
            arcs.Where(a => useful[a.From] && useful[a.To]).Select(a => a with { From = renumbered[a.From], To = renumbered[a.To] }),
            finals.Select(f => f with { State = renumbered[f.State] }));
    }
}
