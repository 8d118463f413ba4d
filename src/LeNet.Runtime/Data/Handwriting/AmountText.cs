using LeNet.Strings;

namespace LeNet.Data;

/// <summary>
/// Amounts of money as text, the language of <see cref="Languages.Amount"/>: an integer part, its digits
/// alone ("1234") or grouped in threes by ',' ("1,234"), then '.' and two cents digits ("1,234.56", "87.05").
/// </summary>
public static class AmountText
{
    /// <summary>The most integer digits <see cref="Random"/> writes.</summary>
    public const int MaxWholeDigits = 7;

    /// <summary>
    /// A random amount with 1 to <paramref name="wholeDigits"/> integer digits (fewer more often than many;
    /// no leading zero but in "0.xx"), grouped by ',' three times in four when there are four or more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="wholeDigits"/> is outside 1..<see cref="MaxWholeDigits"/>.</exception>
    public static string Random(Random random, int wholeDigits = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(wholeDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wholeDigits, MaxWholeDigits);
        // Weights 4, 5, 5, 4, 2, 1, 1 for 1..7 integer digits.
        ReadOnlySpan<int> weights = [4, 5, 5, 4, 2, 1, 1];
        int total = 0;
        for (int n = 0; n < wholeDigits; n++) total += weights[n];
        int draw = random.Next(total), length = 1;
        while (draw >= weights[length - 1]) draw -= weights[length++ - 1];
        var whole = new char[length];
        for (int i = 0; i < length; i++) whole[i] = (char)('0' + (i == 0 && length > 1 ? random.Next(1, 10) : random.Next(10)));
        string integer = new(whole);
        if (length >= 4 && random.Next(4) != 0)
        {
            var groups = new List<string>();
            for (int end = length; end > 0; end -= 3) groups.Insert(0, integer[Math.Max(0, end - 3)..end]);
            integer = string.Join(',', groups);
        }
        string cents = random.Next(7) == 0 ? "00" : $"{random.Next(10)}{random.Next(10)}";
        return $"{integer}.{cents}";
    }

    /// <summary>
    /// The characters of the amount grammar (<see cref="Languages.Amount"/>) a text holds: digits as 0-9,
    /// ',' as <see cref="Languages.ThousandsSeparator"/>, '.' as <see cref="Languages.DecimalSeparator"/>;
    /// null for any other character.
    /// </summary>
    public static int? Character(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        ',' => Languages.ThousandsSeparator,
        '.' => Languages.DecimalSeparator,
        _ => null,
    };

    /// <summary>The text of amount-grammar characters (the inverse of <see cref="Character"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A character is not one of the amount grammar's.</exception>
    public static string Text(IEnumerable<int> characters) => string.Concat(characters.Select(c => c switch
    {
        >= 0 and <= 9 => (char)('0' + c),
        Languages.ThousandsSeparator => ',',
        Languages.DecimalSeparator => '.',
        _ => throw new ArgumentOutOfRangeException(nameof(characters), $"{c} is not a character of the amount grammar."),
    }));
}
