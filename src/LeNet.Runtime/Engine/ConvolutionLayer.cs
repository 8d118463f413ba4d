namespace LeNet.Engine;

/// <summary>
/// Convolution with zero padding and a stride, optional connection table: the textbook loops. Output
/// (oy, ox) reads input (oy * stride + ky - padding, ox * stride + kx - padding); taps outside the
/// input read the padding's zeros, so they add nothing and receive no delta.
/// </summary>
internal sealed class ConvolutionLayer(LayerInfo layer) : IGenericLayer
{
    private readonly Shape _in = layer.Input, _out = layer.Output;
    private readonly int _k = layer.Declaration.Kernel, _pad = layer.Declaration.Padding, _stride = layer.Declaration.Stride;
    private readonly Activation _f = layer.Declaration.Activation;
    private readonly int[][] _inputs = Enumerable.Range(0, layer.Output.Channels).Select(o => layer.InputsOf(o).ToArray()).ToArray();
    private readonly int[] _weightStart = WeightStarts(layer);
    private readonly int _biasStart = layer.Segment(ParameterRole.Biases).Start;

    /// <summary>Where each output map's kernels start: its weights run, one after another, map by map.</summary>
    private static int[] WeightStarts(LayerInfo layer)
    {
        ParameterSegment weights = layer.Segment(ParameterRole.Weights);
        var starts = new int[layer.Output.Channels];
        starts[0] = weights.Start;
        for (int o = 1; o < starts.Length; o++) starts[o] = starts[o - 1] + weights.FanInOf(layer.InputsOf(o - 1).Count);
        return starts;
    }

    private int W(int o, int slot, int ky, int kx) => _weightStart[o] + (slot * _k + ky) * _k + kx;
    private int In(int c, int y, int x) => (c * _in.Height + y) * _in.Width + x;

    /// <summary>
    /// The first input row (or column) output position <paramref name="at"/> reads, and the kernel taps
    /// [From, To) that fall inside an input side of <paramref name="size"/>; the others read the padding.
    /// </summary>
    private (int First, int From, int To) Taps(int at, int size)
    {
        int first = at * _stride - _pad;
        return (first, Math.Max(0, -first), Math.Min(_k, size - first));
    }

    private int Out(int o, int y, int x) => (o * _out.Height + y) * _out.Width + x;

    public void Forward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int o = 0; o < _out.Channels; o++)
            for (int oy = 0; oy < _out.Height; oy++)
                for (int ox = 0; ox < _out.Width; ox++)
                {
                    float a = p[_biasStart + o];
                    (int top, int y0, int y1) = Taps(oy, _in.Height);
                    (int left, int x0, int x1) = Taps(ox, _in.Width);
                    for (int slot = 0; slot < _inputs[o].Length; slot++)
                        for (int ky = y0; ky < y1; ky++)
                            for (int kx = x0; kx < x1; kx++)
                                a += p[W(o, slot, ky, kx)] * x[In(_inputs[o][slot], top + ky, left + kx)];
                    y[Out(o, oy, ox)] = Activations.Apply(_f, a);
                }
    }

    public void Backward(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Span<float> g)
    {
        dx.Clear();
        for (int o = 0; o < _out.Channels; o++)
            for (int oy = 0; oy < _out.Height; oy++)
                for (int ox = 0; ox < _out.Width; ox++)
                {
                    int at = Out(o, oy, ox);
                    float da = dy[at] * Activations.DerivativeFromOutput(_f, y[at]);
                    g[_biasStart + o] += da;
                    (int top, int y0, int y1) = Taps(oy, _in.Height);
                    (int left, int x0, int x1) = Taps(ox, _in.Width);
                    for (int slot = 0; slot < _inputs[o].Length; slot++)
                        for (int ky = y0; ky < y1; ky++)
                            for (int kx = x0; kx < x1; kx++)
                            {
                                int xi = In(_inputs[o][slot], top + ky, left + kx);
                                g[W(o, slot, ky, kx)] += da * x[xi];
                                if (!dx.IsEmpty) dx[xi] += da * p[W(o, slot, ky, kx)];
                            }
                }
    }

    public void Curvature(ReadOnlySpan<float> p, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> hy, Span<float> hx, Span<float> h)
    {
        hx.Clear();
        for (int o = 0; o < _out.Channels; o++)
            for (int oy = 0; oy < _out.Height; oy++)
                for (int ox = 0; ox < _out.Width; ox++)
                {
                    int at = Out(o, oy, ox);
                    float d = Activations.DerivativeFromOutput(_f, y[at]);
                    float ha = hy[at] * d * d;
                    h[_biasStart + o] += ha;
                    (int top, int y0, int y1) = Taps(oy, _in.Height);
                    (int left, int x0, int x1) = Taps(ox, _in.Width);
                    for (int slot = 0; slot < _inputs[o].Length; slot++)
                        for (int ky = y0; ky < y1; ky++)
                            for (int kx = x0; kx < x1; kx++)
                            {
                                int xi = In(_inputs[o][slot], top + ky, left + kx);
                                float w = p[W(o, slot, ky, kx)];
                                h[W(o, slot, ky, kx)] += ha * x[xi] * x[xi];
                                if (!hx.IsEmpty) hx[xi] += ha * w * w;
                            }
                }
    }
}
