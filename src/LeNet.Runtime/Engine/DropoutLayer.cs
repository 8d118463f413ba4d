namespace LeNet.Engine;

/// <summary>
/// Inverted dropout: y = x * <see cref="TrainingStep.DropoutFactor"/> (0 or 1 / (1 - rate) in
/// training, 1 in evaluation); backward, dx = dy * <see cref="TrainingStep.DropoutDerivative"/>, read
/// from x and y, so the backward passes need no mask.
/// </summary>
internal sealed class DropoutLayer(LayerInfo layer) : IGenericLayer
{
    private readonly int _n = layer.Output.Size, _unit = layer.ActivationOffset;
    private readonly float _rate = layer.Declaration.Rate;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y) => Forward(p, x, y, TrainingStep.Evaluation);

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y, TrainingStep step)
    {
        for (int i = 0; i < _n; i++) y[i] = x[i] * step.DropoutFactor(_unit + i, 0, _rate);
    }

    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        if (dx.IsEmpty) return;
        for (int i = 0; i < _n; i++) dx[i] = dy[i] * TrainingStep.DropoutDerivative(x[i], y[i], _rate);
    }

    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        if (hx.IsEmpty) return;
        for (int i = 0; i < _n; i++)
        {
            float d = TrainingStep.DropoutDerivative(x[i], y[i], _rate);
            hx[i] = hy[i] * d * d;
        }
    }
}
