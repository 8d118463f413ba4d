namespace LeNet.Engine;

/// <summary>
/// One layer of the generic engine: runtime shapes, plain scalar loops. Each method receives only
/// this layer's slice of the parameters (and of the gradient or curvature).
/// </summary>
internal interface IGenericLayer
{
    /// <summary>y = layer(x).</summary>
    void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, Span<float> y);

    /// <summary>y = layer(x) in a pass <paramref name="step"/> describes; only dropout tells training from evaluation.</summary>
    void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, Span<float> y, TrainingStep step) => Forward(parameters, x, y);

    /// <summary>
    /// Given dE/dy, adds dE/dparameters into <paramref name="gradient"/> and writes dE/dx into
    /// <paramref name="dx"/> (skipped when <paramref name="dx"/> is empty: the first layer needs none).
    /// </summary>
    void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> y,
        ReadOnlySpan<float> dy, Span<float> dx, Span<float> gradient);

    /// <summary>
    /// The diagonal Gauss-Newton pass: given d2E/dy2, adds d2E/dparameters2 into <paramref name="curvature"/>
    /// and writes d2E/dx2 into <paramref name="hx"/> (skipped when empty).
    /// </summary>
    void Curvature(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, ReadOnlySpan<float> y,
        ReadOnlySpan<float> hy, Span<float> hx, Span<float> curvature);
}
