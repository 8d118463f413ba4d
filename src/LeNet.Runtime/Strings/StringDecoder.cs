using System.Buffers;
using System.Runtime.Intrinsics;
using LeNet.Data;

namespace LeNet.Strings;

/// <summary>
/// Reads a string from position scores the paper's way (section VII.A): the scores form a linear graph,
/// one arc per answer per position carrying its log-probability; composed with a character model, the
/// best (Viterbi) path is the reading. The character model: "no digit" anywhere; a digit occupies a run
/// of 1 to <see cref="DecoderOptions.RunPriors"/>.Count positions with those prior probabilities (so a
/// digit answered at two positions is read once, and a run too long for one digit is two equal digits);
/// a digit may follow the previous one with no "no digit" between at <see cref="DecoderOptions.AdjacentPrior"/>;
/// with a length constraint, the states also count the digits read. Scores are summed log-probabilities
/// plus the log-priors.
/// </summary>
public static class StringDecoder
{
    /// <summary>The characters a digit reader writes: 0-9.</summary>
    internal const int Digits = 10;

    /// <summary>The best reading of <paramref name="scores"/> under <paramref name="options"/> (default: any length).</summary>
    /// <exception cref="ArgumentException">The options are invalid, or no string of the allowed lengths fits the positions.</exception>
    public static DecodedString Decode(PositionScores scores, DecoderOptions? options = null)
    {
        options ??= DecoderOptions.Default;
        options.Validate();
        CheckAnswers(scores);
        int positions = scores.Positions;
        int maxRun = options.RunPriors.Count;
        int longest = positions; // one digit per position at most
        if (options.MinDigits > longest)
            throw new ArgumentException($"{options.MinDigits} digits do not fit {positions} position{(positions == 1 ? "" : "s")}.");
        if (positions == 0) return new DecodedString([], [], 1.0);

        // Count buckets: with a length constraint, bucket n holds paths that have read n digits; without, one bucket.
        int buckets = options.CountsDigits ? Math.Min(options.MaxDigits ?? longest, longest) + 1 : 1;
        var layout = new StateLayout(buckets, maxRun, options.CountsDigits);
        float[] runEnd = ArrayPool<float>.Shared.Rent(maxRun);
        for (int k = 0; k < maxRun; k++) runEnd[k] = Log(options.RunPriors[k]);
        float adjacent = Log(options.AdjacentPrior);

        // Every position's scores are kept (a row each), so the path is traced back by redoing the few
        // comparisons along it instead of storing a back-pointer for every state and position.
        int row = layout.RowLength;
        float[] table = ArrayPool<float>.Shared.Rent(positions * row);
        try
        {
            Span<float> all = table.AsSpan(0, positions * row);
            all.Fill(float.NegativeInfinity);
            Span<float> answers = stackalloc float[StateLayout.Lanes];
            answers.Fill(float.NegativeInfinity); // the lanes past the ten digits stay out of every maximum

            Span<float> first = all[..row];
            first[layout.Blank(0)] = scores[0, StripGeometry.NoDigit];
            if (layout.Next(0) is int firstBucket and >= 0)
                for (int c = 0; c < Digits; c++) first[layout.Digit(firstBucket, 1) + c] = scores[0, c];

            for (int t = 1; t < positions; t++)
            {
                ReadOnlySpan<float> previous = all.Slice((t - 1) * row, row);
                Span<float> current = all.Slice(t * row, row);
                scores.At(t)[..Digits].CopyTo(answers);
                float blank = scores[t, StripGeometry.NoDigit];
                // Only buckets a path can be in at position t - 1 (at most one digit per position so far) and
                // that can still reach the fewest digits allowed (at most one more per position left) are
                // worked on: the others hold no path, or only paths that cannot end well.
                (int low, int high) = options.CountsDigits ? (Math.Max(0, options.MinDigits - (positions - t)), Math.Min(buckets - 1, t)) : (0, 0);
                for (int n = low; n <= high; n++)
                {
                    // No digit: stay in "no digit" or end a digit's run.
                    float stay = previous[layout.Blank(n)], end = BestEnd(previous, layout, runEnd, n);
                    current[layout.Blank(n)] = Math.Max(stay, end) + blank;

                    // A digit starts: after "no digit", or right after another digit's run.
                    if (layout.Next(n) is int next and >= 0)
                        Add(current.Slice(layout.Digit(next, 1), StateLayout.Lanes), answers, Math.Max(stay, end + adjacent));

                    // A digit's run goes on.
                    if (!layout.HasDigits(n)) continue;
                    for (int k = 1; k < maxRun; k++)
                        Add(current.Slice(layout.Digit(n, k + 1), StateLayout.Lanes), answers, previous.Slice(layout.Digit(n, k), StateLayout.Lanes));
                }
            }

            // The end: any state whose count is allowed, a digit's run closing with its prior.
            ReadOnlySpan<float> last = all.Slice((positions - 1) * row, row);
            float finalScore = float.NegativeInfinity;
            State finalState = default;
            bool found = false;
            for (int n = 0; n < buckets; n++)
            {
                if (options.CountsDigits && (n < options.MinDigits || n > (options.MaxDigits ?? int.MaxValue))) continue;
                Consider(last[layout.Blank(n)], State.NoDigit(n));
                if (!layout.HasDigits(n)) continue;
                for (int c = 0; c < Digits; c++)
                    for (int k = 1; k <= maxRun; k++)
                        Consider(last[layout.Digit(n, k) + c] + runEnd[k - 1], new State(n, c, k));
            }
            if (!found || float.IsNegativeInfinity(finalScore))
                throw new ArgumentException($"No string of {options.DescribeLength()} fits {positions} positions with runs of at most {maxRun}.");
            return Trace(scores, layout, all, runEnd, adjacent, finalState);

            void Consider(float value, State state)
            {
                if (value > finalScore) (finalScore, finalState, found) = (value, state, true);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(table);
            ArrayPool<float>.Shared.Return(runEnd);
        }
    }

    /// <summary>
    /// The posterior of every answer at every position under the character model of <paramref name="options"/>
    /// (default: any length), its length constraint included: P(answer a at position t | scores), the sum over
    /// every reading the model allows of the reading's probability (exp of its score, normalised over them all)
    /// where it answers a at t. One forward-backward pass over <see cref="CharacterModel"/> composed with
    /// <see cref="Languages.Length"/>; the decoded path is that graph's best path. As log-probabilities (clamped
    /// at <see cref="PositionScores.MinimumProbability"/>): each position's exps sum to 1.
    /// </summary>
    /// <exception cref="ArgumentException">The scores are not a digit reader's, the options are invalid, or no string of the allowed lengths fits the positions.</exception>
    public static PositionScores Posteriors(PositionScores scores, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        options ??= DecoderOptions.Default;
        CheckAnswers(scores);
        return AnswerPosteriors.Of(scores, options, grammar: null);
    }

    private static void CheckAnswers(PositionScores scores)
    {
        if (scores.Answers != StripGeometry.Answers)
            throw new ArgumentException($"The digit decoder reads {StripGeometry.Answers} answers per position, not {scores.Answers}: read other characters under a grammar (GrammarDecoder).", nameof(scores));
    }

    private static float Log(float probability) => probability > 0 ? MathF.Log(probability) : float.NegativeInfinity;

    /// <summary>target = scores + base, lane by lane (one digit per lane).</summary>
    private static void Add(Span<float> target, ReadOnlySpan<float> scores, float @base)
    {
        for (int h = 0; h < StateLayout.Lanes; h += Vector256<float>.Count)
            (Vector256.Create(scores[h..]) + Vector256.Create(@base)).CopyTo(target[h..]);
    }

    /// <summary>target = scores + from, lane by lane.</summary>
    private static void Add(Span<float> target, ReadOnlySpan<float> scores, ReadOnlySpan<float> from)
    {
        for (int h = 0; h < StateLayout.Lanes; h += Vector256<float>.Count)
            (Vector256.Create(scores[h..]) + Vector256.Create(from[h..])).CopyTo(target[h..]);
    }

    /// <summary>The best score of closing a digit's run (its run prior added) in bucket <paramref name="n"/> of a row.</summary>
    private static float BestEnd(ReadOnlySpan<float> row, StateLayout layout, float[] runEnd, int n)
    {
        if (!layout.HasDigits(n)) return float.NegativeInfinity;
        Vector256<float> best = Vector256.Create(float.NegativeInfinity);
        for (int k = 1; k <= layout.MaxRun; k++)
        {
            var prior = Vector256.Create(runEnd[k - 1]);
            ReadOnlySpan<float> run = row.Slice(layout.Digit(n, k), StateLayout.Lanes);
            for (int h = 0; h < StateLayout.Lanes; h += Vector256<float>.Count)
                best = Vector256.Max(best, Vector256.Create(run[h..]) + prior);
        }
        Vector128<float> half = Vector128.Max(best.GetLower(), best.GetUpper());
        half = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(half[0], half[1]);
    }

    /// <summary>
    /// The state behind the best closing of a digit's run in bucket <paramref name="n"/> of a row, the
    /// first in digit-then-run order among equals (the forward pass keeps only the score).
    /// </summary>
    private static (float Score, State State) BestEndState(ReadOnlySpan<float> row, StateLayout layout, float[] runEnd, int n)
    {
        float best = float.NegativeInfinity;
        State state = default;
        for (int c = 0; c < Digits; c++)
            for (int k = 1; k <= layout.MaxRun; k++)
            {
                float value = row[layout.Digit(n, k) + c] + runEnd[k - 1];
                if (value > best) (best, state) = (value, new State(n, c, k));
            }
        return (best, state);
    }

    /// <summary>Follows the best path back from <paramref name="state"/> at the last position, redoing the choice made at each step.</summary>
    private static DecodedString Trace(PositionScores scores, StateLayout layout, ReadOnlySpan<float> table, float[] runEnd, float adjacent, State state)
    {
        int positions = scores.Positions, row = layout.RowLength;
        var path = new int[positions];
        var starts = new bool[positions];
        double logSum = 0;
        for (int t = positions - 1; t >= 0; t--)
        {
            path[t] = state.Answer;
            starts[t] = state.Run == 1;
            logSum += scores[t, state.Answer];
            if (t == 0) break;
            ReadOnlySpan<float> previous = table.Slice((t - 1) * row, row);
            if (state.Run > 1)
            {
                state = state with { Run = state.Run - 1 };
                continue;
            }
            // "No digit" came from "no digit" or a run's end in its own bucket; a digit's first position
            // from the bucket before (the only one without counting), after "no digit" or right after a run.
            bool starting = state.Run == 1;
            int from = starting ? layout.Previous(state.Bucket) : state.Bucket;
            (float end, State ended) = BestEndState(previous, layout, runEnd, from);
            float stay = previous[layout.Blank(from)];
            state = stay >= (starting ? end + adjacent : end) ? State.NoDigit(from) : ended;
        }
        var digits = new List<ReadDigit>();
        for (int t = 0; t < positions; t++)
        {
            if (!starts[t]) continue;
            int lastPosition = t;
            while (lastPosition + 1 < positions && path[lastPosition + 1] == path[t] && !starts[lastPosition + 1]) lastPosition++;
            float best = float.NegativeInfinity;
            for (int p = t; p <= lastPosition; p++) best = Math.Max(best, scores[p, path[t]]);
            digits.Add(new ReadDigit(path[t], t, lastPosition, StripGeometry.Centre((t + lastPosition) / 2f), MathF.Exp(best)));
        }
        return new DecodedString(digits, path, Math.Exp(logSum / positions));
    }

    /// <summary>
    /// <paramref name="reading"/> (a path through <paramref name="scores"/> under a digit grammar) as the reading
    /// <see cref="Decode"/> gives: its characters as digits, its confidence the path's mean probability.
    /// </summary>
    internal static DecodedString FromGrammar(PositionScores scores, GrammarString reading)
    {
        double logSum = 0;
        for (int t = 0; t < reading.Path.Length; t++) logSum += scores[t, reading.Path[t]];
        ReadDigit[] digits = [.. reading.Characters.Select(c => new ReadDigit(c.Character, c.FirstPosition, c.LastPosition, c.X, c.Confidence))];
        return new DecodedString(digits, reading.Path, reading.Path.Length == 0 ? 1.0 : Math.Exp(logSum / reading.Path.Length));
    }

    /// <summary>A state of the graph: "no digit" (run 0) or digit <paramref name="Digit"/> at place <paramref name="Run"/> of its run, with <paramref name="Bucket"/> digits read (the one bucket 0 without counting).</summary>
    private readonly record struct State(int Bucket, int Digit, int Run)
    {
        public static State NoDigit(int bucket) => new(bucket, StripGeometry.NoDigit, 0);
        public int Answer => Run == 0 ? StripGeometry.NoDigit : Digit;
    }

    /// <summary>
    /// One position's row of scores: "no digit" with n digits read at n (padded to whole lanes), then per
    /// bucket and place in a run the ten digits, in <see cref="Lanes"/> lanes so that one digit's run goes on
    /// in every lane at once; the lanes past the ten digits hold minus infinity.
    /// </summary>
    private readonly struct StateLayout(int buckets, int maxRun, bool counting)
    {
        /// <summary>Floats per group of ten digits: two Vector256s.</summary>
        public const int Lanes = 16;
        private int DigitsStart => (buckets + Lanes - 1) / Lanes * Lanes;
        public int MaxRun => maxRun;
        public int RowLength => DigitsStart + buckets * maxRun * Lanes;
        public int Blank(int n) => n;
        /// <summary>Where digit 0 at place <paramref name="k"/> (1-based) of its run with n digits read sits; digit c is c further.</summary>
        public int Digit(int n, int k) => DigitsStart + (n * maxRun + k - 1) * Lanes;
        /// <summary>The bucket a digit started from bucket n goes to; -1 when the count is full.</summary>
        public int Next(int n) => !counting ? 0 : n + 1 < buckets ? n + 1 : -1;
        /// <summary>The bucket a digit that starts in bucket n came from.</summary>
        public int Previous(int n) => !counting ? 0 : n - 1;
        /// <summary>Whether bucket n can hold a digit state (with counting, n >= 1).</summary>
        public bool HasDigits(int n) => !counting || n >= 1;
    }
}
