using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LeNet.Strings;

/// <summary>
/// Reads position scores under a grammar the paper's way (section VI): the character model
/// (<see cref="CharacterModel"/>, its penalties the log-priors of <see cref="DecoderOptions"/>) composed with
/// the grammar's language, then the best (Viterbi) path. The reading's confidence is the posterior of its
/// string among every legal reading: exp(forward score of the readings of that string - forward score of
/// all readings the grammar allows), a number in (0, 1] suited to rejecting readings below a threshold.
/// The character model reads answers 0 to answers - 2 as characters and the last as "none"; a digit
/// reader's scores (<see cref="Data.StripGeometry.Answers"/>) are read under digit grammars only.
/// </summary>
/// <remarks>
/// The composition is never built: its states are "none" or a character at a place of its run, each with
/// the language state reached, and the trellis holds, per language state, "none" and one group of
/// <see cref="LanguageTable.Lanes"/> lanes (a lane per character) per place in a run, so a position's
/// step works on whole groups at once; the language's moves between its states (<see cref="LanguageTable"/>)
/// start characters. The Viterbi pass keeps every position's scores and traces the path back by redoing
/// the choices along it; the forward passes keep two rows.
/// </remarks>
public static class GrammarDecoder
{
    private const int Lanes = LanguageTable.Lanes, Half = 8;

    /// <summary>Doubles in a vector, for the forward pass.</summary>
    private const int Quarter = 4;

    /// <summary>The best reading of <paramref name="scores"/> under <paramref name="grammar"/> with <paramref name="options"/>' run and adjacent priors (its length limits are not used).</summary>
    /// <exception cref="ArgumentException">The scores have fewer characters than the grammar writes, the options are invalid, or no string of the grammar fits the positions.</exception>
    public static GrammarString Decode(PositionScores scores, StringGrammar grammar, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(grammar);
        options ??= DecoderOptions.Default;
        return TryDecode(scores, grammar, options)
            ?? throw new ArgumentException($"No string of the {grammar} grammar fits {scores.Positions} positions with runs of at most {options.RunPriors.Count}.", nameof(scores));
    }

    /// <summary>
    /// The best reading of <paramref name="scores"/> under <paramref name="grammar"/>, as <see cref="Decode(PositionScores, StringGrammar, DecoderOptions?)"/>,
    /// or null when no string of the grammar fits the positions (fewer positions than its shortest string has characters).
    /// </summary>
    /// <exception cref="ArgumentException">The scores have fewer characters than the grammar writes, or the options are invalid.</exception>
    internal static GrammarString? TryDecode(PositionScores scores, StringGrammar grammar, DecoderOptions options)
    {
        float[] penalties = CharacterModel.Penalties(options);
        CheckCharacters(scores, grammar);
        return Decode(scores, grammar.Table, grammar.Characters, penalties);
    }

    /// <summary>
    /// The best reading of <paramref name="scores"/> under <paramref name="language"/> (of <paramref name="characters"/>
    /// characters) and the character model's <paramref name="penalties"/>, with its posterior among every reading of the
    /// language (NaN unless <paramref name="posterior"/>); null when no string of the language fits the positions.
    /// </summary>
    internal static GrammarString? Decode(PositionScores scores, LanguageTable language, int characters, float[] penalties, bool posterior = true)
    {
        var model = new Model(scores, characters, penalties);
        int positions = scores.Positions, row = model.RowLength(language);
        float[] table = ArrayPool<float>.Shared.Rent((positions + 1) * row);
        try
        {
            Span<float> all = table.AsSpan(0, (positions + 1) * row);
            Span<float> answers = stackalloc float[Lanes];
            Span<float> starts = stackalloc float[language.States];
            Start(all[..row]);
            for (int t = 0; t < positions; t++)
            {
                model.Answers(t, answers);
                Step(model, language, all.Slice(t * row, row), all.Slice((t + 1) * row, row), answers, scores[t, model.None], starts);
            }
            if (Trace(model, language, all, row) is not ({ } path, { } begins)) return null;
            List<ReadCharacter> read = Characters(scores, path, begins);
            if (!posterior) return new GrammarString(read, path, double.NaN);
            int[] label = [.. read.Select(c => c.Character)];
            double right = Forward(model, LanguageTable.Spell(label)), every = Forward(model, language);
            return new GrammarString(read, path, Math.Min(1, Math.Exp(right - every)));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(table);
        }
    }

    /// <summary>
    /// The best reading of <paramref name="scores"/> that writes <paramref name="label"/>, its confidence
    /// <paramref name="posterior"/> (the label's posterior among the readings of the language it was chosen from).
    /// </summary>
    /// <exception cref="ArgumentException">No reading of the label fits the positions.</exception>
    internal static GrammarString DecodeLabel(PositionScores scores, ReadOnlySpan<int> label, int characters, float[] penalties, double posterior)
    {
        GrammarString spelled = Decode(scores, LanguageTable.Spell(label), characters, penalties)
            ?? throw new ArgumentException($"No reading of {label.Length} characters fits {scores.Positions} positions.", nameof(label));
        return spelled with { Confidence = posterior };
    }

    /// <summary>The forward score of <paramref name="language"/> over <paramref name="scores"/>: the log-sum over every reading it allows; minus infinity when none fits.</summary>
    internal static double ForwardScore(PositionScores scores, LanguageTable language, int characters, float[] penalties) =>
        Forward(new Model(scores, characters, penalties), language);

    /// <summary>
    /// The posterior of every answer at every position under <paramref name="grammar"/> with <paramref name="options"/>'
    /// run and adjacent priors (its length limits are not used): P(answer a at position t | scores) over every
    /// reading the grammar allows, from one forward-backward pass over <see cref="CharacterModel"/> composed with
    /// the grammar's language. As log-probabilities (clamped at <see cref="PositionScores.MinimumProbability"/>):
    /// each position's exps sum to 1.
    /// </summary>
    /// <exception cref="ArgumentException">The scores have fewer characters than the grammar writes, the options are invalid, or no string of the grammar fits the positions.</exception>
    public static PositionScores Posteriors(PositionScores scores, StringGrammar grammar, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(grammar);
        CheckCharacters(scores, grammar);
        return AnswerPosteriors.Of(scores, options ?? DecoderOptions.Default, grammar);
    }

    private static void CheckCharacters(PositionScores scores, StringGrammar grammar)
    {
        if (scores.Answers - 1 < grammar.Characters)
            throw new ArgumentException($"The {grammar} grammar writes {grammar.Characters} characters; these scores have {scores.Answers - 1} and none.", nameof(scores));
    }

    /// <summary>
    /// The forward score of <paramref name="language"/> over the positions: the log-sum over every path it allows.
    /// Worked in probabilities rather than logs, so a step multiplies and adds with no exp or log per state, in
    /// doubles: each position's row is scaled to a largest value of 1 and the logs of the scales summed, so a path
    /// is lost only when it falls e^-700 behind the best one at some position and later outweighs the rest.
    /// </summary>
    private static double Forward(Model model, LanguageTable language)
    {
        int states = language.States, maxRun = model.MaxRun, row = model.RowLength(language);
        double[] rows = ArrayPool<double>.Shared.Rent(2 * row);
        try
        {
            Span<double> previous = rows.AsSpan(0, row), current = rows.AsSpan(row, row);
            Span<float> answers = stackalloc float[Lanes];
            Span<double> starts = stackalloc double[states];
            Span<double> runEnd = stackalloc double[maxRun];
            for (int k = 0; k < maxRun; k++) runEnd[k] = Math.Exp(model.RunEnd[k]);
            double adjacent = Math.Exp(model.Adjacent);
            ReadOnlySpan<int> moveFrom = language.MoveFrom, moveTo = language.MoveTo;
            ref double gates = ref MemoryMarshal.GetArrayDataReference(language.Gates);
            previous.Clear();
            previous[0] = 1;
            // Each value of a row is a value of the row before times one of the position's probabilities, so the
            // row before is scaled by scaling those: by 1 / its largest value.
            double logScale = 0, scale = 1;
            for (int t = 0; t < model.Positions; t++)
            {
                logScale -= Math.Log(scale);
                model.Answers(t, answers);
                var by = Vector256.Create(scale);
                Vector256<float> low = Vector256.Create(answers), high = Vector256.Create(answers[Half..]);
                var probability = new Lanes4(Vector256.Exp(Vector256.WidenLower(low)) * by, Vector256.Exp(Vector256.WidenUpper(low)) * by,
                    Vector256.Exp(Vector256.WidenLower(high)) * by, Vector256.Exp(Vector256.WidenUpper(high)) * by);
                double none = Math.Exp(model.Scores[t, model.None]) * scale, top = 0;
                ref double from = ref MemoryMarshal.GetReference(previous), to = ref MemoryMarshal.GetReference(current);
                var largest = Vector256<double>.Zero;
                for (int q = 0; q < states; q++)
                {
                    double blank = previous[q], ended = EndedSum(model, states, previous, q, runEnd);
                    current[q] = (blank + ended) * none;
                    top = Math.Max(top, current[q]);
                    starts[q] = blank + ended * adjacent;
                    for (int k = maxRun; k >= 2; k--)
                        largest = Vector256.Max(largest, (Lanes4.Load(ref from, model.Group(states, q, k - 1)) * probability).Store(ref to, model.Group(states, q, k)));
                }
                for (int q = 0, m = 0; q < states; q++)
                {
                    Lanes4 start = default;
                    for (; m < moveTo.Length && moveTo[m] == q; m++)
                        start += Lanes4.Load(ref gates, m * Lanes) * starts[moveFrom[m]];
                    largest = Vector256.Max(largest, (start * probability).Store(ref to, model.Group(states, q, 1)));
                }
                for (int j = 0; j < Quarter; j++) top = Math.Max(top, largest[j]);
                if (!(top > 0)) return double.NegativeInfinity;
                scale = 1 / top;
                Span<double> swap = previous;
                previous = current;
                current = swap;
            }
            double total = 0;
            for (int q = 0; q < states; q++)
                if (language.Final[q]) total += previous[q] + EndedSum(model, states, previous, q, runEnd);
            return total > 0 ? logScale + Math.Log(total) : double.NegativeInfinity;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rows);
        }
    }

    /// <summary>The probability of ending a character's run in language state <paramref name="q"/>, its run prior (<paramref name="runEnd"/>, as probabilities) applied.</summary>
    private static double EndedSum(Model model, int states, ReadOnlySpan<double> row, int q, ReadOnlySpan<double> runEnd)
    {
        ref double first = ref MemoryMarshal.GetReference(row);
        Lanes4 sum = default;
        for (int k = 1; k <= model.MaxRun; k++) sum += Lanes4.Load(ref first, model.Group(states, q, k)) * runEnd[k - 1];
        return Vector256.Sum(sum.A + sum.B + sum.C + sum.D);
    }

    /// <summary>A group of <see cref="Lanes"/> lanes in doubles: four vectors of four.</summary>
    private readonly record struct Lanes4(Vector256<double> A, Vector256<double> B, Vector256<double> C, Vector256<double> D)
    {
        public static Lanes4 Load(ref double row, int offset) =>
            new(Vector256.LoadUnsafe(ref row, (nuint)offset), Vector256.LoadUnsafe(ref row, (nuint)offset + 4),
                Vector256.LoadUnsafe(ref row, (nuint)offset + 8), Vector256.LoadUnsafe(ref row, (nuint)offset + 12));

        /// <summary>Stores the lanes at <paramref name="offset"/> of <paramref name="row"/>; returns their lane-wise largest.</summary>
        public Vector256<double> Store(ref double row, int offset)
        {
            A.StoreUnsafe(ref row, (nuint)offset);
            B.StoreUnsafe(ref row, (nuint)offset + 4);
            C.StoreUnsafe(ref row, (nuint)offset + 8);
            D.StoreUnsafe(ref row, (nuint)offset + 12);
            return Vector256.Max(Vector256.Max(A, B), Vector256.Max(C, D));
        }

        public static Lanes4 operator *(Lanes4 x, Lanes4 y) => new(x.A * y.A, x.B * y.B, x.C * y.C, x.D * y.D);

        public static Lanes4 operator *(Lanes4 x, double y) => new(x.A * y, x.B * y, x.C * y, x.D * y);

        public static Lanes4 operator +(Lanes4 x, Lanes4 y) => new(x.A + y.A, x.B + y.B, x.C + y.C, x.D + y.D);
    }

    /// <summary>The row before any position: "none" in the start state, nothing else.</summary>
    private static void Start(Span<float> row)
    {
        row.Fill(float.NegativeInfinity);
        row[0] = 0;
    }

    /// <summary>
    /// One position: "none" stays or ends a run, a run goes on, a character starts by a move of the language
    /// after "none" or right after a run; best scores (Viterbi) or log-sums (forward).
    /// </summary>
    private static void Step(Model model, LanguageTable language, ReadOnlySpan<float> previous, Span<float> current,
        ReadOnlySpan<float> answers, float none, Span<float> starts)
    {
        int states = language.States, maxRun = model.MaxRun;
        Vector256<float> low = Vector256.Create(answers), high = Vector256.Create(answers[Half..]);
        for (int q = 0; q < states; q++)
        {
            float blank = previous[q], ended = Ended(model, states, previous, q);
            current[q] = MathF.Max(blank, ended) + none;
            starts[q] = MathF.Max(blank, ended + model.Adjacent);
            for (int k = maxRun; k >= 2; k--)
            {
                ReadOnlySpan<float> from = previous.Slice(model.Group(states, q, k - 1), Lanes);
                Span<float> to = current.Slice(model.Group(states, q, k), Lanes);
                (Vector256.Create(from) + low).CopyTo(to);
                (Vector256.Create(from[Half..]) + high).CopyTo(to[Half..]);
            }
        }
        ReadOnlySpan<int> moveFrom = language.MoveFrom, moveTo = language.MoveTo;
        ReadOnlySpan<float> masks = language.Masks;
        int m = 0;
        var nothing = Vector256.Create(float.NegativeInfinity);
        for (int q = 0; q < states; q++)
        {
            Vector256<float> first = nothing, second = nothing;
            for (; m < moveTo.Length && moveTo[m] == q; m++)
            {
                var start = Vector256.Create(starts[moveFrom[m]]);
                ReadOnlySpan<float> mask = masks.Slice(m * Lanes, Lanes);
                Vector256<float> a = start + Vector256.Create(mask), b = start + Vector256.Create(mask[Half..]);
                (first, second) = (Vector256.Max(first, a), Vector256.Max(second, b));
            }
            Span<float> to = current.Slice(model.Group(states, q, 1), Lanes);
            (first + low).CopyTo(to);
            (second + high).CopyTo(to[Half..]);
        }
    }

    /// <summary>The best score of ending a character's run in language state <paramref name="q"/>, its run prior added.</summary>
    private static float Ended(Model model, int states, ReadOnlySpan<float> row, int q)
    {
        var top = Vector256.Create(float.NegativeInfinity);
        for (int k = 1; k <= model.MaxRun; k++)
        {
            ReadOnlySpan<float> group = row.Slice(model.Group(states, q, k), Lanes);
            var prior = Vector256.Create(model.RunEnd[k - 1]);
            top = Vector256.Max(top, Vector256.Max(Vector256.Create(group) + prior, Vector256.Create(group[Half..]) + prior));
        }
        return Max(top);
    }

    /// <summary>
    /// The best path back from the best final state: the answer at each position and whether a character
    /// starts there, each step's choice redone from the kept scores; null when no path ends in a final state.
    /// </summary>
    private static (int[] Path, bool[] Begins)? Trace(Model model, LanguageTable language, ReadOnlySpan<float> table, int row)
    {
        int states = language.States, positions = model.Positions;
        ReadOnlySpan<float> last = table.Slice(positions * row, row);
        var best = new Choice(float.NegativeInfinity, -1, -1, 0);
        for (int q = 0; q < states; q++)
            if (language.Final[q]) best = Better(best, model, states, last, q, 0);
        if (float.IsNegativeInfinity(best.Score)) return null;
        var path = new int[positions];
        var begins = new bool[positions];
        (int state, int character, int run) = (best.State, best.Character, best.Run);
        for (int t = positions - 1; t >= 0; t--)
        {
            path[t] = run == 0 ? model.None : character;
            begins[t] = run == 1;
            if (run > 1)
            {
                run--;
                continue;
            }
            ReadOnlySpan<float> previous = table.Slice(t * row, row);
            var choice = new Choice(float.NegativeInfinity, -1, -1, 0);
            if (run == 0) choice = Better(choice, model, states, previous, state, 0);
            else
                for (int m = 0; m < language.MoveTo.Length; m++)
                    if (language.MoveTo[m] == state && language.Masks[m * Lanes + character] == 0)
                        choice = Better(choice, model, states, previous, language.MoveFrom[m], model.Adjacent);
            (state, character, run) = (choice.State, choice.Character, choice.Run);
        }
        return (path, begins);
    }

    /// <summary>The better of <paramref name="choice"/> and the states of language state <paramref name="q"/> in <paramref name="row"/>: its "none", and its characters' runs ending (their run prior and <paramref name="adjacent"/> added).</summary>
    private static Choice Better(Choice choice, Model model, int states, ReadOnlySpan<float> row, int q, float adjacent)
    {
        if (row[q] > choice.Score) choice = new Choice(row[q], q, -1, 0);
        for (int k = 1; k <= model.MaxRun; k++)
        {
            int group = model.Group(states, q, k);
            for (int c = 0; c < model.Characters; c++)
            {
                float value = row[group + c] + model.RunEnd[k - 1] + adjacent;
                if (value > choice.Score) choice = new Choice(value, q, c, k);
            }
        }
        return choice;
    }

    /// <summary>The characters a path writes, each with the run of positions it occupies.</summary>
    private static List<ReadCharacter> Characters(PositionScores scores, int[] path, bool[] begins)
    {
        var read = new List<ReadCharacter>();
        for (int t = 0; t < path.Length; t++)
        {
            if (!begins[t]) continue;
            int last = t;
            while (last + 1 < path.Length && !begins[last + 1] && path[last + 1] == path[t]) last++;
            float confidence = float.NegativeInfinity;
            for (int p = t; p <= last; p++) confidence = Math.Max(confidence, scores[p, path[t]]);
            read.Add(new ReadCharacter(path[t], t, last, Data.StripGeometry.Centre((t + last) / 2f), MathF.Exp(confidence)));
        }
        return read;
    }

    /// <summary>The largest lane.</summary>
    private static float Max(Vector256<float> vector)
    {
        Vector128<float> half = Vector128.Max(vector.GetLower(), vector.GetUpper());
        half = Vector128.Max(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(half[0], half[1]);
    }

    /// <summary>A state of the trellis: language state, and "none" (run 0) or a character at a place of its run, with its score.</summary>
    private readonly record struct Choice(float Score, int State, int Character, int Run);

    /// <summary>The character model over one strip's scores: its penalties, the answer read as "none" and the trellis layout.</summary>
    private sealed class Model
    {
        public Model(PositionScores scores, int characters, float[] penalties)
        {
            Scores = scores;
            Characters = characters;
            None = scores.Answers - 1;
            MaxRun = penalties.Length - 1;
            RunEnd = penalties[..MaxRun];
            Adjacent = penalties[CharacterModel.Adjacent(MaxRun)];
        }

        public PositionScores Scores { get; }
        public int Positions => Scores.Positions;
        public int Characters { get; }
        public int None { get; }
        public int MaxRun { get; }
        /// <summary>The log-prior of a run of k positions ending, at k - 1.</summary>
        public float[] RunEnd { get; }
        public float Adjacent { get; }

        /// <summary>Floats per position: "none" in each language state, then a group of lanes per language state and place in a run.</summary>
        public int RowLength(LanguageTable language) => language.States * (1 + MaxRun * Lanes);

        /// <summary>Where the group of characters at place <paramref name="k"/> (1-based) of their run in language state <paramref name="q"/> starts.</summary>
        public int Group(int states, int q, int k) => states + (q * MaxRun + k - 1) * Lanes;

        /// <summary>The scores of position <paramref name="t"/>'s characters, one per lane; minus infinity past them.</summary>
        public void Answers(int t, Span<float> lanes)
        {
            lanes.Fill(float.NegativeInfinity);
            Scores.At(t)[..Characters].CopyTo(lanes);
        }
    }
}

/// <summary>One character of a reading under a grammar: the grammar's character, the run of positions it occupies and where that is.</summary>
/// <param name="Character">0-9 a digit, <see cref="Languages.ThousandsSeparator"/> ',', <see cref="Languages.DecimalSeparator"/> '.'.</param>
/// <param name="FirstPosition">The first position of its run.</param>
/// <param name="LastPosition">The last position of its run.</param>
/// <param name="X">The strip column the run is centred on (the middle of its positions' centres).</param>
/// <param name="Confidence">The highest probability the network gave this character along its run.</param>
public sealed record ReadCharacter(int Character, int FirstPosition, int LastPosition, float X, float Confidence)
{
    /// <summary>The character as text: '0'-'9', ',' or '.'.</summary>
    public char Symbol => Data.AmountText.Text([Character])[0];
}

/// <summary>The best reading of a strip's position scores under a grammar.</summary>
/// <param name="Characters">The characters read, left to right.</param>
/// <param name="Path">The answer the path takes at each position ("none" the last answer).</param>
/// <param name="Confidence">The posterior of the string read among all the grammar allows: reject below a threshold.</param>
public sealed record GrammarString(IReadOnlyList<ReadCharacter> Characters, int[] Path, double Confidence)
{
    /// <summary>The text read, e.g. "1,234.56" or "40213".</summary>
    public string Text => Data.AmountText.Text(Characters.Select(c => c.Character));
}
