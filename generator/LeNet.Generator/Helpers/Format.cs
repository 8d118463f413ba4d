using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace LeNet.Generator.Helpers;

/// <summary>Culture-independent literals for generated code.</summary>
internal static class Format
{
    /// <summary>An int literal.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An int with thousands separators, for comments ("48,120").</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A float literal in round-trip form with the f suffix.</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>
    /// A C# string literal of <paramref name="value"/>, quotes included; every character that is not
    /// plainly visible (controls, line and paragraph separators, format characters, surrogates,
    /// non-characters) becomes a \uXXXX escape, so the literal is one line of valid UTF-16.
    /// </summary>
    public static string StringLiteral(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            if (c == '"') text.Append("\\\"");
            else if (c == '\\') text.Append("\\\\");
            else if (NeedsEscape(c)) text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// <paramref name="value"/> made safe inside a // comment or XML doc text: one line, XML-escaped,
    /// every character that could end the line or is not valid XML shown as \uXXXX.
    /// </summary>
    public static string CommentText(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c == '&') text.Append("&amp;");
            else if (c == '<') text.Append("&lt;");
            else if (c == '>') text.Append("&gt;");
            else if (NeedsEscape(c)) text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>Controls (NUL, line breaks, U+0085...), U+2028/U+2029, format characters, surrogates and U+FFFE/U+FFFF.</summary>
    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned => true,
        _ => c >= '\uFFFE',
    };

    /// <summary>An identifier as C# source: keywords get the verbatim '@' prefix.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;
}
