namespace LeNet.Engine;

/// <summary>
/// The paper's Euclidean RBF output: y_u = sum_j (x_j - c_uj)^2, with the centres either fixed
/// (<see cref="DigitCodes"/>) or trainable parameters laid out [unit][input].
/// </summary>
internal sealed class RadialBasisLayer(LayerInfo layer) : IGenericLayer
{
    private readonly int _inputs = layer.Input.Size, _units = layer.Output.Size;
    private readonly bool _trainable = layer.Declaration.Trainable;

    private ReadOnlySpan<float> Centres(ReadOnlySpan<float> p) => _trainable ? p : DigitCodes.All;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y)
    {
        ReadOnlySpan<float> c = Centres(p);
        for (int u = 0; u < _units; u++)
        {
            float sum = 0f;
            for (int j = 0; j < _inputs; j++)
            {
                float d = x[j] - c[u * _inputs + j];
                sum += d * d;
            }
            y[u] = sum;
        }
    }

    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        ReadOnlySpan<float> c = Centres(p);
        dx.Clear();
        for (int u = 0; u < _units; u++)
            for (int j = 0; j < _inputs; j++)
            {
                float twice = 2f * dy[u] * (x[j] - c[u * _inputs + j]);
                if (!dx.IsEmpty) dx[j] += twice;
                if (_trainable) g[u * _inputs + j] -= twice;
            }
    }

    /// <remarks>
    /// Each y_u is a sum of squared residuals r = x - c, whose Gauss-Newton second derivative in x
    /// (and in c) is exactly 2; <paramref name="hy"/> weighs each unit's share.
    /// </remarks>
    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        hx.Clear();
        for (int u = 0; u < _units; u++)
            for (int j = 0; j < _inputs; j++)
            {
                if (!hx.IsEmpty) hx[j] += 2f * hy[u];
                if (_trainable) h[u * _inputs + j] += 2f * hy[u];
            }
    }
}
