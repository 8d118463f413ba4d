namespace LeNet;

/// <summary>
/// The squashing functions and their derivatives, written once in plain scalar code. The generic
/// engine calls these; the generator emits the same formulas inline (vectorised), and the
/// equivalence tests hold the two together.
/// </summary>
public static class Activations
{
    /// <summary>The paper's amplitude A in f(a) = A tanh(S a).</summary>
    public const float PaperAmplitude = 1.7159f;
    /// <summary>The paper's slope S in f(a) = A tanh(S a).</summary>
    public const float PaperSlope = 2f / 3f;

    /// <summary>f(a).</summary>
    public static float Apply(Activation activation, float a) => activation switch
    {
        Activation.Identity => a,
        Activation.ScaledTanh => PaperAmplitude * MathF.Tanh(PaperSlope * a),
        Activation.Tanh => MathF.Tanh(a),
        Activation.ReLU => a > 0f ? a : 0f,
        Activation.Sigmoid => 1f / (1f + MathF.Exp(-a)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>
    /// f'(a) expressed through the output y = f(a): every supported function allows it, so the
    /// backward pass needs only the stored outputs, not the weighted sums.
    /// </summary>
    public static float DerivativeFromOutput(Activation activation, float y) => activation switch
    {
        Activation.Identity => 1f,
        // A S (1 - tanh^2) with tanh = y / A, i.e. (S / A) (A^2 - y^2).
        Activation.ScaledTanh => PaperSlope / PaperAmplitude * (PaperAmplitude * PaperAmplitude - y * y),
        Activation.Tanh => 1f - y * y,
        Activation.ReLU => y > 0f ? 1f : 0f,
        Activation.Sigmoid => y * (1f - y),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
