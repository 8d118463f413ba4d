using LeNet.Generator.Model;

namespace LeNet.Generator.Emit;

/// <summary>Expressions for squashing functions and their derivatives, through LeNet.Kernels.VectorMath.</summary>
internal static class ActivationText
{
    private const string MathClass = TypeRefs.VectorMathTypeRef;

    /// <summary>f(<paramref name="value"/>).</summary>
    public static string Apply(Activation activation, string value) =>
        activation == Activation.Identity ? value : $"{MathClass}.{activation}({value})";

    /// <summary>f'(a) expressed through the output y = <paramref name="output"/>; null for the identity (f' = 1).</summary>
    public static string? Derivative(Activation activation, string output) =>
        activation == Activation.Identity ? null : $"{MathClass}.{activation}Derivative({output})";
}
