namespace LeNet.Cli.Terminal;

/// <summary>"Did you mean": the known words a mistyped one is nearest to, by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidates at the smallest edit distance from <paramref name="typed"/> (case-insensitive), when that
    /// distance is at most a third of the typed word's length (at least 1, at most 3): "--epoch" finds "--epochs",
    /// "trian" finds "train", "--bogus" finds nothing. Words of fewer than three letters (past their dashes) get no suggestion.
    /// </summary>
    public static IReadOnlyList<string> Near(string typed, IEnumerable<string> candidates)
    {
        const int ShortestWord = 3;
        int letters = typed.TrimStart('-').Length;
        if (letters < ShortestWord) return [];
        int allowed = Math.Clamp(letters / 3, 1, 3);
        var scored = candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Word: c, Distance: Distance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= allowed && c.Word.TrimStart('-').Length >= ShortestWord)
            .ToList();
        if (scored.Count == 0) return [];
        int best = scored.Min(c => c.Distance);
        return [.. scored.Where(c => c.Distance == best).Select(c => c.Word)];
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
