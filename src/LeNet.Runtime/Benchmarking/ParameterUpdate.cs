using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LeNet.Benchmarking;

/// <summary>The vectorised element-wise steps of a training step: summing gradients and the SGD update.</summary>
public static class ParameterUpdate
{
    /// <summary>Plain SGD: <c>parameters[i] -= rate * gradient[i]</c>.</summary>
    public static void Sgd(Span<float> parameters, ReadOnlySpan<float> gradient, float rate) =>
        MultiplyAdd(parameters, gradient, -rate);

    /// <summary><c>target[i] += source[i]</c>.</summary>
    public static void Add(Span<float> target, ReadOnlySpan<float> source) => MultiplyAdd(target, source, 1f);

    /// <summary><c>target[i] += scale * source[i]</c>, a vector at a time.</summary>
    private static void MultiplyAdd(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        if (source.Length != target.Length)
            throw new ArgumentException($"The buffers differ in length: {target.Length} floats against {source.Length}.", nameof(source));
        ref float t = ref MemoryMarshal.GetReference(target);
        ref float s = ref MemoryMarshal.GetReference(source);
        int n = target.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> k = Vector512.Create(scale);
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
                Vector512.MultiplyAddEstimate(Vector512.LoadUnsafe(ref s, (nuint)i), k, Vector512.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> k = Vector256.Create(scale);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
                Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref s, (nuint)i), k, Vector256.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
        }
        for (; i < n; i++)
            Unsafe.Add(ref t, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref s, i), scale, Unsafe.Add(ref t, i));
    }
}
