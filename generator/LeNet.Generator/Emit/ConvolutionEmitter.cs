using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;

namespace LeNet.Generator.Emit;

/// <summary>
/// Convolutions with a spatial output (the ones with a 1x1 output are dense layers). Vectors run
/// along an output row: each row is split into <see cref="Simd.Segments"/> that stay in registers
/// while every (input map, ky, kx) tap adds a broadcast weight times a shifted input row, so each
/// weight is loaded once per row and nothing is stored until the row is finished and squashed.
/// </summary>
internal sealed class ConvolutionEmitter : ILayerEmitter
{
    public bool Vectorised => true;

    /// <summary>Name of the static table listing, per connected (output, input) pair, the input map.</summary>
    public static string SourcesTable(LayerSpec layer) => $"{layer.Label}Sources";
    /// <summary>Name of the static table giving each output map's first pair (length maps + 1).</summary>
    public static string FirstPairTable(LayerSpec layer) => $"{layer.Label}FirstPair";

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        Shape input = layer.Input, output = layer.Output;
        // Outputs are only stored, so the last vector may overlap its neighbour rather than end in scalars.
        List<(int Offset, int Width)> segments = Simd.Covering(output.Width, widest);
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            w.Line($"float bias = Unsafe.Add(ref {Parameters}, {layer.Label}.Biases + map);");
            using (w.Block($"for (int row = 0; row < {Format.Int(output.Height)}; row++)"))
            {
                w.Line($"// The row's {Format.Int(output.Width)} outputs, held in registers: {Describe(segments)}.");
                for (int s = 0; s < segments.Count; s++)
                    w.Line($"{Simd.Type(segments[s].Width)} sum{s} = {Simd.Broadcast(segments[s].Width, "bias")};");
                using (OpenPairLoop(w, layer))
                {
                    w.Line($"ref float weights = ref Unsafe.Add(ref {Parameters}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)});");
                    w.Line($"ref float source = ref Unsafe.Add(ref {Input}, (inputMap * {Format.Int(input.Height)} + row) * {Format.Int(input.Width)});");
                    for (int ky = 0; ky < layer.Kernel; ky++)
                        for (int kx = 0; kx < layer.Kernel; kx++)
                        {
                            int tap = ky * layer.Kernel + kx;
                            w.Line($"float w{tap} = {Simd.At("weights", Format.Int(tap))};");
                            for (int s = 0; s < segments.Count; s++)
                            {
                                (int offset, int width) = segments[s];
                                string x = Simd.Load(width, "source", Format.Int(ky * input.Width + kx + offset));
                                w.Line($"sum{s} = {Simd.MulAdd(width, x, Simd.Broadcast(width, $"w{tap}"), $"sum{s}")};");
                            }
                        }
                }
                w.Line($"ref float target = ref Unsafe.Add(ref {Output}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)});");
                for (int s = 0; s < segments.Count; s++)
                    w.Line(Simd.Store(segments[s].Width, ActivationText.Apply(layer.Activation, $"sum{s}"), "target", Format.Int(segments[s].Offset)));
            }
        }
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        Shape input = layer.Input, output = layer.Output;
        // Rows are covered by whole vectors; where the last one overlaps its neighbour, its delta is
        // loaded with the repeated lanes zeroed, so they add nothing to sums or to input deltas.
        List<(int Offset, int Width)> segments = Simd.Covering(output.Width, widest);
        ActivationPass.DeltaToWeightedSums(w, layer, widest, pass);

        w.Line("// Biases: the sum of each map's deltas.");
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            w.Line($"ref float mapDelta = ref Unsafe.Add(ref {Delta}, map * {Format.Int(output.MapSize)});");
            Ladder.Sum(w, output.MapSize, widest, "total", "i", (width, offset, acc) => $"{acc} += {Simd.Load(width, "mapDelta", offset)};");
            w.Line($"Unsafe.Add(ref {Accumulator}, {layer.Label}.Biases + map) += total;");
        }

        string product = pass == Pass.Gradient ? "input unit" : "squared input unit";
        w.Line($"// Weights: each tap's sum over the output positions of delta x {product}, one accumulator per kx.");
        var widths = segments.Select(s => s.Width).Distinct().ToList();
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        using (OpenPairLoop(w, layer))
        using (w.Block($"for (int ky = 0; ky < {Format.Int(layer.Kernel)}; ky++)"))
        {
            for (int kx = 0; kx < layer.Kernel; kx++)
                foreach (int width in widths)
                    w.Line($"{Simd.Type(width)} tap{kx}x{Simd.Suffix(width)} = {Simd.Zero(width)};");
            using (w.Block($"for (int row = 0; row < {Format.Int(output.Height)}; row++)"))
            {
                w.Line($"ref float rowDelta = ref Unsafe.Add(ref {Delta}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)});");
                w.Line($"ref float source = ref Unsafe.Add(ref {Input}, (inputMap * {Format.Int(input.Height)} + row + ky) * {Format.Int(input.Width)});");
                for (int s = 0; s < segments.Count; s++)
                {
                    (int offset, int width) = segments[s];
                    w.Line($"{Simd.Type(width)} d{s} = {RowDelta(segments, s)};");
                    for (int kx = 0; kx < layer.Kernel; kx++)
                    {
                        string acc = $"tap{kx}x{Simd.Suffix(width)}", x = Simd.Load(width, "source", Format.Int(offset + kx));
                        if (pass == Pass.Curvature)
                        {
                            w.Line($"{Simd.Type(width)} x{s}k{kx} = {x};");
                            x = pass.Factor($"x{s}k{kx}");
                        }
                        w.Line($"{acc} = {Simd.MulAdd(width, $"d{s}", x, acc)};");
                    }
                }
            }
            w.Line($"ref float weightSlot = ref Unsafe.Add(ref {Accumulator}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)} + ky * {Format.Int(layer.Kernel)});");
            for (int kx = 0; kx < layer.Kernel; kx++)
                w.Line($"{Simd.At("weightSlot", Format.Int(kx))} += {string.Join(" + ", widths.Select(width => Simd.Sum(width, $"tap{kx}x{Simd.Suffix(width)}")))};");
        }

        if (first) return;
        string weight = pass == Pass.Gradient ? "weight" : "squared weight";
        w.Line($"// Input deltas: every output delta spreads back over its window, times the {weight}.");
        w.Line($"MemoryMarshal.CreateSpan(ref {InputDelta}, {Format.Int(input.Size)}).Clear();");
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        using (OpenPairLoop(w, layer))
        {
            w.Line($"ref float weights = ref Unsafe.Add(ref {Parameters}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)});");
            using (w.Block($"for (int row = 0; row < {Format.Int(output.Height)}; row++)"))
            {
                w.Line($"ref float rowDelta = ref Unsafe.Add(ref {Delta}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)});");
                w.Line($"ref float target = ref Unsafe.Add(ref {InputDelta}, (inputMap * {Format.Int(input.Height)} + row) * {Format.Int(input.Width)});");
                for (int s = 0; s < segments.Count; s++)
                    w.Line($"{Simd.Type(segments[s].Width)} d{s} = {RowDelta(segments, s)};");
                for (int ky = 0; ky < layer.Kernel; ky++)
                    for (int kx = 0; kx < layer.Kernel; kx++)
                    {
                        int tap = ky * layer.Kernel + kx;
                        w.Line($"float w{tap} = {Simd.At("weights", Format.Int(tap))};");
                        for (int s = 0; s < segments.Count; s++)
                        {
                            (int offset, int width) = segments[s];
                            string at = Format.Int(ky * input.Width + kx + offset);
                            string value = Simd.MulAdd(width, $"d{s}", Simd.Broadcast(width, pass.Factor($"w{tap}")), Simd.Load(width, "target", at));
                            w.Line(Simd.Store(width, value, "target", at));
                        }
                    }
            }
        }
    }

    /// <summary>Loads segment <paramref name="index"/> of <c>rowDelta</c>, zeroing lanes an earlier segment already covers.</summary>
    private static string RowDelta(List<(int Offset, int Width)> segments, int index)
    {
        (int offset, int width) = segments[index];
        string load = Simd.Load(width, "rowDelta", Format.Int(offset));
        int overlap = Simd.Overlap(segments, index);
        return overlap == 0 ? load : $"{load} * {Simd.Mask(width, overlap)}";
    }

    /// <summary>
    /// Opens the loop over the input maps output map <c>map</c> reads, declaring <c>pair</c> (index
    /// of the (map, input map) weight block) and <c>inputMap</c>.
    /// </summary>
    private static IndentedTextWriter.BlockScope OpenPairLoop(IndentedTextWriter w, LayerSpec layer)
    {
        if (layer.HasTable)
        {
            var scope = w.Block($"for (int pair = {FirstPairTable(layer)}[map]; pair < {FirstPairTable(layer)}[map + 1]; pair++)");
            w.Line($"int inputMap = {SourcesTable(layer)}[pair];");
            return scope;
        }
        var full = w.Block($"for (int inputMap = 0; inputMap < {Format.Int(layer.Input.Channels)}; inputMap++)");
        w.Line($"int pair = map * {Format.Int(layer.Input.Channels)} + inputMap;");
        return full;
    }

    private static string Describe(List<(int Offset, int Width)> segments) =>
        string.Join(" + ", segments.Select(s => s.Width == 1 ? $"scalar at {s.Offset}" : $"{s.Width} lanes at {s.Offset}"));
}
