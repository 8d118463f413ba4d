using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LeNet.Kernels;

/// <summary>
/// Vectorised squashing functions and their derivatives (from the output), called by the generated
/// kernels one vector at a time. The scalar overloads are the exact <see cref="Activations"/>
/// formulas; the vector ones agree with them to about 2e-7 relative.
/// </summary>
/// <remarks>
/// The BCL exposes no public generic vector interface, so each width is written out: Vector256 and
/// Vector512 in full (they are the hot paths), Vector128 by widening to Vector256 (it only ever
/// handles a tail of four units).
/// </remarks>
public static class VectorMath
{
    private const float A = Activations.PaperAmplitude, S = Activations.PaperSlope;
    /// <summary>Below this |x|, tanh comes from its odd Taylor series (exp-based form loses relative accuracy near 0).</summary>
    private const float SeriesLimit = 0.4f;
    // Taylor coefficients of tanh up to x^13; at |x| < 0.4 the first dropped term is below 2e-9.
    private const float T3 = -1f / 3f, T5 = 2f / 15f, T7 = -17f / 315f, T9 = 62f / 2835f, T11 = -1382f / 155925f, T13 = 21844f / 6081075f;

    // ---- tanh -----------------------------------------------------------------------------------

    /// <summary>tanh(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>tanh of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> ax = Vector256.Abs(x);
        // Large |x|: tanh|x| = 1 - 2 / (e^(2|x|) + 1); e^(2|x|) overflowing to infinity still gives 1.
        Vector256<float> large = Vector256<float>.One - Vector256.Create(2f) / (Vector256.Exp(ax + ax) + Vector256<float>.One);
        Vector256<float> x2 = ax * ax;
        Vector256<float> p = Vector256.MultiplyAddEstimate(x2, Vector256.Create(T13), Vector256.Create(T11));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(T9));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(T7));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(T5));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(T3));
        Vector256<float> small = Vector256.MultiplyAddEstimate(ax * x2, p, ax);
        Vector256<float> magnitude = Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(SeriesLimit)), small, large);
        return Vector256.CopySign(magnitude, x);
    }

    /// <summary>tanh of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> ax = Vector512.Abs(x);
        Vector512<float> large = Vector512<float>.One - Vector512.Create(2f) / (Vector512.Exp(ax + ax) + Vector512<float>.One);
        Vector512<float> x2 = ax * ax;
        Vector512<float> p = Vector512.MultiplyAddEstimate(x2, Vector512.Create(T13), Vector512.Create(T11));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(T9));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(T7));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(T5));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(T3));
        Vector512<float> small = Vector512.MultiplyAddEstimate(ax * x2, p, ax);
        Vector512<float> magnitude = Vector512.ConditionalSelect(Vector512.LessThan(ax, Vector512.Create(SeriesLimit)), small, large);
        return Vector512.CopySign(magnitude, x);
    }

    /// <summary>tanh of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> x) => Tanh(Vector256.Create(x, x)).GetLower();

    // ---- the paper's scaled tanh -----------------------------------------------------------------

    /// <summary>1.7159 tanh(2x/3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScaledTanh(float x) => A * MathF.Tanh(S * x);
    /// <summary>1.7159 tanh(2x/3) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaledTanh(Vector128<float> x) => Vector128.Create(A) * Tanh(Vector128.Create(S) * x);
    /// <summary>1.7159 tanh(2x/3) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaledTanh(Vector256<float> x) => Vector256.Create(A) * Tanh(Vector256.Create(S) * x);
    /// <summary>1.7159 tanh(2x/3) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaledTanh(Vector512<float> x) => Vector512.Create(A) * Tanh(Vector512.Create(S) * x);

    // ---- sigmoid and ReLU --------------------------------------------------------------------------

    /// <summary>1 / (1 + e^-x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
    /// <summary>1 / (1 + e^-x) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sigmoid(Vector128<float> x) => Vector128<float>.One / (Vector128<float>.One + Vector128.Exp(-x));
    /// <summary>1 / (1 + e^-x) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-x));
    /// <summary>1 / (1 + e^-x) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Vector512.Exp(-x));

    /// <summary>max(0, x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float x) => x > 0f ? x : 0f;
    /// <summary>max(0, x) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLU(Vector128<float> x) => Vector128.Max(x, Vector128<float>.Zero);
    /// <summary>max(0, x) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLU(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);
    /// <summary>max(0, x) of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLU(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);

    // ---- derivatives from the outputs y = f(a) --------------------------------------------------

    /// <summary>f'(a) of the scaled tanh from y: (S/A)(A^2 - y^2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ScaledTanhDerivative(float y) => S / A * (A * A - y * y);
    /// <summary>Lane-wise <see cref="ScaledTanhDerivative(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaledTanhDerivative(Vector128<float> y) => Vector128.Create(S / A) * (Vector128.Create(A * A) - y * y);
    /// <summary>Lane-wise <see cref="ScaledTanhDerivative(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaledTanhDerivative(Vector256<float> y) => Vector256.Create(S / A) * (Vector256.Create(A * A) - y * y);
    /// <summary>Lane-wise <see cref="ScaledTanhDerivative(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaledTanhDerivative(Vector512<float> y) => Vector512.Create(S / A) * (Vector512.Create(A * A) - y * y);

    /// <summary>tanh'(a) from y: 1 - y^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhDerivative(float y) => 1f - y * y;
    /// <summary>Lane-wise 1 - y^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> TanhDerivative(Vector128<float> y) => Vector128<float>.One - y * y;
    /// <summary>Lane-wise 1 - y^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TanhDerivative(Vector256<float> y) => Vector256<float>.One - y * y;
    /// <summary>Lane-wise 1 - y^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TanhDerivative(Vector512<float> y) => Vector512<float>.One - y * y;

    /// <summary>sigmoid'(a) from y: y (1 - y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidDerivative(float y) => y * (1f - y);
    /// <summary>Lane-wise y (1 - y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SigmoidDerivative(Vector128<float> y) => y * (Vector128<float>.One - y);
    /// <summary>Lane-wise y (1 - y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidDerivative(Vector256<float> y) => y * (Vector256<float>.One - y);
    /// <summary>Lane-wise y (1 - y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidDerivative(Vector512<float> y) => y * (Vector512<float>.One - y);

    /// <summary>ReLU'(a) from y: 1 where y &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUDerivative(float y) => y > 0f ? 1f : 0f;
    /// <summary>Lane-wise 1 where y &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ReLUDerivative(Vector128<float> y) => Vector128.GreaterThan(y, Vector128<float>.Zero) & Vector128<float>.One;
    /// <summary>Lane-wise 1 where y &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLUDerivative(Vector256<float> y) => Vector256.GreaterThan(y, Vector256<float>.Zero) & Vector256<float>.One;
    /// <summary>Lane-wise 1 where y &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ReLUDerivative(Vector512<float> y) => Vector512.GreaterThan(y, Vector512<float>.Zero) & Vector512<float>.One;
}
