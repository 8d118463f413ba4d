using LeNet.Data;

namespace LeNet.Strings;

/// <summary>
/// A picture made into a strip: its pixels, and how strip columns map back to the picture's.
/// </summary>
/// <param name="Pixels">Height x Width bytes, 0 = background, 255 = ink.</param>
/// <param name="Width">Columns of the strip.</param>
/// <param name="Scale">Strip pixels per picture pixel.</param>
/// <param name="ScaledDown">True when the string was too wide for the strip at MNIST scale and was shrunk to fit.</param>
/// <param name="PictureLeft">The picture column of the ink's left edge.</param>
/// <param name="StripLeft">The strip column the ink's left edge was placed at.</param>
public sealed record StripPicture(byte[] Pixels, int Width, double Scale, bool ScaledDown, int PictureLeft, int StripLeft)
{
    /// <summary>The picture column under strip column <paramref name="stripX"/>.</summary>
    public double ToPictureX(double stripX) => PictureLeft + (stripX - StripLeft) / Scale;

    /// <summary>
    /// Prepares a picture of a handwritten string as the strips the reader was trained on: polarity
    /// detected (the border's median is the background), cropped to the ink, scaled so the ink is
    /// <see cref="InkHeight"/> rows high (area-averaged), as high as a synthetic string's ink, its strongest
    /// ink stretched to full ink, centred on the strip's rows and columns. A string wider at that scale
    /// than a <paramref name="stripWidth"/> strip holds (<see cref="MaxInkWidth"/>) goes on the narrowest
    /// strip up to <paramref name="maxStripWidth"/> columns that holds it; wider still, it is scaled down
    /// to fit that, and says so in <see cref="ScaledDown"/>.
    /// </summary>
    /// <param name="grey">Grey levels 0 (black) .. 1 (white), row-major, either polarity.</param>
    /// <param name="width">Picture columns.</param>
    /// <param name="height">Picture rows.</param>
    /// <param name="stripWidth">Columns of the strip to make when the string fits.</param>
    /// <param name="maxStripWidth">Columns of the widest strip to make for a wider string (at most <paramref name="stripWidth"/>: none wider).</param>
    /// <exception cref="ArgumentException">The size does not match the pixels, or the picture is blank.</exception>
    public static StripPicture Prepare(ReadOnlySpan<float> grey, int width, int height, int stripWidth = StripGeometry.Width, int maxStripWidth = 0) =>
        TryPrepare(grey, width, height, stripWidth, maxStripWidth)
        ?? throw new ArgumentException("The picture is blank: no ink stands out from the background, so there are no digits to read.");

    /// <summary>As <see cref="Prepare"/>, but null for a blank picture, which is no error where pictures are cut from a page.</summary>
    /// <exception cref="ArgumentException">The size does not match the pixels.</exception>
    internal static StripPicture? TryPrepare(ReadOnlySpan<float> grey, int width, int height, int stripWidth = StripGeometry.Width, int maxStripWidth = 0)
    {
        if (width <= 0 || height <= 0 || grey.Length != (long)width * height)
            throw new ArgumentException($"A {width}x{height} picture needs {(long)width * height} pixels, got {grey.Length}.", nameof(grey));
        StripGeometry.Positions(stripWidth);
        float[] ink = DigitNormalizer.ToInk(grey, width, height);
        if (!DigitNormalizer.TryFindInk(ink, width, height, out int left, out int top, out int inkWidth, out int inkHeight))
            return null;

        double scale = InkHeight / inkHeight;
        maxStripWidth = Math.Max(stripWidth, maxStripWidth);
        StripGeometry.Positions(maxStripWidth);
        while (inkWidth * scale > MaxInkWidth(stripWidth) && stripWidth < maxStripWidth) stripWidth += StripGeometry.Step;
        int room = MaxInkWidth(stripWidth);
        bool scaledDown = inkWidth * scale > room;
        if (scaledDown) scale = (double)room / inkWidth;
        int scaledWidth = Math.Clamp((int)Math.Round(inkWidth * scale), 1, room);
        int scaledHeight = Math.Clamp((int)Math.Round(inkHeight * scale), 1, StripGeometry.Height);
        float[] levels = AreaResampler.Resample(ink, width, left, top, inkWidth, inkHeight, scaledWidth, scaledHeight, scale);
        float peak = levels.Max();

        var pixels = new byte[StripGeometry.Height * stripWidth];
        int stripTop = (int)Math.Round(StripGeometry.CentreRow - scaledHeight / 2.0);
        int stripLeft = (stripWidth - scaledWidth) / 2;
        for (int y = 0; y < scaledHeight; y++)
            for (int x = 0; x < scaledWidth; x++)
            {
                float level = peak > 0 ? levels[y * scaledWidth + x] / peak : 0;
                pixels[(stripTop + y) * stripWidth + stripLeft + x] = (byte)Math.Round(Math.Clamp(level, 0, 1) * 255);
            }
        return new StripPicture(pixels, stripWidth, scale, scaledDown, left, stripLeft);
    }

    /// <summary>
    /// Rows a string's ink is scaled to: the rows the ink of a synthetic string spans, as the reader was
    /// trained on them, MNIST's box at the writers' mean size (<see cref="StripSynthesizer.WriterScale"/>)
    /// plus the baseline's spread up and down (<see cref="StripSynthesizer.BaselineJitter"/>). A string's
    /// ink is taller than one digit's, so scaling it to one digit's 20 rows would write the digits small.
    /// </summary>
    public static double InkHeight =>
        Math.Round(DigitNormalizer.BoxSize * (StripSynthesizer.WriterScale.Min + StripSynthesizer.WriterScale.Max) / 2 + 2 * StripSynthesizer.BaselineJitter);

    /// <summary>
    /// The widest ink a strip <paramref name="stripWidth"/> wide holds: from half a step before the first
    /// position's centre to half a step after the last's, so that even a narrow digit (a 1) at either end
    /// has a position within half a step of its centre.
    /// </summary>
    public static int MaxInkWidth(int stripWidth) =>
        (int)(StripGeometry.LastCentre(stripWidth) - StripGeometry.FirstCentre) + StripGeometry.Step;
}
