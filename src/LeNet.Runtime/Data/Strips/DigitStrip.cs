namespace LeNet.Data;

/// <summary>
/// A strip of handwritten digits (0 = background, 255 = ink), <see cref="StripGeometry.Height"/> rows of
/// <see cref="Width"/> columns, row-major, with what it shows: the digits left to right, the column each
/// digit's ink box is centred on, and which image of the source set each digit came from.
/// </summary>
/// <param name="Pixels">Height x Width bytes.</param>
/// <param name="Width">Columns.</param>
/// <param name="Digits">The digits, left to right.</param>
/// <param name="Centres">The centre column of each digit's ink box (continuous coordinates).</param>
/// <param name="Sources">The index, in the set the strip was composed from, of each digit's image.</param>
public sealed record DigitStrip(byte[] Pixels, int Width, byte[] Digits, float[] Centres, int[] Sources)
{
    /// <summary>Rows.</summary>
    public int Height => StripGeometry.Height;

    /// <summary>The digits as text, e.g. "40213".</summary>
    public string Text => string.Concat(Digits.Select(d => (char)('0' + d)));
}
