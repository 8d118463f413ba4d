using System.Globalization;

namespace LeNet.Cli.Terminal;

/// <summary>Fractions as "99.12%" (the invariant culture's P format puts a space before the sign).</summary>
internal static class Percent
{
    /// <summary><paramref name="fraction"/> x 100 with two decimals and a percent sign; "-" when missing.</summary>
    public static string Of(double? fraction) =>
        fraction is double f && double.IsFinite(f) ? (f * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
}
