using LeNet.Data;

namespace LeNet.Strings;

/// <summary>
/// What a space-displacement network says along a strip: for each position, the log-probability of each
/// of the <see cref="StripGeometry.Answers"/> answers (digits 0-9 and <see cref="StripGeometry.NoDigit"/>).
/// </summary>
public sealed class PositionScores
{
    /// <summary>Wraps <paramref name="logProbabilities"/>: positions x answers, position after position.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of positions.</exception>
    public PositionScores(float[] logProbabilities)
    {
        if (logProbabilities.Length % StripGeometry.Answers != 0)
            throw new ArgumentException($"{logProbabilities.Length} scores are not a whole number of positions of {StripGeometry.Answers} answers.", nameof(logProbabilities));
        LogProbabilities = logProbabilities;
    }

    /// <summary>Scores from probabilities (positions x answers); a zero probability becomes a very low score, not minus infinity.</summary>
    public static PositionScores FromProbabilities(ReadOnlySpan<float> probabilities)
    {
        var scores = new float[probabilities.Length];
        for (int i = 0; i < scores.Length; i++) scores[i] = MathF.Log(Math.Max(probabilities[i], MinimumProbability));
        return new PositionScores(scores);
    }

    /// <summary>The probability below which scores are clamped (log = -69).</summary>
    public const float MinimumProbability = 1e-30f;

    /// <summary>All scores, position after position.</summary>
    public float[] LogProbabilities { get; }

    /// <summary>Number of positions.</summary>
    public int Positions => LogProbabilities.Length / StripGeometry.Answers;

    /// <summary>The log-probability of <paramref name="answer"/> at <paramref name="position"/>.</summary>
    public float this[int position, int answer] => LogProbabilities[position * StripGeometry.Answers + answer];

    /// <summary>The scores of one position.</summary>
    public ReadOnlySpan<float> At(int position) => LogProbabilities.AsSpan(position * StripGeometry.Answers, StripGeometry.Answers);

    /// <summary>The most likely answer at <paramref name="position"/>.</summary>
    public int Best(int position)
    {
        ReadOnlySpan<float> scores = At(position);
        int best = 0;
        for (int a = 1; a < scores.Length; a++)
            if (scores[a] > scores[best]) best = a;
        return best;
    }
}
