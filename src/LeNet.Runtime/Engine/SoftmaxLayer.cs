namespace LeNet.Engine;

/// <summary>
/// y_i = e^(x_i - max x) / sum_k e^(x_k - max x): probabilities over the classes. Per position (a
/// replicated network's output), one softmax over the maps at every position p, unit i at i * positions + p.
/// </summary>
internal sealed class SoftmaxLayer(LayerInfo layer) : IGenericLayer
{
    private readonly int _positions = layer.Declaration.PerPosition ? layer.Output.Height * layer.Output.Width : 1;
    private readonly int _n = layer.Declaration.PerPosition ? layer.Output.Channels : layer.Output.Size;

    private int At(int i, int position) => i * _positions + position;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int position = 0; position < _positions; position++)
        {
            float max = float.NegativeInfinity;
            for (int i = 0; i < _n; i++) max = MathF.Max(max, x[At(i, position)]);
            float sum = 0f;
            for (int i = 0; i < _n; i++) { y[At(i, position)] = MathF.Exp(x[At(i, position)] - max); sum += y[At(i, position)]; }
            for (int i = 0; i < _n; i++) y[At(i, position)] /= sum;
        }
    }

    /// <summary>dx_i = y_i (dy_i - sum_k dy_k y_k), the Jacobian of softmax applied to dy.</summary>
    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        if (dx.IsEmpty) return;
        for (int position = 0; position < _positions; position++)
        {
            float dot = 0f;
            for (int k = 0; k < _n; k++) dot += dy[At(k, position)] * y[At(k, position)];
            for (int i = 0; i < _n; i++) dx[At(i, position)] = y[At(i, position)] * (dy[At(i, position)] - dot);
        }
    }

    /// <summary>hx_i = sum_k (dy_k/dx_i)^2 hy_k with dy_k/dx_i = y_k (delta_ki - y_i).</summary>
    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        if (hx.IsEmpty) return;
        for (int position = 0; position < _positions; position++)
            for (int i = 0; i < _n; i++)
            {
                float sum = 0f;
                for (int k = 0; k < _n; k++)
                {
                    float j = y[At(k, position)] * ((k == i ? 1f : 0f) - y[At(i, position)]);
                    sum += j * j * hy[At(k, position)];
                }
                hx[At(i, position)] = sum;
            }
    }
}
