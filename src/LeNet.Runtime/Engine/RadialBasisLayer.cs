namespace LeNet.Engine;

/// <summary>
/// The paper's Euclidean RBF output: y_u = sum_j (x_j - c_uj)^2, with the centres either fixed
/// (<see cref="DigitCodes"/>) or trainable parameters laid out [unit][input]. Per position (a
/// replicated network's output), the same at every position p, reading x_j at j * positions + p.
/// </summary>
internal sealed class RadialBasisLayer(LayerInfo layer) : IGenericLayer
{
    private readonly int _positions = layer.Declaration.PerPosition ? layer.Input.Height * layer.Input.Width : 1;
    private readonly int _inputs = (int)LayoutRules.VectorLength(layer.Declaration.PerPosition, layer.Input.Channels, layer.Input.Size);
    private readonly int _units = layer.Output.Channels;
    private readonly bool _trainable = layer.Declaration.Trainable;
    private readonly int _centres = layer.Declaration.Trainable ? layer.Segment(ParameterRole.Centres).Start : 0;

    private ReadOnlySpan<float> Centres(ReadOnlySpan<float> p) => _trainable ? p[_centres..] : DigitCodes.All;
    private int X(int j, int position) => j * _positions + position;
    private int Y(int u, int position) => u * _positions + position;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y)
    {
        ReadOnlySpan<float> c = Centres(p);
        for (int position = 0; position < _positions; position++)
            for (int u = 0; u < _units; u++)
            {
                float sum = 0f;
                for (int j = 0; j < _inputs; j++)
                {
                    float d = x[X(j, position)] - c[u * _inputs + j];
                    sum += d * d;
                }
                y[Y(u, position)] = sum;
            }
    }

    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        ReadOnlySpan<float> c = Centres(p);
        dx.Clear();
        for (int position = 0; position < _positions; position++)
            for (int u = 0; u < _units; u++)
                for (int j = 0; j < _inputs; j++)
                {
                    float twice = 2f * dy[Y(u, position)] * (x[X(j, position)] - c[u * _inputs + j]);
                    if (!dx.IsEmpty) dx[X(j, position)] += twice;
                    if (_trainable) g[_centres + u * _inputs + j] -= twice;
                }
    }

    /// <remarks>
    /// Each y_u is a sum of squared residuals r = x - c, whose Gauss-Newton second derivative in x
    /// (and in c) is exactly 2; <paramref name="hy"/> weighs each unit's share.
    /// </remarks>
    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        hx.Clear();
        for (int position = 0; position < _positions; position++)
            for (int u = 0; u < _units; u++)
                for (int j = 0; j < _inputs; j++)
                {
                    if (!hx.IsEmpty) hx[X(j, position)] += 2f * hy[Y(u, position)];
                    if (_trainable) h[_centres + u * _inputs + j] += 2f * hy[Y(u, position)];
                }
    }
}
