namespace LeNet.Engine;

/// <summary>y_u = f(b_u + sum_j w_uj x_j) over the whole flattened input.</summary>
internal sealed class FullyConnectedLayer(LayerInfo layer) : IGenericLayer
{
    private readonly int _inputs = layer.Input.Size, _units = layer.Output.Size;
    private readonly Activation _f = layer.Declaration.Activation;

    private readonly int _weights = layer.Segment(ParameterRole.Weights).Start, _biases = layer.Segment(ParameterRole.Biases).Start;

    private int W(int u, int j) => _weights + u * _inputs + j;
    private int B(int u) => _biases + u;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int u = 0; u < _units; u++)
        {
            float a = p[B(u)];
            for (int j = 0; j < _inputs; j++) a += p[W(u, j)] * x[j];
            y[u] = Activations.Apply(_f, a);
        }
    }

    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        dx.Clear();
        for (int u = 0; u < _units; u++)
        {
            float da = dy[u] * Activations.DerivativeFromOutput(_f, y[u]);
            g[B(u)] += da;
            for (int j = 0; j < _inputs; j++)
            {
                g[W(u, j)] += da * x[j];
                if (!dx.IsEmpty) dx[j] += da * p[W(u, j)];
            }
        }
    }

    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        hx.Clear();
        for (int u = 0; u < _units; u++)
        {
            float d = Activations.DerivativeFromOutput(_f, y[u]);
            float ha = hy[u] * d * d;
            h[B(u)] += ha;
            for (int j = 0; j < _inputs; j++)
            {
                h[W(u, j)] += ha * x[j] * x[j];
                if (!hx.IsEmpty) hx[j] += ha * p[W(u, j)] * p[W(u, j)];
            }
        }
    }
}
