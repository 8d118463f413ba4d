namespace LeNet.Generator.Emit;

/// <summary>
/// Which backward pass a kernel is written for. The curvature pass (the paper's Appendix C) has the
/// structure of the gradient pass with every first-order factor squared: f'(a)^2 instead of f'(a),
/// x^2 instead of x for weights, w^2 instead of w for inputs.
/// </summary>
internal enum Pass
{
    /// <summary>dE/dw by back-propagation.</summary>
    Gradient,
    /// <summary>The diagonal Gauss-Newton d2E/dw2.</summary>
    Curvature,
}

/// <summary>Text helpers that differ between the passes.</summary>
internal static class PassText
{
    /// <summary><paramref name="factor"/>, squared in the curvature pass.</summary>
    public static string Factor(this Pass pass, string factor) =>
        pass == Pass.Gradient ? factor : $"{factor} * {factor}";

    /// <summary>Name of the pass's entry method.</summary>
    public static string Method(this Pass pass) => pass == Pass.Gradient ? "Backward" : "BackwardCurvature";

    /// <summary>What the pass's delta is, for comments.</summary>
    public static string Delta(this Pass pass) => pass == Pass.Gradient ? "dE/dy" : "d2E/dy2";
}
