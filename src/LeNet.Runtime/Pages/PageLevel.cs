using LeNet.Data;

namespace LeNet.Pages;

/// <summary>
/// One level of the image pyramid: the page's ink scaled by <see cref="Scale"/> (area averaged), at
/// least one field (32 pixels) each way, the scaled page in its top-left corner and paper beyond.
/// </summary>
public sealed class PageLevel
{
    private PageLevel(double scale, int width, int height, float[] ink)
    {
        Scale = scale;
        Width = width;
        Height = height;
        Ink = ink;
    }

    /// <summary>Level pixels per page pixel.</summary>
    public double Scale { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Width x Height ink levels, 0 = paper, 1 = ink (a level made inside a <see cref="PageReader"/> may lie in a longer array).</summary>
    public float[] Ink { get; }

    /// <summary>The page point under level point (<paramref name="x"/>, <paramref name="y"/>) (continuous coordinates).</summary>
    public (double X, double Y) ToPage(double x, double y) => (x / Scale, y / Scale);

    /// <summary><paramref name="page"/> scaled by <paramref name="scale"/> (above 0, at most 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The scale is out of range.</exception>
    public static PageLevel Of(PageInk page, double scale) => Of(page, scale, null, 0);

    /// <summary><paramref name="page"/> scaled by <paramref name="scale"/>, into level <paramref name="level"/> of <paramref name="buffers"/> (a new array when null).</summary>
    internal static PageLevel Of(PageInk page, double scale, PageBuffers? buffers, int level)
    {
        ArgumentNullException.ThrowIfNull(page);
        (int scaledWidth, int scaledHeight) = Scaled(page, scale);
        int width = Math.Max(StripGeometry.Field, scaledWidth), height = Math.Max(StripGeometry.Field, scaledHeight);
        float[] ink = buffers?.Level(level, width * height) ?? new float[width * height];
        // Rounding the sides shifts the level by under half a level pixel against x / Scale: negligible for boxes.
        // The scaled page fills the level's top-left corner (the whole level but on a page under a field each way); paper beyond.
        AreaResampler.Resample(page.Ink, page.Width, 0, 0, page.Width, page.Height, scaledWidth, scaledHeight, scale,
            0, 0, width, height, ink);
        return new PageLevel(scale, width, height, ink);
    }

    /// <summary>
    /// A strip <see cref="StripGeometry.Height"/> rows high cut from this level: rows from <paramref name="top"/>,
    /// columns from <paramref name="left"/>, <paramref name="width"/> wide, as bytes (0 = paper, 255 = ink);
    /// outside the level is paper.
    /// </summary>
    public byte[] Strip(int left, int top, int width)
    {
        var strip = new byte[StripGeometry.Height * width];
        for (int y = 0; y < StripGeometry.Height; y++)
        {
            int row = top + y;
            if (row < 0 || row >= Height) continue;
            for (int x = 0; x < width; x++)
            {
                int column = left + x;
                if (column >= 0 && column < Width) strip[y * width + x] = Byte(Ink[row * Width + column]);
            }
        }
        return strip;
    }

    /// <summary>The level's sides before it is padded to a field each way.</summary>
    private static (int Width, int Height) Scaled(PageInk page, double scale)
    {
        if (!(scale > 0 && scale <= 2)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "A level's scale must be above 0 and at most 2.");
        return (Math.Max(1, (int)Math.Round(page.Width * scale)), Math.Max(1, (int)Math.Round(page.Height * scale)));
    }

    private static byte Byte(float ink) => (byte)Math.Round(ink * 255);
}
