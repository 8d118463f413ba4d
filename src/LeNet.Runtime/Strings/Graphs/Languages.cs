namespace LeNet.Strings;

/// <summary>
/// Languages over characters as acceptors (<see cref="WeightedGraph"/>s whose arcs read and write the
/// same character, every weight 0), to compose with the <see cref="CharacterModel"/>: a length range, one
/// label spelled out, amounts of money.
/// </summary>
public static class Languages
{
    /// <summary>The amount grammar's thousands separator: character 10.</summary>
    public const int ThousandsSeparator = 10;

    /// <summary>The amount grammar's decimal separator: character 11.</summary>
    public const int DecimalSeparator = 11;

    /// <summary>Characters the amount grammar reads: ten digits and the two separators.</summary>
    public const int AmountCharacters = 12;

    /// <summary>
    /// Strings of <paramref name="min"/> to <paramref name="max"/> (no limit when null) of
    /// <paramref name="characters"/> characters; state n has read n.
    /// </summary>
    /// <exception cref="ArgumentException">The range is empty or negative.</exception>
    public static WeightedGraph Length(int characters, int min, int? max)
    {
        if (min < 0 || max < min) throw new ArgumentException($"{min} to {max} characters is not a length range.");
        int top = max ?? min; // without a limit, the last state loops
        var arcs = new List<GraphArc>();
        for (int n = 0; n <= top; n++)
            for (int c = 0; c < characters; c++)
                if (n < top) arcs.Add(Read(n, n + 1, c));
                else if (max is null) arcs.Add(Read(n, n, c));
        return new WeightedGraph(top + 1, arcs, Enumerable.Range(min, top - min + 1).Select(n => new GraphFinal(n)));
    }

    /// <summary>Exactly <paramref name="label"/>, character by character.</summary>
    public static WeightedGraph Spell(ReadOnlySpan<byte> label)
    {
        var arcs = new GraphArc[label.Length];
        for (int i = 0; i < label.Length; i++) arcs[i] = Read(i, i + 1, label[i]);
        return new WeightedGraph(label.Length + 1, arcs, [new GraphFinal(label.Length)]);
    }

    /// <summary>
    /// Amounts: an integer part, either digits alone ("1234") or 1 to 3 digits followed by groups of a
    /// <see cref="ThousandsSeparator"/> and three digits ("1,234,567"), then a <see cref="DecimalSeparator"/>
    /// and two cents digits.
    /// </summary>
    public static WeightedGraph Amount()
    {
        // 0 start; 1-3 lead digits; 4 four or more digits, no separator; 5-8 a group after its separator, 0-3 digits;
        // 9 the decimal separator read; 10, 11 cents digits (11 final).
        var arcs = new List<GraphArc>();
        Digits(0, 1);
        Digits(1, 2);
        Digits(2, 3);
        Digits(3, 4);
        Digits(4, 4);
        foreach (int lead in (int[])[1, 2, 3])
            arcs.Add(Read(lead, 5, ThousandsSeparator));
        Digits(5, 6);
        Digits(6, 7);
        Digits(7, 8);
        arcs.Add(Read(8, 5, ThousandsSeparator));
        foreach (int whole in (int[])[1, 2, 3, 4, 8])
            arcs.Add(Read(whole, 9, DecimalSeparator));
        Digits(9, 10);
        Digits(10, 11);
        return new WeightedGraph(12, arcs, [new GraphFinal(11)]);

        void Digits(int from, int to)
        {
            for (int d = 0; d < 10; d++) arcs.Add(Read(from, to, d));
        }
    }

    private static GraphArc Read(int from, int to, int character) => new(from, to, character, character);
}
