namespace LeNet.Strings;

/// <summary>
/// How a <see cref="StripReader"/> reads again a strip it is unsure of. When the posterior of the first
/// reading (the probability the character model and the grammar give its string among every string they
/// allow, summed over every path) is below <see cref="Threshold"/>, the strip is scored again moved by each
/// of <see cref="Shifts"/>, and the reader keeps the string with the highest product of posteriors over
/// every look, chosen among the best string of each look. A field network answers a digit a few pixels
/// off its centre a little differently, so the looks disagree where the first was unsure, and their
/// product settles it; sure readings, most of them, are scored once.
/// </summary>
/// <remarks>
/// The defaults were chosen on 4,000 strips of each kind (5 digits apart, 5 touching, 1-8 mixed) composed
/// from training digits and read by lenet5-strings-wide: of the pairs of shifts tried (a column either
/// way, two columns, a column and a row, a pixel diagonally either way) the diagonal pair read the most
/// strings right, as many as four shifts did, for half the work; below 0.9 one strip in 30 (apart) to one
/// in 20 (touching) was read again.
/// </remarks>
public sealed record SecondLook
{
    /// <summary>Read again when the first reading's posterior is below this (0: never; 1: almost always).</summary>
    public double Threshold { get; init; } = 0.9;

    /// <summary>The moves of the strip for the second look, each a look of its own; none: never read again.</summary>
    public IReadOnlyList<StripShift> Shifts { get; init; } = [new(1, 1), new(-1, -1)];

    /// <summary>A pixel diagonally either way, below a posterior of 0.9.</summary>
    public static SecondLook Default { get; } = new();

    /// <summary>Fails on settings a reader cannot use.</summary>
    /// <exception cref="ArgumentException">The message names the setting.</exception>
    public void Validate()
    {
        if (!(Threshold >= 0 && Threshold <= 1))
            throw new ArgumentException($"A second look's threshold is a posterior from 0 to 1, not {Threshold}.");
        ArgumentNullException.ThrowIfNull(Shifts);
        foreach (StripShift shift in Shifts)
            if (Math.Abs(shift.Columns) > MaxShift || Math.Abs(shift.Rows) > MaxShift || shift == default)
                throw new ArgumentException($"A second look moves the strip by 1 to {MaxShift} pixels, not {shift}.");
    }

    /// <summary>The farthest a look moves the strip, in pixels, either way: a quarter of the field.</summary>
    public const int MaxShift = 8;
}

/// <summary>A move of a strip: <paramref name="Columns"/> to the right (negative: left), <paramref name="Rows"/> down (negative: up); what it uncovers is background.</summary>
public readonly record struct StripShift(int Columns, int Rows)
{
    /// <summary>"(+1, 0)".</summary>
    public override string ToString() => $"({Columns:+0;-0;0}, {Rows:+0;-0;0})";

    /// <summary><paramref name="strip"/> (height x width bytes) moved into <paramref name="moved"/>.</summary>
    internal void Apply(ReadOnlySpan<byte> strip, int width, int height, Span<byte> moved)
    {
        moved.Clear();
        int fromColumn = Math.Max(0, -Columns), toColumn = Math.Max(0, Columns), count = width - Math.Abs(Columns);
        if (count <= 0) return;
        for (int y = Math.Max(0, Rows); y < Math.Min(height, height + Rows); y++)
            strip.Slice((y - Rows) * width + fromColumn, count).CopyTo(moved.Slice(y * width + toColumn, count));
    }
}
