using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LeNet.Kernels;

/// <summary>
/// Vectorised squashing functions and their derivatives (from the output), called by the generated
/// kernels one vector at a time. The scalar overloads are the exact <see cref="Activations"/>
/// formulas; the vector tanh is a rational approximation within 1e-6 of them (see
/// VectorMathTests), far inside the 1e-5 the engine-equivalence tests allow.
/// </summary>
/// <remarks>
/// The BCL exposes no public generic vector interface, so each width is written out: Vector256 and
/// Vector512 in full (they are the hot paths), Vector128 by widening to Vector256 (it only ever
/// handles a tail of four units).
/// </remarks>
public static class VectorMath
{
    private const float A = Activations.PaperAmplitude, S = Activations.PaperSlope;

    // tanh(x) ~ x P(x^2) / Q(x^2), the odd 13/6 rational minimax used by Eigen, XLA and ONNX
    // Runtime's MLAS. It is all FMAs and one division, so it inlines into the kernels (the BCL's
    // vector Exp is a call, and every call spills the live vector registers). Beyond +-TanhClamp
    // tanh rounds to +-1 in float, so inputs are clamped there, with the single-instruction min/max
    // (x as their second operand, which x86 returns when it is NaN, so a NaN still shows).
    private const float TanhClamp = 7.90531110763549805f;
    private const float P13 = -2.76076847742355e-16f, P11 = 2.00018790482477e-13f, P9 = -8.60467152213735e-11f,
        P7 = 5.12229709037114e-08f, P5 = 1.48572235717979e-05f, P3 = 6.37261928875436e-04f, P1 = 4.89352455891786e-03f;
    private const float Q6 = 1.19825839466702e-06f, Q4 = 1.18534705686654e-04f, Q2 = 2.26843463243900e-03f, Q0 = 4.89352518554385e-03f;

    // ---- tanh -----------------------------------------------------------------------------------

    /// <summary>tanh(x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>tanh of each lane (NaN stays NaN, +-infinity gives +-1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        x = Vector256.MinNative(Vector256.Create(TanhClamp), Vector256.MaxNative(Vector256.Create(-TanhClamp), x));
        Vector256<float> x2 = x * x;
        Vector256<float> p = Vector256.MultiplyAddEstimate(x2, Vector256.Create(P13), Vector256.Create(P11));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(P9));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(P7));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(P5));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(P3));
        p = Vector256.MultiplyAddEstimate(x2, p, Vector256.Create(P1));
        Vector256<float> q = Vector256.MultiplyAddEstimate(x2, Vector256.Create(Q6), Vector256.Create(Q4));
        q = Vector256.MultiplyAddEstimate(x2, q, Vector256.Create(Q2));
        q = Vector256.MultiplyAddEstimate(x2, q, Vector256.Create(Q0));
        return x * p / q;
    }

    /// <summary>tanh of each lane (NaN stays NaN, +-infinity gives +-1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        x = Vector512.MinNative(Vector512.Create(TanhClamp), Vector512.MaxNative(Vector512.Create(-TanhClamp), x));
        Vector512<float> x2 = x * x;
        Vector512<float> p = Vector512.MultiplyAddEstimate(x2, Vector512.Create(P13), Vector512.Create(P11));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(P9));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(P7));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(P5));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(P3));
        p = Vector512.MultiplyAddEstimate(x2, p, Vector512.Create(P1));
        Vector512<float> q = Vector512.MultiplyAddEstimate(x2, Vector512.Create(Q6), Vector512.Create(Q4));
        q = Vector512.MultiplyAddEstimate(x2, q, Vector512.Create(Q2));
        q = Vector512.MultiplyAddEstimate(x2, q, Vector512.Create(Q0));
        return x * p / q;
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
