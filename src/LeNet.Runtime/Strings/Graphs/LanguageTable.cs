namespace LeNet.Strings;

/// <summary>
/// A grammar's language laid out for <see cref="GrammarDecoder"/>: a deterministic acceptor over at most
/// <see cref="Lanes"/> characters, with its final states and its moves (one per pair of states joined by
/// at least one character) grouped by the state they enter, each move's characters a lane mask: 0 in the
/// lanes of the characters it reads, minus infinity in the others, so that a score broadcast over the
/// lanes and added to the mask is the score of starting each character by that move.
/// </summary>
internal sealed class LanguageTable
{
    /// <summary>The most characters a table holds: one lane each in a group of scores.</summary>
    public const int Lanes = 16;

    private LanguageTable(int states, bool[] final, int[] moveFrom, int[] moveTo, float[] masks)
    {
        States = states;
        Final = final;
        MoveFrom = moveFrom;
        MoveTo = moveTo;
        Masks = masks;
        Gates = [.. masks.Select(mask => mask == 0 ? 1.0 : 0.0)];
    }

    /// <summary>Number of states; 0 is the start.</summary>
    public int States { get; }

    /// <summary>Whether each state is final.</summary>
    public bool[] Final { get; }

    /// <summary>The state each move leaves; moves are ordered by the state they enter, then the state they leave.</summary>
    public int[] MoveFrom { get; }

    /// <summary>The state each move enters.</summary>
    public int[] MoveTo { get; }

    /// <summary><see cref="Lanes"/> floats per move: 0 where the move reads the lane's character, minus infinity elsewhere.</summary>
    public float[] Masks { get; }

    /// <summary>The masks as probabilities: 1 where the move reads the lane's character, 0 elsewhere.</summary>
    public double[] Gates { get; }

    /// <summary>The table of <paramref name="language"/>, an acceptor (each arc reads and writes one character, weight 0, no penalty) over at most <see cref="Lanes"/> characters.</summary>
    /// <exception cref="ArgumentException">The graph is not such an acceptor, or two arcs leave a state on one character.</exception>
    public static LanguageTable Of(WeightedGraph language)
    {
        ArgumentNullException.ThrowIfNull(language);
        int states = language.States;
        var next = new int[states * Lanes];
        Array.Fill(next, -1);
        foreach (GraphArc arc in language.Arcs)
        {
            if (arc.Input != arc.Output || arc.Input >= Lanes || arc.Weight != 0 || arc.Penalty != WeightedGraph.NoPenalty || arc.SecondPenalty != WeightedGraph.NoPenalty)
                throw new ArgumentException($"The arc from {arc.From} to {arc.To} is not a plain acceptor's arc over at most {Lanes} characters.", nameof(language));
            ref int target = ref next[arc.From * Lanes + arc.Input];
            if (target >= 0 && target != arc.To)
                throw new ArgumentException($"State {arc.From} moves to two states on character {arc.Input}: the language is not deterministic.", nameof(language));
            target = arc.To;
        }
        var final = new bool[states];
        foreach (GraphFinal f in language.Finals)
        {
            if (f.Weight != 0 || f.Penalty != WeightedGraph.NoPenalty)
                throw new ArgumentException($"Final state {f.State} has a weight: not a plain acceptor.", nameof(language));
            final[f.State] = true;
        }
        return FromNext(states, next, final);
    }

    /// <summary>The table of exactly <paramref name="label"/> (characters below <see cref="Lanes"/>), character by character.</summary>
    public static LanguageTable Spell(ReadOnlySpan<int> label)
    {
        int states = label.Length + 1;
        var next = new int[states * Lanes];
        Array.Fill(next, -1);
        for (int i = 0; i < label.Length; i++) next[i * Lanes + label[i]] = i + 1;
        var final = new bool[states];
        final[label.Length] = true;
        return FromNext(states, next, final);
    }

    private static LanguageTable FromNext(int states, int[] next, bool[] final)
    {
        var moves = new List<(int From, int To)>();
        for (int to = 0; to < states; to++)
            for (int from = 0; from < states; from++)
                for (int c = 0; c < Lanes; c++)
                    if (next[from * Lanes + c] == to)
                    {
                        moves.Add((from, to));
                        break;
                    }
        var masks = new float[moves.Count * Lanes];
        Array.Fill(masks, float.NegativeInfinity);
        for (int m = 0; m < moves.Count; m++)
            for (int c = 0; c < Lanes; c++)
                if (next[moves[m].From * Lanes + c] == moves[m].To) masks[m * Lanes + c] = 0;
        return new LanguageTable(states, final, [.. moves.Select(m => m.From)], [.. moves.Select(m => m.To)], masks);
    }
}
