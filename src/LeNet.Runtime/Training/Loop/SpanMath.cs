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

    /// <summary>
    /// target = (target + source) x factor, or target x factor when <paramref name="source"/> is empty, in one
    /// pass; true when no result is NaN or infinite (as <see cref="AllFinite"/>).
    /// </summary>
    public static bool AddScaleAllFinite(Span<float> target, ReadOnlySpan<float> source, float factor)
    {
        bool add = !source.IsEmpty;
        Span<Vector<float>> t = MemoryMarshal.Cast<float, Vector<float>>(target);
        ReadOnlySpan<Vector<float>> s = add ? MemoryMarshal.Cast<float, Vector<float>>(source[..target.Length]) : default;
        var f = new Vector<float>(factor);
        Vector<float> acc = Vector<float>.Zero;
        if (add)
        {
            for (int i = 0; i < t.Length; i++)
            {
                Vector<float> x = (t[i] + s[i]) * f;
                t[i] = x;
                acc += x - x;
            }
        }
        else
        {
            for (int i = 0; i < t.Length; i++)
            {
                Vector<float> x = t[i] * f;
                t[i] = x;
                acc += x - x;
            }
        }
        bool finite = Vector.EqualsAll(acc, Vector<float>.Zero);
        for (int i = t.Length * Vector<float>.Count; i < target.Length; i++)
        {
            float x = (add ? target[i] + source[i] : target[i]) * factor;
            target[i] = x;
            finite &= float.IsFinite(x);
        }
        return finite;
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
