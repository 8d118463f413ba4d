namespace LeNet.Engine;

/// <summary>y_i = e^(x_i - max x) / sum_k e^(x_k - max x): probabilities over the classes.</summary>
internal sealed class SoftmaxLayer(LayerInfo layer) : IGenericLayer
{
    private readonly int _n = layer.Output.Size;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < _n; i++) max = MathF.Max(max, x[i]);
        float sum = 0f;
        for (int i = 0; i < _n; i++) { y[i] = MathF.Exp(x[i] - max); sum += y[i]; }
        for (int i = 0; i < _n; i++) y[i] /= sum;
    }

    /// <summary>dx_i = y_i (dy_i - sum_k dy_k y_k), the Jacobian of softmax applied to dy.</summary>
    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        if (dx.IsEmpty) return;
        float dot = 0f;
        for (int k = 0; k < _n; k++) dot += dy[k] * y[k];
        for (int i = 0; i < _n; i++) dx[i] = y[i] * (dy[i] - dot);
    }

    /// <summary>hx_i = sum_k (dy_k/dx_i)^2 hy_k with dy_k/dx_i = y_k (delta_ki - y_i).</summary>
    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        if (hx.IsEmpty) return;
        for (int i = 0; i < _n; i++)
        {
            float sum = 0f;
            for (int k = 0; k < _n; k++)
            {
                float j = y[k] * ((k == i ? 1f : 0f) - y[i]);
                sum += j * j * hy[k];
            }
            hx[i] = sum;
        }
    }
}
