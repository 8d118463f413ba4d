namespace LeNet.Engine;

/// <summary>
/// Average or max pooling over non-overlapping windows, map by map; with the paper's trainable
/// coefficient and bias per map when declared so: y = f(coef * mean + bias).
/// </summary>
internal sealed class SubsamplingLayer(LayerInfo layer) : IGenericLayer
{
    private readonly Shape _in = layer.Input, _out = layer.Output;
    private readonly int _s = layer.Declaration.Size;
    private readonly bool _max = layer.Declaration.Pooling == Pooling.Max;
    private readonly bool _trainable = layer.Declaration.Trainable;
    private readonly Activation _f = layer.Declaration.Activation;
    private readonly int _coefficients = layer.Declaration.Trainable ? layer.Segment(ParameterRole.Coefficients).Start : 0;
    private readonly int _biases = layer.Declaration.Trainable ? layer.Segment(ParameterRole.Biases).Start : 0;

    private int In(int c, int y, int x) => (c * _in.Height + y) * _in.Width + x;
    private int Out(int c, int y, int x) => (c * _out.Height + y) * _out.Width + x;
    private int Co(int c) => _coefficients + c;
    private int B(int c) => _biases + c;

    /// <summary>The pooled value of a window: its mean, or its maximum with the index it came from (the first, on ties).</summary>
    private float Pool(ReadOnlySpan<float> x, int c, int oy, int ox, out int argMax)
    {
        argMax = In(c, oy * _s, ox * _s);
        float sum = 0f, best = x[argMax];
        for (int wy = 0; wy < _s; wy++)
            for (int wx = 0; wx < _s; wx++)
            {
                int i = In(c, oy * _s + wy, ox * _s + wx);
                sum += x[i];
                if (x[i] > best) { best = x[i]; argMax = i; }
            }
        return _max ? best : sum / (_s * _s);
    }

    private float Coefficient(ReadOnlySpan<float> p, int c) => _trainable ? p[Co(c)] : 1f;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int c = 0; c < _out.Channels; c++)
            for (int oy = 0; oy < _out.Height; oy++)
                for (int ox = 0; ox < _out.Width; ox++)
                {
                    float a = Pool(x, c, oy, ox, out _);
                    if (_trainable) a = p[Co(c)] * a + p[B(c)];
                    y[Out(c, oy, ox)] = Activations.Apply(_f, a);
                }
    }

    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        dx.Clear();
        for (int c = 0; c < _out.Channels; c++)
            for (int oy = 0; oy < _out.Height; oy++)
                for (int ox = 0; ox < _out.Width; ox++)
                {
                    int at = Out(c, oy, ox);
                    float da = dy[at] * Activations.DerivativeFromOutput(_f, y[at]);
                    float pooled = Pool(x, c, oy, ox, out int argMax);
                    if (_trainable)
                    {
                        g[Co(c)] += da * pooled;
                        g[B(c)] += da;
                    }
                    if (dx.IsEmpty) continue;
                    float dPooled = da * Coefficient(p, c);
                    if (_max) { dx[argMax] += dPooled; continue; }
                    for (int wy = 0; wy < _s; wy++)
                        for (int wx = 0; wx < _s; wx++)
                            dx[In(c, oy * _s + wy, ox * _s + wx)] += dPooled / (_s * _s);
                }
    }

    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        hx.Clear();
        for (int c = 0; c < _out.Channels; c++)
            for (int oy = 0; oy < _out.Height; oy++)
                for (int ox = 0; ox < _out.Width; ox++)
                {
                    int at = Out(c, oy, ox);
                    float d = Activations.DerivativeFromOutput(_f, y[at]);
                    float ha = hy[at] * d * d;
                    float pooled = Pool(x, c, oy, ox, out int argMax);
                    if (_trainable)
                    {
                        h[Co(c)] += ha * pooled * pooled;
                        h[B(c)] += ha;
                    }
                    if (hx.IsEmpty) continue;
                    float coefficient = Coefficient(p, c);
                    float hPooled = ha * coefficient * coefficient;
                    if (_max) { hx[argMax] += hPooled; continue; }
                    float share = 1f / (_s * _s);
                    for (int wy = 0; wy < _s; wy++)
                        for (int wx = 0; wx < _s; wx++)
                            hx[In(c, oy * _s + wy, ox * _s + wx)] += hPooled * share * share;
                }
    }
}
