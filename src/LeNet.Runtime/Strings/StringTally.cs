using LeNet.Data;

namespace LeNet.Strings;

/// <summary>
/// Counts how well strings were read, overall and by true length: strings entirely right (length
/// included), digits right (one minus the edit distance over the true digits), and the field network's
/// own accuracy on each true digit at the position nearest its centre, which raised to a string's
/// length is what reading would give if each digit were found and read alone.
/// </summary>
public sealed class StringTally
{
    private readonly SortedDictionary<int, Line> _byLength = [];

    /// <summary>Counts for one true length (or all).</summary>
    /// <param name="Strings">Strings read.</param>
    /// <param name="Right">Strings read entirely right.</param>
    /// <param name="Digits">True digits.</param>
    /// <param name="Edits">Edit distance summed over the strings.</param>
    /// <param name="FieldRight">True digits the field network answers at the position nearest their centre.</param>
    /// <param name="FieldPower">Sum over strings of (field accuracy of this tally) ^ length, filled in by <see cref="Lines"/>.</param>
    public sealed record Line(int Strings, int Right, int Digits, int Edits, int FieldRight, double FieldPower = 0)
    {
        /// <summary>Share of strings entirely right.</summary>
        public double StringAccuracy => Strings == 0 ? 0 : (double)Right / Strings;
        /// <summary>One minus the edit distance per true digit.</summary>
        public double DigitAccuracy => Digits == 0 ? 0 : 1 - (double)Edits / Digits;
        /// <summary>Share of true digits the field network answers at their nearest position.</summary>
        public double FieldAccuracy => Digits == 0 ? 0 : (double)FieldRight / Digits;
        /// <summary>Mean over strings of the overall field accuracy raised to the string's length.</summary>
        public double FieldAccuracyToLength => Strings == 0 ? 0 : FieldPower / Strings;
    }

    /// <summary>Counts one strip: its true digits and their centres, and what was read on it.</summary>
    public void Add(byte[] digits, float[] centres, StringReading reading)
    {
        if (digits.Length != centres.Length)
            throw new ArgumentException($"{digits.Length} digits but {centres.Length} centres.");
        string truth = string.Concat(digits.Select(d => (char)('0' + d)));
        int fieldRight = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int position = Math.Clamp((int)MathF.Round((centres[i] - StripGeometry.FirstCentre) / StripGeometry.Step), 0, reading.Scores.Positions - 1);
            if (reading.Scores.Best(position) == digits[i]) fieldRight++;
        }
        int edits = EditDistance(truth, reading.Text);
        _byLength[digits.Length] = Plus(_byLength.GetValueOrDefault(digits.Length), new Line(1, edits == 0 ? 1 : 0, digits.Length, edits, fieldRight));
    }

    /// <summary>Every length counted, then the total (length 0 stands for all), with <see cref="Line.FieldPower"/> filled in.</summary>
    public IReadOnlyList<(int Length, Line Line)> Lines()
    {
        Line total = _byLength.Values.Aggregate(new Line(0, 0, 0, 0, 0), Plus);
        double field = total.FieldAccuracy;
        var lines = _byLength.Select(pair => (pair.Key, pair.Value with { FieldPower = pair.Value.Strings * Math.Pow(field, pair.Key) })).ToList();
        lines.Add((0, total with { FieldPower = lines.Sum(l => l.Item2.FieldPower) }));
        return lines;
    }

    /// <summary>The total over every length.</summary>
    public Line Total => Lines()[^1].Line;

    private static Line Plus(Line? a, Line b) => a is null ? b
        : new Line(a.Strings + b.Strings, a.Right + b.Right, a.Digits + b.Digits, a.Edits + b.Edits, a.FieldRight + b.FieldRight);

    /// <summary>Levenshtein distance: insertions, deletions and substitutions turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
