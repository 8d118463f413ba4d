namespace LeNet.Data;

/// <summary>
/// A string written by hand into a strip (0 = background, 255 = ink), <see cref="StripGeometry.Height"/>
/// rows of <see cref="Width"/> columns, row-major, with what it shows: the text and where each character is.
/// </summary>
/// <param name="Pixels">Height x Width bytes.</param>
/// <param name="Width">Columns.</param>
/// <param name="Text">The characters written, left to right.</param>
/// <param name="Boxes">Each character's ink box, in the order of <paramref name="Text"/>.</param>
public sealed record HandwrittenText(byte[] Pixels, int Width, string Text, IReadOnlyList<CharacterBox> Boxes)
{
    /// <summary>Rows.</summary>
    public int Height => StripGeometry.Height;
}

/// <summary>
/// Where one character of a <see cref="HandwrittenText"/> is: the box of its ink above
/// <see cref="StripSynthesizer.InkLevel"/> (left and top inclusive, right and bottom exclusive, within the
/// strip) and the column its ink box is centred on, the place a reader should read it.
/// </summary>
/// <param name="Character">The character.</param>
/// <param name="Left">The first column of its ink.</param>
/// <param name="Top">The first row of its ink.</param>
/// <param name="Right">One past its last column of ink.</param>
/// <param name="Bottom">One past its last row of ink.</param>
/// <param name="Centre">The centre column of its ink box (continuous coordinates: pixel x covers [x, x + 1)).</param>
/// <param name="Source">For a digit, the index of its image in the set it was drawn from; -1 for a pen-drawn symbol.</param>
public readonly record struct CharacterBox(char Character, int Left, int Top, int Right, int Bottom, float Centre, int Source);
