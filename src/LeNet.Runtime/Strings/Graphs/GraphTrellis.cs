namespace LeNet.Strings;

/// <summary>
/// The composition of a strip's recognition graph (one arc per answer per position, carrying that
/// answer's score) with a <see cref="WeightedGraph"/>, unrolled position by position: its forward score
/// (the log of the sum over every path of exp of the path's score), the exact gradient of that score
/// to every position's scores and every learnable penalty, and the Viterbi (best) score and path. A
/// path's score is the sum of its positions' scores of the answers its arcs read, its arcs' weights and
/// its final state's weight. A workspace: its buffers grow to the largest problem seen and are reused,
/// so scoring allocates nothing once warm. Not thread-safe: one per thread.
/// </summary>
public sealed class GraphTrellis
{
    private float[] _alpha = [], _beta = [], _weights = [], _finals = [], _scores = [], _values = [];
    private int[] _back = [];
    private WeightedGraph? _graph;
    private int _positions, _answers;
    private float _forward = float.NegativeInfinity;

    /// <summary>
    /// The forward score of <paramref name="graph"/> over <paramref name="scores"/> (positions x
    /// <paramref name="answers"/>, position after position) with the learnable <paramref name="penalties"/>:
    /// minus infinity when no path fits the positions. Kept for <see cref="AddForwardGradient"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The scores are not whole positions, the graph reads answers past <paramref name="answers"/>, or the penalties are too few.</exception>
    public float Forward(WeightedGraph graph, ReadOnlySpan<float> scores, int answers, ReadOnlySpan<float> penalties)
    {
        Prepare(graph, scores, answers, penalties);
        int states = graph.States;
        ReadOnlySpan<GraphArc> arcs = graph.Arcs;
        for (int t = 0; t < _positions; t++)
        {
            ReadOnlySpan<float> previous = _alpha.AsSpan(t * states, states);
            Span<float> current = _alpha.AsSpan((t + 1) * states, states);
            ReadOnlySpan<float> position = _scores.AsSpan(t * answers, answers);
            for (int s = 0; s < states; s++)
            {
                int first = graph.InOffsets[s], end = graph.InOffsets[s + 1];
                float best = float.NegativeInfinity;
                for (int i = first; i < end; i++)
                {
                    GraphArc arc = arcs[i];
                    float value = previous[arc.From] + _weights[i] + position[arc.Input];
                    _values[i] = value;
                    best = MathF.Max(best, value);
                }
                current[s] = LogSumExp(_values.AsSpan(first, end - first), best);
            }
        }
        ReadOnlySpan<float> last = _alpha.AsSpan(_positions * states, states);
        float top = float.NegativeInfinity;
        for (int s = 0; s < states; s++)
        {
            _values[s] = last[s] + _finals[s];
            top = MathF.Max(top, _values[s]);
        }
        _forward = LogSumExp(_values.AsSpan(0, states), top);
        return _forward;
    }

    /// <summary>
    /// Adds <paramref name="scale"/> times the gradient of the last <see cref="Forward"/> score into
    /// <paramref name="scoreGradient"/> (laid out as the scores) and <paramref name="penaltyGradient"/>
    /// (as the penalties): the posterior probability of each arc at each position, summed over the
    /// answers and penalties it uses.
    /// </summary>
    /// <exception cref="InvalidOperationException">No forward score was computed, or it is minus infinity (no path).</exception>
    public void AddForwardGradient(float scale, Span<float> scoreGradient, Span<float> penaltyGradient)
    {
        WeightedGraph graph = _graph ?? throw new InvalidOperationException("Compute a forward score first.");
        if (float.IsNegativeInfinity(_forward)) throw new InvalidOperationException("No path fits the positions: the forward score has no gradient.");
        int states = graph.States, answers = _answers;
        ReadOnlySpan<GraphArc> arcs = graph.Arcs;
        Span<float> end = _beta.AsSpan(_positions * states, states);
        _finals.AsSpan(0, states).CopyTo(end);
        ReadOnlySpan<float> last = _alpha.AsSpan(_positions * states, states);
        foreach (GraphFinal final in graph.Finals)
            if (final.Penalty >= 0) penaltyGradient[final.Penalty] += scale * MathF.Exp(last[final.State] + end[final.State] - _forward);
        for (int t = _positions - 1; t >= 0; t--)
        {
            ReadOnlySpan<float> alpha = _alpha.AsSpan(t * states, states);
            ReadOnlySpan<float> next = _beta.AsSpan((t + 1) * states, states);
            Span<float> beta = _beta.AsSpan(t * states, states);
            ReadOnlySpan<float> position = _scores.AsSpan(t * answers, answers);
            Span<float> gradient = scoreGradient.Slice(t * answers, answers);
            for (int s = 0; s < states; s++)
            {
                int first = graph.OutOffsets[s], stop = graph.OutOffsets[s + 1];
                float best = float.NegativeInfinity;
                for (int o = first; o < stop; o++)
                {
                    int i = graph.OutOrder[o];
                    GraphArc arc = arcs[i];
                    float value = _weights[i] + position[arc.Input] + next[arc.To];
                    _values[o] = value;
                    best = MathF.Max(best, value);
                    float posterior = MathF.Exp(alpha[s] + value - _forward);
                    if (posterior == 0 || float.IsNaN(posterior)) continue;
                    posterior *= scale;
                    gradient[arc.Input] += posterior;
                    if (arc.Penalty >= 0) penaltyGradient[arc.Penalty] += posterior;
                    if (arc.SecondPenalty >= 0) penaltyGradient[arc.SecondPenalty] += posterior;
                }
                beta[s] = LogSumExp(_values.AsSpan(first, stop - first), best);
            }
        }
    }

    /// <summary>
    /// The best path's score of <paramref name="graph"/> over <paramref name="scores"/>, and the path:
    /// the arc (an index into <see cref="WeightedGraph.Arcs"/>) taken at each position, written into
    /// <paramref name="path"/>; minus infinity, and the path untouched, when no path fits. Among equal
    /// paths, the first arcs in the graph's order win.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Forward"/>, or <paramref name="path"/> is shorter than the positions.</exception>
    public float Viterbi(WeightedGraph graph, ReadOnlySpan<float> scores, int answers, ReadOnlySpan<float> penalties, Span<int> path)
    {
        Prepare(graph, scores, answers, penalties);
        if (path.Length < _positions) throw new ArgumentException($"A path of {_positions} positions does not fit {path.Length} places.", nameof(path));
        int states = graph.States;
        ReadOnlySpan<GraphArc> arcs = graph.Arcs;
        for (int t = 0; t < _positions; t++)
        {
            ReadOnlySpan<float> previous = _alpha.AsSpan(t * states, states);
            Span<float> current = _alpha.AsSpan((t + 1) * states, states);
            Span<int> back = _back.AsSpan(t * states, states);
            ReadOnlySpan<float> position = _scores.AsSpan(t * answers, answers);
            for (int s = 0; s < states; s++)
            {
                float best = float.NegativeInfinity;
                int chosen = -1;
                for (int i = graph.InOffsets[s]; i < graph.InOffsets[s + 1]; i++)
                {
                    GraphArc arc = arcs[i];
                    float value = previous[arc.From] + _weights[i] + position[arc.Input];
                    if (value > best) (best, chosen) = (value, i);
                }
                current[s] = best;
                back[s] = chosen;
            }
        }
        ReadOnlySpan<float> last = _alpha.AsSpan(_positions * states, states);
        float top = float.NegativeInfinity;
        int state = -1;
        for (int s = 0; s < states; s++)
            if (last[s] + _finals[s] > top) (top, state) = (last[s] + _finals[s], s);
        if (state < 0) return float.NegativeInfinity;
        for (int t = _positions - 1; t >= 0; t--)
        {
            int arc = _back[t * states + state];
            path[t] = arc;
            state = arcs[arc].From;
        }
        return top;
    }

    /// <summary>
    /// Adds <paramref name="scale"/> times the gradient of a path's score (a Viterbi score, where the path
    /// is the best one) into <paramref name="scoreGradient"/> and <paramref name="penaltyGradient"/>: one
    /// for every answer and penalty the path uses, each time it uses it.
    /// </summary>
    public static void AddPathGradient(WeightedGraph graph, ReadOnlySpan<int> path, int answers, float scale, Span<float> scoreGradient, Span<float> penaltyGradient)
    {
        ReadOnlySpan<GraphArc> arcs = graph.Arcs;
        for (int t = 0; t < path.Length; t++)
        {
            GraphArc arc = arcs[path[t]];
            scoreGradient[t * answers + arc.Input] += scale;
            if (arc.Penalty >= 0) penaltyGradient[arc.Penalty] += scale;
            if (arc.SecondPenalty >= 0) penaltyGradient[arc.SecondPenalty] += scale;
        }
        if (path.Length > 0 && graph.Final(arcs[path[^1]].To) is { Penalty: >= 0 } final) penaltyGradient[final.Penalty] += scale;
    }

    private void Prepare(WeightedGraph graph, ReadOnlySpan<float> scores, int answers, ReadOnlySpan<float> penalties)
    {
        if (answers < graph.Inputs || scores.Length % answers != 0)
            throw new ArgumentException($"{scores.Length} scores are not whole positions of {answers} answers, or the graph reads answers up to {graph.Inputs - 1}.", nameof(scores));
        if (penalties.Length < graph.Penalties)
            throw new ArgumentException($"The graph uses {graph.Penalties} penalties, not {penalties.Length}.", nameof(penalties));
        _graph = graph;
        _answers = answers;
        _positions = scores.Length / answers;
        _forward = float.NegativeInfinity;
        int states = graph.States, cells = (_positions + 1) * states;
        Grow(ref _alpha, cells);
        Grow(ref _beta, cells);
        Grow(ref _back, _positions * states);
        Grow(ref _weights, graph.Arcs.Length);
        Grow(ref _values, Math.Max(graph.Arcs.Length, states));
        Grow(ref _finals, states);
        Grow(ref _scores, scores.Length);
        scores.CopyTo(_scores);
        for (int i = 0; i < graph.Arcs.Length; i++) _weights[i] = graph.Arcs[i].WeightUnder(penalties);
        _finals.AsSpan(0, states).Fill(float.NegativeInfinity);
        foreach (GraphFinal final in graph.Finals) _finals[final.State] = final.WeightUnder(penalties);
        _alpha.AsSpan(0, states).Fill(float.NegativeInfinity);
        _alpha[WeightedGraph.Start] = 0;
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }

    /// <summary>log(sum(exp(values))), <paramref name="max"/> the largest of them; minus infinity for none.</summary>
    private static float LogSumExp(ReadOnlySpan<float> values, float max)
    {
        if (float.IsNegativeInfinity(max)) return float.NegativeInfinity;
        float sum = 0;
        foreach (float value in values) sum += MathF.Exp(value - max);
        return max + MathF.Log(sum);
    }
}
