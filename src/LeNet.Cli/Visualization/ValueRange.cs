using System.Globalization;

namespace LeNet.Cli.Visualization;

/// <summary>
/// The span of values a grey scale maps from black (<see cref="Low"/>) to white (<see cref="High"/>).
/// Ranges built by <see cref="Covering"/> always include 0, so "no activity" sits at the same place
/// on every layer's scale (black for ReLU layers, mid-grey for tanh layers that swing both ways).
/// </summary>
internal readonly record struct ValueRange(float Low, float High)
{
    /// <summary>Range used when every value is 0 (a dead layer), so it still draws as a flat tone.</summary>
    public static readonly ValueRange Unit = new(-1f, 1f);

    /// <summary>min(0, smallest)..max(0, largest) of the finite values; <see cref="Unit"/> when that is empty.</summary>
    public static ValueRange Covering(ReadOnlySpan<float> values)
    {
        float low = 0f, high = 0f;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            if (v < low) low = v;
            if (v > high) high = v;
        }
        return low == high ? Unit : new ValueRange(low, high);
    }

    /// <summary>This range widened to also cover <paramref name="other"/>.</summary>
    public ValueRange Union(ValueRange other) => new(Math.Min(Low, other.Low), Math.Max(High, other.High));

    /// <summary>Where <paramref name="value"/> falls, 0 at <see cref="Low"/> to 1 at <see cref="High"/>, clamped; non-finite values give 0.</summary>
    public float Fraction(float value) =>
        float.IsFinite(value) && High > Low ? Math.Clamp((value - Low) / (High - Low), 0f, 1f) : 0f;

    /// <summary>A number for a scale label: fewer decimals as magnitudes grow.</summary>
    public static string Format(float value)
    {
        float magnitude = Math.Abs(value);
        string pattern = magnitude >= 100f ? "0" : magnitude >= 10f ? "0.0" : "0.00";
        return value.ToString(pattern, CultureInfo.InvariantCulture);
    }
}
