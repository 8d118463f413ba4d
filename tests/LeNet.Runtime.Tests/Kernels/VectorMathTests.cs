using System.Runtime.Intrinsics;
using LeNet.Kernels;

namespace LeNet.Kernels.Tests;

/// <summary>The vector squashing functions against the scalar formulas they stand in for.</summary>
public class VectorMathTests
{
    /// <summary>The rational tanh is a few float roundings from exact: well under this everywhere.</summary>
    private const float TanhTolerance = 1e-6f;

    /// <summary>Arguments from tiny to saturated, both signs, densest where the curve bends.</summary>
    private static float[] Arguments()
    {
        var values = new List<float> { 0f, 1e-30f, -1e-30f, 1e-6f, -1e-6f, 7.9f, -7.9f, 8f, -8f, 20f, -20f, 1e6f, -1e6f };
        for (int i = -4000; i <= 4000; i++) values.Add(i / 400f);
        while (values.Count % 16 != 0) values.Add(0.5f);
        return [.. values];
    }

    [Fact]
    public void Tanh256_MatchesMathF() =>
        AssertMatchesMathF(Vector256<float>.Count, (x, at) => ToArray(VectorMath.Tanh(Vector256.Create(x.AsSpan(at, Vector256<float>.Count)))));

    [Fact]
    public void Tanh512_MatchesMathF() =>
        AssertMatchesMathF(Vector512<float>.Count, (x, at) => ToArray(VectorMath.Tanh(Vector512.Create(x.AsSpan(at, Vector512<float>.Count)))));

    /// <summary>Runs <paramref name="tanh"/> over <see cref="Arguments"/> one vector of <paramref name="width"/> lanes at a time.</summary>
    private static void AssertMatchesMathF(int width, Func<float[], int, float[]> tanh)
    {
        float[] x = Arguments();
        for (int at = 0; at < x.Length; at += width)
        {
            float[] y = tanh(x, at);
            for (int lane = 0; lane < width; lane++)
            {
                float expected = MathF.Tanh(x[at + lane]);
                Assert.True(MathF.Abs(y[lane] - expected) <= TanhTolerance, $"tanh({x[at + lane]}) = {y[lane]}, expected {expected}");
            }
        }
    }

    private static float[] ToArray(Vector256<float> v)
    {
        var lanes = new float[Vector256<float>.Count];
        v.CopyTo(lanes);
        return lanes;
    }

    private static float[] ToArray(Vector512<float> v)
    {
        var lanes = new float[Vector512<float>.Count];
        v.CopyTo(lanes);
        return lanes;
    }

    [Fact]
    public void Tanh_IsOddAndKeepsSmallArgumentsRelativelyExact()
    {
        foreach (float x in new[] { 1e-20f, 3e-8f, 1e-4f, 0.01f, 0.3f })
        {
            float y = VectorMath.Tanh(Vector256.Create(x)).ToScalar();
            Assert.Equal(-y, VectorMath.Tanh(Vector256.Create(-x)).ToScalar());
            Assert.True(MathF.Abs(y / MathF.Tanh(x) - 1f) < 1e-6f, $"tanh({x}) = {y}");
        }
    }

    [Fact]
    public void Tanh_SaturatesAtInfinity()
    {
        Vector256<float> y = VectorMath.Tanh(Vector256.Create(float.PositiveInfinity, float.NegativeInfinity, 100f, -100f, 0f, 0f, 0f, 0f));
        float[] expected = [1f, -1f, 1f, -1f];
        for (int lane = 0; lane < expected.Length; lane++)
        {
            Assert.InRange(MathF.Abs(y[lane] - expected[lane]), 0f, TanhTolerance);
            Assert.InRange(MathF.Abs(y[lane]), 0f, 1f);
        }
    }

    [Fact]
    public void Tanh_PassesNaNOn()
    {
        Assert.True(float.IsNaN(VectorMath.Tanh(Vector256.Create(float.NaN)).ToScalar()));
        Assert.True(float.IsNaN(VectorMath.ScaledTanh(Vector256.Create(float.NaN)).ToScalar()));
    }
}
