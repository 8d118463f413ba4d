using System.Globalization;

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
}
