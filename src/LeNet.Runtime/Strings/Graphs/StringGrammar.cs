namespace LeNet.Strings;

/// <summary>
/// What a string read under a grammar may be (<see cref="GrammarDecoder"/>): digits of a length range, or
/// an amount of money; a <see cref="Languages"/> acceptor over the characters the reader answers, the
/// digits 0-9 and, for amounts, <see cref="Languages.ThousandsSeparator"/> and <see cref="Languages.DecimalSeparator"/>.
/// </summary>
public sealed class StringGrammar
{
    private StringGrammar(string name, WeightedGraph language, int characters)
    {
        Name = name;
        Language = language;
        Characters = characters;
        Table = LanguageTable.Of(language);
    }

    /// <summary>"1-8 digits", "5 digits" or "amount".</summary>
    public string Name { get; }

    /// <summary>The language, an acceptor over characters.</summary>
    public WeightedGraph Language { get; }

    /// <summary>Characters the grammar may write: 10 for digits, <see cref="Languages.AmountCharacters"/> for amounts; a reader must answer at least these.</summary>
    public int Characters { get; }

    /// <summary>Strings of <paramref name="min"/> to <paramref name="max"/> digits.</summary>
    /// <exception cref="ArgumentException">The range is empty or starts below 1.</exception>
    public static StringGrammar Digits(int min, int max)
    {
        if (min < 1 || max < min) throw new ArgumentException($"{min} to {max} digits is not a length range of at least one digit.");
        return new StringGrammar(min == max ? $"{min} digit{(min == 1 ? "" : "s")}" : $"{min}-{max} digits", Languages.Length(10, min, max), 10);
    }

    /// <summary>A zip code: exactly five digits.</summary>
    public static StringGrammar Zip { get; } = Digits(5, 5);

    /// <summary>Amounts of money (<see cref="Languages.Amount"/>): "1,234.56", "1234.56", "87.05".</summary>
    public static StringGrammar Amount { get; } = new("amount", Languages.Amount(), Languages.AmountCharacters);

    /// <summary>The language laid out for the decoder.</summary>
    internal LanguageTable Table { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
