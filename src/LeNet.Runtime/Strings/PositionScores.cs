using System.Runtime.Intrinsics;
using LeNet.Data;
using LeNet.Training;

namespace LeNet.Strings;

/// <summary>
/// What a space-displacement network says along a strip: for each position, the log-probability of each
/// of its <see cref="Answers"/> answers: for a digit reader the <see cref="StripGeometry.Answers"/> (digits 0-9 and
/// <see cref="StripGeometry.NoDigit"/>), for another reader its characters and, last, "none". The same
/// table holds the posteriors of the answers under a character model (<see cref="StringDecoder.Posteriors"/>,
/// <see cref="GrammarDecoder.Posteriors"/>).
/// </summary>
public sealed class PositionScores
{
    /// <summary>Wraps <paramref name="logProbabilities"/>: positions x <see cref="StripGeometry.Answers"/> answers, position after position.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of positions.</exception>
    public PositionScores(float[] logProbabilities) : this(logProbabilities, StripGeometry.Answers)
    {
    }

    /// <summary>Wraps <paramref name="logProbabilities"/>: positions x <paramref name="answers"/> answers ("none" the last), position after position.</summary>
    /// <exception cref="ArgumentException">Fewer than two answers, or the length is not a whole number of positions.</exception>
    public PositionScores(float[] logProbabilities, int answers)
    {
        if (answers < 2 || logProbabilities.Length % answers != 0)
            throw new ArgumentException($"{logProbabilities.Length} scores are not a whole number of positions of {answers} answers (two or more).", nameof(logProbabilities));
        LogProbabilities = logProbabilities;
        Answers = answers;
    }

    /// <summary>Answers per position, "none" the last.</summary>
    public int Answers { get; }

    /// <summary>Scores from probabilities (positions x answers); a zero probability becomes a very low score, not minus infinity.</summary>
    public static PositionScores FromProbabilities(ReadOnlySpan<float> probabilities) => TakeProbabilities(probabilities.ToArray());

    /// <summary>Scores from probabilities (positions x answers) turned into their logs in place, <paramref name="probabilities"/> kept as the scores.</summary>
    internal static PositionScores TakeProbabilities(float[] probabilities, int answers = StripGeometry.Answers)
    {
        Span<float> values = probabilities;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i <= values.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                Vector512.Log(Vector512.Max(Vector512.Create(values[i..]), Vector512.Create(MinimumProbability))).CopyTo(values[i..]);
        if (Vector256.IsHardwareAccelerated)
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                Vector256.Log(Vector256.Max(Vector256.Create(values[i..]), Vector256.Create(MinimumProbability))).CopyTo(values[i..]);
        for (; i < values.Length; i++) values[i] = Log(values[i]);
        return new PositionScores(probabilities, answers);
    }

    /// <summary>The score of one probability: its log, clamped at <see cref="MinimumProbability"/>.</summary>
    private static float Log(float probability) => MathF.Log(Math.Max(probability, MinimumProbability));

    /// <summary>The probability below which scores are clamped (log = -69).</summary>
    public const float MinimumProbability = 1e-30f;

    /// <summary>All scores, position after position.</summary>
    public float[] LogProbabilities { get; }

    /// <summary>Number of positions.</summary>
    public int Positions => LogProbabilities.Length / Answers;

    /// <summary>The log-probability of <paramref name="answer"/> at <paramref name="position"/>.</summary>
    public float this[int position, int answer] => LogProbabilities[position * Answers + answer];

    /// <summary>The scores of one position.</summary>
    public ReadOnlySpan<float> At(int position) => LogProbabilities.AsSpan(position * Answers, Answers);

    /// <summary>The most likely answer at <paramref name="position"/>.</summary>
    public int Best(int position) => OutputReading.ArgMax(At(position));
}
