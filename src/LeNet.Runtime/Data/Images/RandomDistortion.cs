using System.Runtime.Intrinsics;

namespace LeNet.Data;

/// <summary>
/// Draws random planar affine distortions (the paper's training-set augmentation) and applies them.
/// Seeded, so a run can be repeated; not thread-safe: give each thread its own instance. Applying
/// allocates nothing, so it can run once per sample during training, and <see cref="Reseed"/> lets
/// a trainer give every sample its own seed, so the distortions do not depend on which thread
/// happens to process which sample.
/// </summary>
internal sealed class RandomDistortion
{
    private ulong _state;
    private readonly int _rows, _columns;
    // The elastic displacement field and its smoothing; empty and null when ElasticAlpha is 0.
    private readonly float[] _dx = [], _dy = [];
    private readonly GaussianSmoothing? _smoothing;

    /// <summary>Distortions of <paramref name="rows"/> x <paramref name="columns"/> images drawn from <paramref name="seed"/> within <paramref name="ranges"/> (default <see cref="DistortionRanges.Paper"/>).</summary>
    public RandomDistortion(int rows, int columns, int seed, DistortionRanges? ranges = null)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"Image size {rows}x{columns} must be positive.");
        _rows = rows;
        _columns = columns;
        _state = (ulong)seed;
        Ranges = ranges ?? DistortionRanges.Paper;
        if (!(Ranges.ElasticAlpha >= 0 && double.IsFinite(Ranges.ElasticAlpha)))
            throw new ArgumentException($"The elastic strength must be 0 or positive, not {Ranges.ElasticAlpha}.");
        if (Ranges.ElasticAlpha > 0)
        {
            _smoothing = new GaussianSmoothing(rows, columns, Ranges.ElasticSigma);
            _dx = new float[rows * columns];
            _dy = new float[rows * columns];
        }
    }

    /// <summary>Restarts the random sequence from <paramref name="seed"/>.</summary>
    public void Reseed(ulong seed) => _state = seed;

    /// <summary>The ranges parameters are drawn from.</summary>
    public DistortionRanges Ranges { get; }

    /// <summary>
    /// Draws one distortion: about the image's centre, squeeze, then shear, then scale, then rotation,
    /// then translation.
    /// </summary>
    public AffineTransform Next()
    {
        double cx = Distortions.CentreX(_columns), cy = Distortions.CentreY(_rows);
        double squeeze = NextUniform(Ranges.MinSqueeze, Ranges.MaxSqueeze);
        double shear = NextUniform(-Ranges.MaxShear, Ranges.MaxShear);
        double scale = NextUniform(Ranges.MinScale, Ranges.MaxScale);
        double degrees = NextUniform(-Ranges.MaxRotationDegrees, Ranges.MaxRotationDegrees);
        double dx = NextUniform(-Ranges.MaxTranslation, Ranges.MaxTranslation);
        double dy = NextUniform(-Ranges.MaxTranslation, Ranges.MaxTranslation);
        return AffineTransform.Squeeze(squeeze, cx, cy)
            .Then(AffineTransform.ShearX(shear, cy))
            .Then(AffineTransform.Scaling(scale, cx, cy))
            .Then(AffineTransform.Rotation(degrees, cx, cy))
            .Then(AffineTransform.Translation(dx, dy));
    }

    /// <summary>
    /// Draws a distortion (and, when <see cref="DistortionRanges.ElasticAlpha"/> is positive, an
    /// elastic displacement field) and writes <paramref name="source"/> distorted by it into <paramref name="destination"/>.
    /// </summary>
    public void Apply(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        AffineTransform transform = Next();
        if (_smoothing is null)
        {
            Distortions.Apply(source, destination, _rows, _columns, transform);
            return;
        }
        DrawField(_dx, _smoothing);
        DrawField(_dy, _smoothing);
        Distortions.Apply(source, destination, _rows, _columns, transform, _dx, _dy);
    }

    /// <summary>Uniform ±1 per pixel, smoothed by the Gaussian, times alpha.</summary>
    private void DrawField(Span<float> field, GaussianSmoothing smoothing)
    {
        FillUniform(field, -1, 1);
        smoothing.Apply(field);
        float alpha = (float)Ranges.ElasticAlpha;
        for (int i = 0; i < field.Length; i++) field[i] *= alpha;
    }

    /// <summary>
    /// Fills <paramref name="values"/> with the next draws uniform in [<paramref name="low"/>, <paramref name="high"/>),
    /// as floats: the values and the generator's state after them are those of as many calls of
    /// <see cref="NextUniform"/>, 8 a vector where 512-bit vectors run fast.
    /// </summary>
    internal void FillUniform(Span<float> values, double low, double high)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
            for (; i + Vector512<ulong>.Count <= values.Length; i += Vector512<ulong>.Count)
                UniformLanes(low, high).CopyTo(values.Slice(i, Vector512<ulong>.Count));
        for (; i < values.Length; i++) values[i] = (float)NextUniform(low, high);
    }

    /// <summary>The next draw uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    internal double NextUniform(double low, double high) => low + (high - low) * NextUnit();

    /// <summary>
    /// The next 8 draws of <see cref="NextUniform"/> as floats, one per lane: each lane runs the generator from
    /// its own state (the states are a constant apart), the same operations on the same values, so the
    /// floats are those of 8 calls, bit for bit.
    /// </summary>
    private Vector256<float> UniformLanes(double low, double high)
    {
        const int lanes = 8;
        Vector512<ulong> z = Vector512.Create(_state) + Vector512.Create(Golden) * Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8);
        _state += unchecked(lanes * Golden);
        z = (z ^ Vector512.ShiftRightLogical(z, 30)) * Vector512.Create(Mix1);
        z = (z ^ Vector512.ShiftRightLogical(z, 27)) * Vector512.Create(Mix2);
        z ^= Vector512.ShiftRightLogical(z, 31);
        Vector512<double> unit = Vector512.ConvertToDouble(Vector512.ShiftRightLogical(z, 11)) * Vector512.Create(1.0 / (1UL << 53));
        Vector512<double> draws = Vector512.Create(low) + Vector512.Create(high - low) * unit;
        return Vector256.Narrow(draws.GetLower(), draws.GetUpper());
    }

    private const ulong Golden = 0x9E3779B97F4A7C15UL, Mix1 = 0xBF58476D1CE4E5B9UL, Mix2 = 0x94D049BB133111EBUL;

    /// <summary>SplitMix64: a tiny, allocation-free generator whose whole state is one ulong, so reseeding is free.</summary>
    private double NextUnit()
    {
        ulong z = _state += Golden;
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
