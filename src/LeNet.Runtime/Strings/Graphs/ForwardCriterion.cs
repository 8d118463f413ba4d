namespace LeNet.Strings;

/// <summary>
/// The paper's discriminative forward criterion (section VI.D): the forward score of every reading the
/// grammar allows minus that of the readings of the right label, E = F(full) - F(label) &gt;= 0, minus the
/// log of the probability the graph gives the label. Its gradient to a position's score of an answer is
/// the posterior of that answer there over all readings minus that over the label's readings; to a
/// penalty, the same difference of its expected uses. No positions of the characters are needed.
/// </summary>
public sealed class ForwardCriterion
{
    private readonly GraphTrellis _full = new(), _label = new();

    /// <summary>
    /// The criterion for <paramref name="scores"/> (positions x <paramref name="answers"/>) read by
    /// <paramref name="full"/> when <paramref name="label"/> (the full graph composed with the label) holds
    /// the right readings; <paramref name="scale"/> times its gradient is added into
    /// <paramref name="scoreGradient"/> and <paramref name="penaltyGradient"/>. Positive infinity, and
    /// nothing added, when no reading of the label fits the positions.
    /// </summary>
    public float Loss(WeightedGraph full, WeightedGraph label, ReadOnlySpan<float> scores, int answers, ReadOnlySpan<float> penalties,
        float scale, Span<float> scoreGradient, Span<float> penaltyGradient)
    {
        float right = _label.Forward(label, scores, answers, penalties);
        if (float.IsNegativeInfinity(right)) return float.PositiveInfinity;
        float all = _full.Forward(full, scores, answers, penalties);
        _full.AddForwardGradient(scale, scoreGradient, penaltyGradient);
        _label.AddForwardGradient(-scale, scoreGradient, penaltyGradient);
        return all - right;
    }
}
