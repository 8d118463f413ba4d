using System.Numerics;
using System.Runtime.InteropServices;

namespace LeNet.Training;

/// <summary>The element-wise loops of the trainer and optimizers, vectorised with <see cref="Vector{T}"/>.</summary>
internal static class SpanMath
{
    /// <summary>target += source.</summary>
    public static void Add(Span<float> target, ReadOnlySpan<float> source)
    {
        Span<Vector<float>> t = MemoryMarshal.Cast<float, Vector<float>>(target);
        ReadOnlySpan<Vector<float>> s = MemoryMarshal.Cast<float, Vector<float>>(source[..target.Length]);
        for (int i = 0; i < t.Length; i++) t[i] += s[i];
        for (int i = t.Length * Vector<float>.Count; i < target.Length; i++) target[i] += source[i];
    }

    /// <summary>target *= factor.</summary>
    public static void Scale(Span<float> target, float factor)
    {
        Span<Vector<float>> t = MemoryMarshal.Cast<float, Vector<float>>(target);
        var f = new Vector<float>(factor);
        for (int i = 0; i < t.Length; i++) t[i] *= f;
        for (int i = t.Length * Vector<float>.Count; i < target.Length; i++) target[i] *= factor;
    }

    /// <summary>target += weight x (source - target): moves target a share <paramref name="weight"/> of the way to source.</summary>
    public static void MoveToward(Span<float> target, ReadOnlySpan<float> source, float weight)
    {
        Span<Vector<float>> t = MemoryMarshal.Cast<float, Vector<float>>(target);
        ReadOnlySpan<Vector<float>> s = MemoryMarshal.Cast<float, Vector<float>>(source[..target.Length]);
        var w = new Vector<float>(weight);
        for (int i = 0; i < t.Length; i++) t[i] += w * (s[i] - t[i]);
        for (int i = t.Length * Vector<float>.Count; i < target.Length; i++) target[i] += weight * (source[i] - target[i]);
    }

    /// <summary>True when no value is NaN or infinite.</summary>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        // x - x is 0 for a finite x and NaN otherwise; NaN survives the sum.
        ReadOnlySpan<Vector<float>> v = MemoryMarshal.Cast<float, Vector<float>>(values);
        Vector<float> acc = Vector<float>.Zero;
        for (int i = 0; i < v.Length; i++) acc += v[i] - v[i];
        if (!Vector.EqualsAll(acc, Vector<float>.Zero)) return false;
        for (int i = v.Length * Vector<float>.Count; i < values.Length; i++)
            if (!float.IsFinite(values[i])) return false;
        return true;
    }
}
