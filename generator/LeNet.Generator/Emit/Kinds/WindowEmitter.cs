using System;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// The layers whose windows do not tile their input one step apart (<see cref="LayerSpec.IsWindowed"/>):
/// a convolution with padding or a stride, a pooling that leaves out its input's last rows or
/// columns. Every pass is a loop over the outputs and each output's window, with the window's
/// taps outside the input (the padding's zeros) skipped: on one sample, and on a block one lane at
/// a time (<see cref="SampleUnits"/>). <see cref="LayerEmitters"/> gives such layers of either kind
/// to this unit, as it gives a convolution that covers its input to the dense one. The backward
/// passes first turn the output delta into dE/da (the block file emitter does it for the block
/// pass), then write the input delta (reading every parameter), then add into the accumulator, so a fused
/// SGD step whose accumulator is the parameters stays exact.
/// </summary>
internal sealed class WindowEmitter : ILayerEmitter
{
    public bool Vectorised(LayerSpec layer) => false;

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest) => WriteForward(w, layer, SampleUnits.One);

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first) =>
        WriteBackward(w, layer, pass, first, SampleUnits.One, derivative: true);

    public int BlockWorkUnits(LayerSpec layer) => 0;

    /// <summary>The block forward kernel: the one-sample loops, lane by lane.</summary>
    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes) =>
        WriteForward(w, layer, new SampleUnits(lanes.Count));

    public bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first) => false;

    /// <summary>The block backward kernel (gradient pass), its delta already dE/da: the one-sample loops, lane by lane, summing the lanes' parameter gradients.</summary>
    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first) =>
        WriteBackward(w, layer, Pass.Gradient, first, new SampleUnits(lanes.Count), derivative: false);

    private static void WriteForward(IndentedTextWriter w, LayerSpec layer, SampleUnits units)
    {
        using (units.OpenLanes(w))
            if (layer.Kind == LayerKind.Convolution) ConvolutionForward(w, layer, units);
            else PoolForward(w, layer, units);
    }

    private static void WriteBackward(IndentedTextWriter w, LayerSpec layer, Pass pass, bool first, SampleUnits units, bool derivative)
    {
        using (units.OpenLanes(w))
        {
            if (derivative && ActivationText.Derivative(layer.Activation, units.At(Output, "u")) is { } fPrime)
            {
                w.Line($"// {pass.Delta()} times f'(a){(pass == Pass.Curvature ? " squared" : "")}, f' read from the outputs ({layer.Activation}).");
                using (w.Block($"for (int u = 0; u < {Format.Int(layer.Output.Size)}; u++)"))
                    w.Line($"{units.At(Delta, "u")} *= {pass.Factor(fPrime)};");
            }
            if (layer.Kind == LayerKind.Convolution) ConvolutionBackward(w, layer, pass, first, units);
            else PoolBackward(w, layer, pass, first, units);
        }
    }

    // ---- Convolution ---------------------------------------------------------------------------

    /// <summary>Opens the loops over every output (map, row, column) and names its unit <c>at</c>.</summary>
    private static IDisposable OpenOutputs(IndentedTextWriter w, LayerSpec layer)
    {
        Shape output = layer.Output;
        var maps = w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)");
        var rows = Index.Open(w, "row", output.Height);
        var columns = w.Block($"for (int column = 0; column < {Format.Int(output.Width)}; column++)");
        w.Line($"int at = (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)} + column;");
        return IndentedTextWriter.Together(maps, rows, columns);
    }

    /// <summary>Opens the loop over an output map's connected input maps, naming <c>inputMap</c> and <c>pair</c> (the kernel's index).</summary>
    private static IDisposable OpenPairs(IndentedTextWriter w, LayerSpec layer)
    {
        if (!layer.HasTable)
        {
            var loop = w.Block($"for (int inputMap = 0; inputMap < {Format.Int(layer.Input.Channels)}; inputMap++)");
            w.Line($"int pair = map * {Format.Int(layer.Input.Channels)} + inputMap;");
            return loop;
        }
        string firsts = ConvolutionEmitter.FirstPairTable(layer);
        var pairs = w.Block($"for (int pair = {firsts}[map]; pair < {firsts}[map + 1]; pair++)");
        w.Line($"int inputMap = {ConvolutionEmitter.SourcesTable(layer)}[pair];");
        return pairs;
    }

    /// <summary>
    /// Opens the loops over the kernel's taps that read the input (not the padding), naming
    /// <c>tap</c> (ky * k + kx) and <c>source</c>, the input unit it reads.
    /// </summary>
    private static IDisposable OpenTaps(IndentedTextWriter w, LayerSpec layer)
    {
        Shape input = layer.Input;
        string k = Format.Int(layer.Kernel);
        var ys = w.Block($"for (int ky = 0; ky < {k}; ky++)");
        w.Line($"int y = {Position("row", "ky", layer)};");
        if (layer.Padding > 0 || layer.Stride > 1)
            w.Line($"if ((uint)y >= {Format.Int(input.Height)}u) continue;");
        var xs = w.Block($"for (int kx = 0; kx < {k}; kx++)");
        w.Line($"int x = {Position("column", "kx", layer)};");
        if (layer.Padding > 0 || layer.Stride > 1)
            w.Line($"if ((uint)x >= {Format.Int(input.Width)}u) continue;");
        w.Line($"int tap = ky * {k} + kx;");
        w.Line($"int source = (inputMap * {Format.Int(input.Height)} + y) * {Format.Int(input.Width)} + x;");
        return IndentedTextWriter.Together(ys, xs);
    }

    /// <summary>The input row (column) an output row (column) reads at a kernel offset: out * stride + k - padding.</summary>
    private static string Position(string output, string offset, LayerSpec layer) =>
        (layer.Stride == 1 ? output : $"{output} * {Format.Int(layer.Stride)}") + $" + {offset}"
        + (layer.Padding == 0 ? "" : $" - {Format.Int(layer.Padding)}");

    private static string Weight(LayerSpec layer) =>
        $"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)} + tap)";

    private static void ConvolutionForward(IndentedTextWriter w, LayerSpec layer, SampleUnits units)
    {
        w.Line($"// Each output: its bias plus its window's taps that fall inside the input (padding {Format.Int(layer.Padding)}, stride {Format.Int(layer.Stride)}).");
        using (OpenOutputs(w, layer))
        {
            w.Line($"float sum = {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map);");
            using (OpenPairs(w, layer))
            using (OpenTaps(w, layer))
                w.Line($"sum += {Weight(layer)} * {units.At(Input, "source")};");
            w.Line($"{units.At(Output, "at")} = {ActivationText.Apply(layer.Activation, "sum")};");
        }
    }

    private static void ConvolutionBackward(IndentedTextWriter w, LayerSpec layer, Pass pass, bool first, SampleUnits units)
    {
        if (!first)
        {
            w.Line("// The input delta: each output's delta through its window's weights; padding receives none.");
            ClearInputDelta(w, layer, units);
            using (OpenOutputs(w, layer))
            {
                w.Line($"float d = {units.At(Delta, "at")};");
                using (OpenPairs(w, layer))
                using (OpenTaps(w, layer))
                    w.Line($"{units.At(InputDelta, "source")} += d * {pass.Factor(Weight(layer))};");
            }
        }
        w.Line("// The parameters: each output's delta times the inputs its window read, and once for the bias.");
        using (OpenOutputs(w, layer))
        {
            w.Line($"float d = {units.At(Delta, "at")};");
            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += d;");
            using (OpenPairs(w, layer))
            using (OpenTaps(w, layer))
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)} + tap) += d * {pass.Factor(units.At(Input, "source"))};");
        }
    }

    private static void ClearInputDelta(IndentedTextWriter w, LayerSpec layer, SampleUnits units)
    {
        using (w.Block($"for (int u = 0; u < {Format.Int(layer.Input.Size)}; u++)"))
            w.Line($"{units.At(InputDelta, "u")} = 0f;");
    }

    // ---- Pooling with a remainder --------------------------------------------------------------

    /// <summary>Opens the loops over an output's window, naming <c>source</c>, the input unit of each cell.</summary>
    private static IDisposable OpenWindow(IndentedTextWriter w, LayerSpec layer)
    {
        Shape input = layer.Input;
        string size = Format.Int(layer.Size);
        var ys = w.Block($"for (int wy = 0; wy < {size}; wy++)");
        var xs = w.Block($"for (int wx = 0; wx < {size}; wx++)");
        w.Line($"int source = (map * {Format.Int(input.Height)} + row * {size} + wy) * {Format.Int(input.Width)} + column * {size} + wx;");
        return IndentedTextWriter.Together(ys, xs);
    }

    /// <summary>Writes <c>pooled</c>, the window's mean or maximum, and for max pooling <c>argMax</c>, the first cell holding it.</summary>
    private static void WritePooled(IndentedTextWriter w, LayerSpec layer, SampleUnits units)
    {
        bool max = layer.Pooling == Pooling.Max;
        Shape input = layer.Input;
        string size = Format.Int(layer.Size);
        if (max)
        {
            w.Line($"int argMax = (map * {Format.Int(input.Height)} + row * {size}) * {Format.Int(input.Width)} + column * {size};");
            w.Line($"float pooled = {units.At(Input, "argMax")};");
        }
        else
            w.Line("float pooled = 0f;");
        using (OpenWindow(w, layer))
        {
            if (max)
            {
                w.Line($"float cell = {units.At(Input, "source")};");
                using (w.Block("if (cell > pooled)"))
                {
                    w.Line("pooled = cell;");
                    w.Line("argMax = source;");
                }
            }
            else
                w.Line($"pooled += {units.At(Input, "source")};");
        }
        if (!max)
            w.Line($"pooled /= {Format.Int(layer.Size * layer.Size)};");
    }

    private static string Coefficient(LayerSpec layer) => $"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Coefficients + map)";

    private static void PoolForward(IndentedTextWriter w, LayerSpec layer, SampleUnits units)
    {
        w.Line($"// Each output pools its {Format.Int(layer.Size)}x{Format.Int(layer.Size)} window; the input's last {RemainderText(layer)} fill no window and are not read.");
        using (OpenOutputs(w, layer))
        {
            WritePooled(w, layer, units);
            string value = layer.Trainable ? $"{Coefficient(layer)} * pooled + {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map)" : "pooled";
            w.Line($"{units.At(Output, "at")} = {ActivationText.Apply(layer.Activation, value)};");
        }
    }

    private static string RemainderText(LayerSpec layer) =>
        $"{Format.Int(layer.Input.Height % layer.Size)} row(s) and {Format.Int(layer.Input.Width % layer.Size)} column(s)";

    private static void PoolBackward(IndentedTextWriter w, LayerSpec layer, Pass pass, bool first, SampleUnits units)
    {
        bool max = layer.Pooling == Pooling.Max;
        if (!first)
        {
            w.Line($"// The input delta: each output's delta back to its window (the maximum's cell, or every cell's share); the last {RemainderText(layer)} get none.");
            ClearInputDelta(w, layer, units);
            using (OpenOutputs(w, layer))
            {
                w.Line($"float d = {units.At(Delta, "at")}{(layer.Trainable ? " * " + pass.Factor(Coefficient(layer)) : "")};");
                if (max)
                {
                    WritePooled(w, layer, units);
                    w.Line($"{units.At(InputDelta, "argMax")} += d;");
                }
                else
                {
                    string share = Format.Float(1f / (layer.Size * layer.Size));
                    using (OpenWindow(w, layer))
                        w.Line($"{units.At(InputDelta, "source")} += d * {pass.Factor(share)};");
                }
            }
        }
        if (!layer.Trainable)
            return;
        w.Line("// The coefficient and bias: each output's delta times its pooled value, and once for the bias.");
        using (OpenOutputs(w, layer))
        {
            w.Line($"float d = {units.At(Delta, "at")};");
            WritePooled(w, layer, units);
            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Coefficients + map) += d * {pass.Factor("pooled")};");
            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += d;");
        }
    }
}
