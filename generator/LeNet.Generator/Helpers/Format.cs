using System.Globalization;
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

    /// <summary>A C# string literal of <paramref name="value"/>, quotes and escapes included.</summary>
    public static string StringLiteral(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary><paramref name="value"/> made safe inside a // comment or XML doc text: one line, XML-escaped.</summary>
    public static string CommentText(string value) =>
        value.Replace("\r", " ").Replace("\n", " ").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>An identifier as C# source: keywords get the verbatim '@' prefix.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;
}
