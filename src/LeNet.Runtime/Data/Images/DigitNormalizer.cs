namespace LeNet.Data;

/// <summary>
/// Prepares a picture of a digit the way MNIST's digits were prepared, so a network trained on MNIST
/// can read it: ink made bright on a black background, cropped to the ink, scaled (keeping the aspect
/// ratio, with area-averaging) so the longer side is 20 pixels, and placed in a 28x28 field with its
/// centre of mass at pixel (14, 14). Pure arithmetic on grey levels; decoding image files is the caller's job.
/// </summary>
public static class DigitNormalizer
{
    /// <summary>Side of the output image.</summary>
    public const int Size = 28;
    /// <summary>Side of the box the digit's longer side is scaled to (MNIST's 20x20 box).</summary>
    public const int BoxSize = 20;
    /// <summary>
    /// Where the centre of mass lands, in pixel indices (column, row). MNIST's training digits average
    /// (14.01, 14.00) measured this way, so 14 rather than the geometric centre 13.5.
    /// </summary>
    public const double CentreOfMass = 14.0;
    /// <summary>Ink (0..1, after contrast stretching) below which a pixel is noise and does not widen the crop.</summary>
    public const float NoiseLevel = 0.1f;
    /// <summary>Difference between the brightest ink and the background below which the picture counts as blank.</summary>
    public const float MinimumContrast = 0.05f;

    private const float HalfGrey = 0.5f;
    private const float MaxByte = 255f;

    /// <summary>Normalises a grey picture given as bytes (0 = black, 255 = white), row-major, <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] Normalize(ReadOnlySpan<byte> grey, int width, int height)
    {
        var levels = new float[grey.Length];
        for (int i = 0; i < grey.Length; i++) levels[i] = grey[i] / MaxByte;
        return Normalize(levels, width, height);
    }

    /// <summary>
    /// Normalises a grey picture given as levels 0 (black) .. 1 (white), row-major, <paramref name="width"/> x <paramref name="height"/>,
    /// of either polarity. Returns 28x28 bytes, 0 background and 255 full ink; a blank picture gives a blank image.
    /// </summary>
    /// <exception cref="ArgumentException">The size is not positive or does not match the number of pixels.</exception>
    public static byte[] Normalize(ReadOnlySpan<float> grey, int width, int height)
    {
        if (width <= 0 || height <= 0 || grey.Length != width * height)
            throw new ArgumentException($"A {width}x{height} picture needs {(long)width * height} pixels, got {grey.Length}.", nameof(grey));
        var output = new byte[Size * Size];
        float[] ink = ToInk(grey, width, height);
        if (!TryFindInk(ink, width, height, out int left, out int top, out int inkWidth, out int inkHeight))
            return output;

        double scale = (double)BoxSize / Math.Max(inkWidth, inkHeight);
        int scaledWidth = Math.Clamp((int)Math.Round(inkWidth * scale), 1, BoxSize);
        int scaledHeight = Math.Clamp((int)Math.Round(inkHeight * scale), 1, BoxSize);
        float[] digit = AreaResampler.Resample(ink, width, left, top, inkWidth, inkHeight, scaledWidth, scaledHeight, scale);
        StretchToFullInk(digit);
        PlaceByCentreOfMass(digit, scaledWidth, scaledHeight, output);
        return output;
    }

    /// <summary>
    /// Ink levels 0..1 with ink high: inverted when the border (the median of its pixels) is bright, then
    /// stretched so the background is 0 and the strongest ink 1. All zero when there is no contrast.
    /// </summary>
    internal static float[] ToInk(ReadOnlySpan<float> grey, int width, int height)
    {
        var ink = new float[grey.Length];
        float background = BorderMedian(grey, width, height);
        bool invert = background > HalfGrey;
        float peak = 0;
        for (int i = 0; i < grey.Length; i++)
        {
            float level = float.IsNaN(grey[i]) ? 0 : Math.Clamp(grey[i], 0, 1);
            ink[i] = invert ? 1 - level : level;
            peak = Math.Max(peak, ink[i]);
        }
        if (invert) background = 1 - background;
        float contrast = peak - background;
        if (contrast < MinimumContrast)
        {
            Array.Clear(ink);
            return ink;
        }
        for (int i = 0; i < ink.Length; i++) ink[i] = Math.Clamp((ink[i] - background) / contrast, 0, 1);
        return ink;
    }

    /// <summary>The median of the outermost pixels: the paper's colour even where a stroke touches the edge.</summary>
    private static float BorderMedian(ReadOnlySpan<float> grey, int width, int height)
    {
        var border = new List<float>(2 * (width + height));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (y == 0 || y == height - 1 || x == 0 || x == width - 1)
                    border.Add(float.IsNaN(grey[y * width + x]) ? 0 : grey[y * width + x]);
        border.Sort();
        return border[border.Count / 2];
    }

    /// <summary>The bounding box of pixels above <see cref="NoiseLevel"/>; false when there are none.</summary>
    internal static bool TryFindInk(float[] ink, int width, int height, out int left, out int top, out int inkWidth, out int inkHeight)
    {
        int minX = width, maxX = -1, minY = height, maxY = -1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (ink[y * width + x] > NoiseLevel)
                {
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
        (left, top, inkWidth, inkHeight) = (minX, minY, maxX - minX + 1, maxY - minY + 1);
        return maxX >= 0;
    }

    /// <summary>
    /// Scales the levels so the strongest is full ink: shrinking a thin pen stroke drawn on a large canvas
    /// spreads it into faint grey, while MNIST's strokes reach 255.
    /// </summary>
    private static void StretchToFullInk(float[] digit)
    {
        float peak = digit.Max();
        if (peak <= 0 || peak >= 1) return;
        for (int i = 0; i < digit.Length; i++) digit[i] /= peak;
    }

    /// <summary>Copies <paramref name="digit"/> into the 28x28 output shifted by whole pixels so its centre of mass is nearest (14, 14).</summary>
    private static void PlaceByCentreOfMass(float[] digit, int width, int height, byte[] output)
    {
        double mass = 0, sumX = 0, sumY = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float v = digit[y * width + x];
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        if (mass <= 0) return;
        int shiftX = (int)Math.Round(CentreOfMass - sumX / mass);
        int shiftY = (int)Math.Round(CentreOfMass - sumY / mass);
        for (int y = 0; y < height; y++)
        {
            int row = y + shiftY;
            if (row < 0 || row >= Size) continue;
            for (int x = 0; x < width; x++)
            {
                int column = x + shiftX;
                if (column < 0 || column >= Size) continue;
                output[row * Size + column] = (byte)Math.Round(Math.Clamp(digit[y * width + x], 0, 1) * MaxByte);
            }
        }
    }
}
