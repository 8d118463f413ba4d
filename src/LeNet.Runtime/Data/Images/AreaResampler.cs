namespace LeNet.Data;

/// <summary>
/// Resizes a grey image by area averaging: each output pixel is the mean of the input over the
/// footprint it covers. When enlarging, the footprint is one input pixel wide, which amounts to linear
/// interpolation between pixel centres. Separable: rows first, then columns.
/// </summary>
internal static class AreaResampler
{
    /// <summary>
    /// Resizes the <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> window at (<paramref name="left"/>, <paramref name="top"/>)
    /// of <paramref name="image"/> (rows of <paramref name="stride"/> levels) by <paramref name="scale"/>, keeping its centre,
    /// into a new <paramref name="targetWidth"/> x <paramref name="targetHeight"/> image. Outside the window counts as 0.
    /// </summary>
    public static float[] Resample(float[] image, int stride, int left, int top, int sourceWidth, int sourceHeight,
        int targetWidth, int targetHeight, double scale)
    {
        Footprint[] columns = Footprints(sourceWidth, targetWidth, scale);
        Footprint[] rows = Footprints(sourceHeight, targetHeight, scale);

        var horizontal = new float[sourceHeight * targetWidth];
        for (int y = 0; y < sourceHeight; y++)
        {
            int rowStart = (top + y) * stride + left;
            for (int x = 0; x < targetWidth; x++)
                horizontal[y * targetWidth + x] = columns[x].Average(image, rowStart, 1);
        }

        var result = new float[targetHeight * targetWidth];
        for (int y = 0; y < targetHeight; y++)
            for (int x = 0; x < targetWidth; x++)
                result[y * targetWidth + x] = rows[y].Average(horizontal, x, targetWidth);
        return result;
    }

    /// <summary>Which input pixels each output pixel averages, with what weights, along one axis.</summary>
    private static Footprint[] Footprints(int sourceLength, int targetLength, double scale)
    {
        double width = Math.Max(1 / scale, 1);
        var footprints = new Footprint[targetLength];
        for (int j = 0; j < targetLength; j++)
        {
            // The output pixel's centre, mapped back so the window's centre stays the centre.
            double centre = (j + 0.5 - targetLength / 2.0) / scale + sourceLength / 2.0;
            double low = centre - width / 2, high = centre + width / 2;
            int first = Math.Max(0, (int)Math.Floor(low));
            int last = Math.Min(sourceLength - 1, (int)Math.Ceiling(high) - 1);
            var weights = new float[Math.Max(0, last - first + 1)];
            for (int i = first; i <= last; i++)
                weights[i - first] = (float)((Math.Min(high, i + 1) - Math.Max(low, i)) / width);
            footprints[j] = new Footprint(first, weights);
        }
        return footprints;
    }

    /// <summary>Input pixels <see cref="First"/>.. with their weights.</summary>
    private readonly record struct Footprint(int First, float[] Weights)
    {
        public float Average(float[] data, int start, int step)
        {
            float sum = 0;
            for (int k = 0; k < Weights.Length; k++) sum += Weights[k] * data[start + (First + k) * step];
            return sum;
        }
    }
}
