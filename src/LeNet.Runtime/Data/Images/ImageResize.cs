namespace LeNet.Data;

/// <summary>
/// The preprocessing of image-folder data: a grey picture fitted into a <c>rows x columns</c> image,
/// aspect ratio kept, centred, area-averaged, the margin black (0), grey levels kept as they are (no
/// polarity guess, no crop). A picture of exactly that size passes unchanged but for rounding to bytes.
/// </summary>
/// <remarks>
/// Unlike <see cref="DigitNormalizer"/>, which crops a digit to its ink and rescales it to MNIST's
/// 20x20 box, this keeps the picture whole: for clothes, objects or any other class the silhouette, its
/// size and its place in the frame are part of what the network learns from.
/// </remarks>
public static class ImageResize
{
    private const float MaxByte = 255f;

    /// <summary>Fits the <paramref name="width"/> x <paramref name="height"/> picture <paramref name="grey"/> (levels 0..1, row-major) into <paramref name="columns"/> x <paramref name="rows"/> bytes.</summary>
    /// <exception cref="ArgumentException">A size is not positive or does not match the number of pixels.</exception>
    public static byte[] Fit(ReadOnlySpan<float> grey, int width, int height, int rows, int columns)
    {
        if (width <= 0 || height <= 0 || grey.Length != width * height)
            throw new ArgumentException($"A {width}x{height} picture needs {(long)width * height} pixels, got {grey.Length}.", nameof(grey));
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"The target size {columns}x{rows} must be positive.");
        var output = new byte[rows * columns];
        if (width == columns && height == rows)
        {
            for (int i = 0; i < output.Length; i++) output[i] = ToByte(grey[i]);
            return output;
        }
        double scale = Math.Min((double)columns / width, (double)rows / height);
        int fittedWidth = Math.Clamp((int)Math.Round(width * scale), 1, columns);
        int fittedHeight = Math.Clamp((int)Math.Round(height * scale), 1, rows);
        float[] fitted = AreaResampler.Resample(grey.ToArray(), width, 0, 0, width, height, fittedWidth, fittedHeight, scale);
        int left = (columns - fittedWidth) / 2, top = (rows - fittedHeight) / 2;
        for (int y = 0; y < fittedHeight; y++)
            for (int x = 0; x < fittedWidth; x++)
                output[(top + y) * columns + left + x] = ToByte(fitted[y * fittedWidth + x]);
        return output;
    }

    private static byte ToByte(float level) => (byte)Math.Clamp(MathF.Round(level * MaxByte), 0f, MaxByte);
}
