using System.Text.Json;

namespace LeNet.Data;

/// <summary>Class names as a checkpoint stores them: a JSON array of strings, one per output unit.</summary>
public static class ClassNames
{
    /// <summary>The JSON text for <paramref name="names"/>.</summary>
    public static string Format(IReadOnlyList<string> names) => JsonSerializer.Serialize(names);

    /// <summary>The names in <paramref name="json"/>.</summary>
    /// <exception cref="FormatException">The text is not a JSON array of strings.</exception>
    public static string[] Parse(string json)
    {
        try
        {
            string[]? names = JsonSerializer.Deserialize<string[]>(json);
            if (names is null || names.Any(name => name is null))
                throw new FormatException("expected a JSON array of strings.");
            return names;
        }
        catch (JsonException error)
        {
            throw new FormatException($"expected a JSON array of strings ({error.Message}).", error);
        }
    }

    /// <summary>The name of class <paramref name="label"/>: its entry in <paramref name="names"/>, or the number itself when there are none.</summary>
    public static string Of(IReadOnlyList<string>? names, int label) =>
        names is not null && label >= 0 && label < names.Count ? names[label] : label.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
