using System.Buffers;
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
    private const int Digits = 10;

    /// <summary>The best reading of <paramref name="scores"/> under <paramref name="options"/> (default: any length).</summary>
    /// <exception cref="ArgumentException">The options are invalid, or no string of the allowed lengths fits the positions.</exception>
    public static DecodedString Decode(PositionScores scores, DecoderOptions? options = null)
    {
        options ??= DecoderOptions.Default;
        options.Validate();
        int positions = scores.Positions;
        int maxRun = options.RunPriors.Count;
        int longest = positions; // one digit per position at most
        if (options.MinDigits > longest)
            throw new ArgumentException($"{options.MinDigits} digits do not fit {positions} position{(positions == 1 ? "" : "s")}.");
        if (positions == 0) return new DecodedString([], [], 1.0);

        // Count buckets: with a length constraint, bucket n holds paths that have read n digits; without, one bucket.
        int buckets = options.CountsDigits ? Math.Min(options.MaxDigits ?? longest, longest) + 1 : 1;
        var layout = new StateLayout(buckets, maxRun, options.CountsDigits);
        float[] runEnd = options.RunPriors.Select(p => p > 0 ? MathF.Log(p) : float.NegativeInfinity).ToArray();
        float adjacent = options.AdjacentPrior > 0 ? MathF.Log(options.AdjacentPrior) : float.NegativeInfinity;

        int states = layout.States;
        // The state and back-pointer arrays come from the shared pool: a reading allocates little more than what it returns.
        float[] previous = ArrayPool<float>.Shared.Rent(states), current = ArrayPool<float>.Shared.Rent(states);
        float[] endScore = ArrayPool<float>.Shared.Rent(buckets);
        int[] endState = ArrayPool<int>.Shared.Rent(buckets), back = ArrayPool<int>.Shared.Rent(positions * states);
        try
        {
            previous.AsSpan(0, states).Fill(float.NegativeInfinity);
            previous[layout.Blank(0)] = scores[0, StripGeometry.NoDigit];
            if (layout.Next(0) is int first and >= 0)
                for (int c = 0; c < Digits; c++) previous[layout.Digit(first, c, 1)] = scores[0, c];

            for (int t = 1; t < positions; t++)
            {
                // Only buckets a path can be in at position t - 1 (at most one digit per position so far) and
                // that can still reach the fewest digits allowed (at most one more per position left) are
                // worked on: the others hold no path, or only paths that cannot end well.
                (int low, int high) = options.CountsDigits ? (Math.Max(0, options.MinDigits - (positions - t)), Math.Min(buckets - 1, t)) : (0, 0);
                BestEnds(previous, layout, runEnd, endScore, endState, low, high);
                current.AsSpan(0, states).Fill(float.NegativeInfinity);
                Span<int> from = back.AsSpan(t * states, states);
                ReadOnlySpan<float> answers = scores.At(t);
                float blank = answers[StripGeometry.NoDigit];
                for (int n = low; n <= high; n++)
                {
                    // No digit: stay in "no digit" or end a digit's run.
                    int stay = layout.Blank(n);
                    (float best, int origin) = previous[stay] >= endScore[n] ? (previous[stay], stay) : (endScore[n], endState[n]);
                    current[stay] = best + blank;
                    from[stay] = origin;

                    // A digit starts: after "no digit", or right after another digit's run.
                    int next = layout.Next(n);
                    if (next >= 0)
                    {
                        float adjacentStart = endScore[n] + adjacent;
                        (float start, int startOrigin) = previous[stay] >= adjacentStart ? (previous[stay], stay) : (adjacentStart, endState[n]);
                        int firsts = layout.Digit(next, 0, 1);
                        for (int c = 0; c < Digits; c++)
                        {
                            int state = firsts + c * maxRun;
                            float value = start + answers[c];
                            if (value > current[state])
                            {
                                current[state] = value;
                                from[state] = startOrigin;
                            }
                        }
                    }

                    // A digit's run goes on.
                    if (!layout.HasDigits(n)) continue;
                    int runs = layout.Digit(n, 0, 1);
                    for (int c = 0; c < Digits; c++)
                    {
                        float score = answers[c];
                        for (int before = runs + c * maxRun, last = before + maxRun - 1; before < last; before++)
                        {
                            float value = previous[before] + score;
                            if (value > current[before + 1])
                            {
                                current[before + 1] = value;
                                from[before + 1] = before;
                            }
                        }
                    }
                }
                (previous, current) = (current, previous);
            }

            // The end: any state whose count is allowed, a digit's run closing with its prior.
            float finalScore = float.NegativeInfinity;
            int finalState = -1;
            for (int n = 0; n < buckets; n++)
            {
                if (options.CountsDigits && (n < options.MinDigits || n > (options.MaxDigits ?? int.MaxValue))) continue;
                Consider(previous[layout.Blank(n)], layout.Blank(n));
                if (!layout.HasDigits(n)) continue;
                for (int c = 0; c < Digits; c++)
                    for (int k = 1; k <= maxRun; k++)
                        Consider(previous[layout.Digit(n, c, k)] + runEnd[k - 1], layout.Digit(n, c, k));
            }
            if (finalState < 0 || float.IsNegativeInfinity(finalScore))
                throw new ArgumentException($"No string of {options.DescribeLength()} fits {positions} positions with runs of at most {maxRun}.");
            return Trace(scores, layout, back, finalState);

            void Consider(float value, int state)
            {
                if (value > finalScore) (finalScore, finalState) = (value, state);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(previous);
            ArrayPool<float>.Shared.Return(current);
            ArrayPool<float>.Shared.Return(endScore);
            ArrayPool<int>.Shared.Return(endState);
            ArrayPool<int>.Shared.Return(back);
        }
    }

    /// <summary>Per count bucket from <paramref name="low"/> to <paramref name="high"/>, the best score of closing a digit's run (its run prior added) and the state it closes.</summary>
    private static void BestEnds(float[] scores, StateLayout layout, float[] runEnd, float[] endScore, int[] endState, int low, int high)
    {
        for (int n = low; n <= high; n++)
        {
            float bestScore = float.NegativeInfinity;
            int bestState = -1;
            if (layout.HasDigits(n))
            {
                int state = layout.Digit(n, 0, 1);
                for (int c = 0; c < Digits; c++)
                    for (int k = 0; k < runEnd.Length; k++, state++)
                    {
                        float value = scores[state] + runEnd[k];
                        if (value > bestScore) (bestScore, bestState) = (value, state);
                    }
            }
            endScore[n] = bestScore;
            endState[n] = bestState;
        }
    }

    private static DecodedString Trace(PositionScores scores, StateLayout layout, int[] back, int state)
    {
        int positions = scores.Positions;
        var path = new int[positions];
        var starts = new bool[positions];
        double logSum = 0;
        for (int t = positions - 1; t >= 0; t--)
        {
            (int answer, int run) = layout.Answer(state);
            path[t] = answer;
            starts[t] = run == 1;
            logSum += scores[t, answer];
            if (t > 0) state = back[t * layout.States + state];
        }
        var digits = new List<ReadDigit>();
        for (int t = 0; t < positions; t++)
        {
            if (!starts[t]) continue;
            int last = t;
            while (last + 1 < positions && path[last + 1] == path[t] && !starts[last + 1]) last++;
            float best = float.NegativeInfinity;
            for (int p = t; p <= last; p++) best = Math.Max(best, scores[p, path[t]]);
            digits.Add(new ReadDigit(path[t], t, last, StripGeometry.Centre((t + last) / 2f), MathF.Exp(best)));
        }
        return new DecodedString(digits, path, Math.Exp(logSum / positions));
    }

    /// <summary>
    /// State numbering: "no digit" with n digits read is state n; digit c in the k-th position of its run
    /// with n digits read (n >= 1 with counting, the one bucket without) follows.
    /// </summary>
    private readonly struct StateLayout(int buckets, int maxRun, bool counting)
    {
        public int Buckets => buckets;
        public int States => buckets + buckets * Digits * maxRun;
        public int Blank(int n) => n;
        public int Digit(int n, int c, int k) => buckets + (n * Digits + c) * maxRun + (k - 1);
        /// <summary>The bucket a digit started from bucket n goes to; -1 when the count is full.</summary>
        public int Next(int n) => !counting ? 0 : n + 1 < buckets ? n + 1 : -1;
        /// <summary>Whether bucket n can hold a digit state (with counting, n >= 1).</summary>
        public bool HasDigits(int n) => !counting || n >= 1;
        /// <summary>The answer of a state and its place in its run (0 for "no digit").</summary>
        public (int Answer, int Run) Answer(int state)
        {
            if (state < buckets) return (StripGeometry.NoDigit, 0);
            int offset = state - buckets;
            return (offset / maxRun % Digits, offset % maxRun + 1);
        }
    }
}
