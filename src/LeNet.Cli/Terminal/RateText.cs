using System.Globalization;

namespace LeNet.Cli.Terminal;

/// <summary>
/// Learning rates as text, always in one notation, a mantissa and a two-digit exponent: 5.00e-05 beside
/// 5.00e-04 in the epoch table, never 5E-05 beside 0.0005; the history file carries the same notation with
/// every digit the rate needs.
/// </summary>
internal static class RateText
{
    /// <summary>Three significant digits, eight characters: "5.00e-02", "1.50e-04".</summary>
    public static string Short(float rate) => rate.ToString("0.00e+00", CultureInfo.InvariantCulture);

    /// <summary>The fewest digits that read back as the same float: "5e-02", "1.5e-04", "4.903926e-02".</summary>
    public static string Exact(float rate)
    {
        if (!float.IsFinite(rate)) return rate.ToString(CultureInfo.InvariantCulture);
        if (rate == 0) return "0e+00";
        string shortest = rate.ToString("R", CultureInfo.InvariantCulture);
        string mantissa = shortest.Split('E')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).Trim('0');
        int digits = Math.Max(1, mantissa.Length);
        return rate.ToString("0." + new string('#', digits - 1) + "e+00", CultureInfo.InvariantCulture);
    }
}
