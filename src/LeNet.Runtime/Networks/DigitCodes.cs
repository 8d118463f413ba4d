namespace LeNet;

/// <summary>
/// The fixed +-1 centres of the paper's radial-basis output layer: a stylised 7x12 bitmap of each
/// digit (hence F6's 84 units), ink = +1, background = -1, read row by row.
/// </summary>
/// <remarks>
/// The 1998 paper shows these codes only as a figure (Fig. 3). The bitmaps below are the community
/// reconstruction of that figure which several public LeNet-5 implementations share identically;
/// they cannot be checked against the paper's own data, only against its picture.
/// </remarks>
public static class DigitCodes
{
    /// <summary>Number of digit classes.</summary>
    public const int Classes = 10;
    /// <summary>Bitmap width.</summary>
    public const int Width = 7;
    /// <summary>Bitmap height.</summary>
    public const int Height = 12;
    /// <summary>Components of one code: 7 x 12 = 84, the size of F6.</summary>
    public const int Length = Width * Height;

    private static readonly string[] Bitmaps =
    [
        // 0          1          2          3          4          5          6          7          8          9
        ".#####." + "...##.." + ".#####." + "#######" + ".#####." + ".#####." + "..####." + "#######" + ".#####." + ".#####.",
        "......." + "..###.." + "......." + ".....##" + "......." + "......." + ".##...." + ".....##" + "##...##" + "##..###",
        "..###.." + ".####.." + ".#####." + "....##." + "......." + "#######" + "##....." + ".....##" + "##...##" + "##...##",
        ".##.##." + "...##.." + "##...##" + "...##.." + ".##..##" + "##....." + "##....." + "....##." + "##...##" + "##...##",
        "##...##" + "...##.." + "#....##" + "..####." + ".##..##" + "##....." + "######." + "...##.." + ".#####." + "##..###",
        "##...##" + "...##.." + "....##." + ".....##" + "###..##" + ".####.." + "###..##" + "...##.." + "##...##" + ".######",
        "##...##" + "...##.." + "..###.." + ".....##" + "##...##" + "..####." + "##...##" + "..##..." + "##...##" + ".....##",
        "##...##" + "...##.." + ".##...." + ".....##" + "##...##" + ".....##" + "##...##" + "..##..." + "##...##" + ".....##",
        ".##.##." + "...##.." + "##....." + "##...##" + "##..###" + "##...##" + "###..##" + "..##..." + "##...##" + "....##.",
        "..###.." + ".######" + "#######" + ".#####." + ".######" + ".#####." + ".#####." + "..##..." + ".#####." + ".####..",
        "......." + "......." + "......." + "......." + ".....##" + "......." + "......." + "......." + "......." + ".......",
        "......." + "......." + "......." + "......." + ".....##" + "......." + "......." + "......." + "......." + ".......",
    ];

    private static readonly float[] Codes = Build();

    /// <summary>All ten codes, digit after digit, 84 components each (840 floats).</summary>
    public static ReadOnlySpan<float> All => Codes;

    /// <summary>The 84-component code of <paramref name="digit"/>.</summary>
    public static ReadOnlySpan<float> Of(int digit) => Codes.AsSpan(digit * Length, Length);

    private static float[] Build()
    {
        var codes = new float[Classes * Length];
        for (int row = 0; row < Height; row++)
            for (int digit = 0; digit < Classes; digit++)
                for (int column = 0; column < Width; column++)
                    codes[digit * Length + row * Width + column] = Bitmaps[row][digit * Width + column] == '#' ? 1f : -1f;
        return codes;
    }
}
