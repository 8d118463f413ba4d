using System;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// The block passes of a spatial convolution: a register tile of (output maps x neighbouring
/// positions) accumulators, so each input load feeds one FMA per map of the tile and each broadcast
/// weight one per position; the input delta is the same correlation run over the zero-padded output
/// delta with the kernel turned round.
/// </summary>
internal sealed partial class ConvolutionEmitter
{
    public int BlockWorkUnits(LayerSpec layer) => layer.PaddedDeltaSize;

    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        TableLocals(w, layer);
        Correlate(w, lanes, ForwardCorrelation(layer));
    }


    /// <summary>
    /// A valid correlation from <see cref="Source"/> maps to <see cref="Target"/> maps: each target map
    /// sums every source map through a KxK kernel, turned round when <see cref="Flip"/>.
    /// <see cref="Kernel"/>(target, source) is the offset of that kernel past the layer's weights; under
    /// a connection table it is read from the table and is negative where the pair is not connected
    /// (<see cref="TableLocals"/>).
    /// </summary>
    private sealed record Correlation(
        LayerSpec Layer, string Source, Shape SourceShape, string Target, Shape TargetShape, bool Flip,
        Func<string, string, string> Kernel, Func<string, string> Start, Func<string, string> Finish);

    private static Correlation ForwardCorrelation(LayerSpec layer) =>
        new(layer, Input, layer.Input, Output, layer.Output, Flip: false,
            Kernel: (map, source) => KernelOffset(layer, map, source),
            Start: map => $"{UnsafeTypeRef}.Add(ref {Parameters}, {Index.Add($"{layer.Label}.Biases", map)})",
            Finish: sum => ActivationText.Apply(layer.Activation, sum));

    /// <summary>Offset of the (output map, source map) pair's kernel past the layer's weights; under a table, -1 where not connected.</summary>
    private static string KernelOffset(LayerSpec layer, string map, string source) => layer.HasTable
        ? $"{PairTable}[{Index.Add(Index.Mul(map, layer.Input.Channels), source)}]"
        : Index.Add(Index.Mul(map, layer.Input.Channels * layer.Taps), Index.Mul(source, layer.Taps));

    /// <summary>The local holding, per (output map, source map), the offset of the pair's kernel or -1.</summary>
    private const string PairTable = "pairs";

    /// <summary>The local a pair that is not connected reads its kernel from: KxK zeros.</summary>
    private const string ZeroKernel = "unconnected";

    /// <summary>
    /// A connection table runs the loops of a full connection: unconnected pairs read a kernel of
    /// zeros. That costs the multiply-adds of the missing pairs (Table I connects 60 of 96), but the
    /// code stays a few loops whatever the table, where code written out per connection grows with it
    /// and, for Table I, past what the JIT optimises (it compiles methods over 60,000 bytes of IL
    /// without optimisation).
    /// </summary>
    private static void TableLocals(IndentedTextWriter w, LayerSpec layer)
    {
        if (!layer.HasTable) return;
        int inputs = layer.Input.Channels, taps = layer.Taps;
        var offsets = Enumerable.Range(0, layer.Output.Channels).SelectMany(map =>
            Enumerable.Range(0, inputs).Select(source => layer.Connections[map].Contains(source) ? Pair(layer, map, source) * taps : -1));
        w.Line($"// The connection table: per (output map, source map), the offset of the pair's kernel in the weights, or -1 (not connected: a kernel of zeros).");
        w.Line($"{ReadOnlySpanTypeRef}<int> {PairTable} = new int[] {{ {string.Join(", ", offsets.Select(Format.Int))} }};");
        w.Line($"{SpanTypeRef}<float> {ZeroKernel}Kernel = stackalloc float[{Format.Int(taps)}];");
        w.Line($"{ZeroKernel}Kernel.Clear();");
        w.Line($"ref float {ZeroKernel} = ref {MemoryMarshalTypeRef}.GetReference({ZeroKernel}Kernel);");
    }

    /// <summary>A ref local at a pair's kernel: past the layer's weights, or at the zero kernel where a table leaves the pair out.</summary>
    private static void KernelRef(IndentedTextWriter w, string name, LayerSpec layer, string offset)
    {
        if (!layer.HasTable)
        {
            w.Line($"ref float {name} = ref {UnsafeTypeRef}.Add(ref kernels, {offset});");
            return;
        }
        w.Line($"int {name}At = {offset};");
        w.Line($"ref float {name} = ref {name}At < 0 ? ref {ZeroKernel} : ref {UnsafeTypeRef}.Add(ref kernels, {name}At);");
    }

    /// <summary>Index of the (map, source) pair among the layer's connections: its kernel is the pair's KxK weights.</summary>
    private static int Pair(LayerSpec layer, int map, int source)
    {
        if (!layer.HasTable) return map * layer.Input.Channels + source;
        int before = 0;
        for (int m = 0; m < map; m++) before += layer.Connections[m].Count;
        return before + layer.Connections[map].ToList().IndexOf(source);
    }

    private static Shape PaddedShape(LayerSpec layer) => new(layer.Output.Channels, layer.PaddedMap.Height, layer.PaddedMap.Width);

    private static void Correlate(IndentedTextWriter w, Lanes lanes, Correlation c)
    {
        Shape target = c.TargetShape;
        int positions = Math.Min(target.Width, 4);
        int maps = Math.Max(1, Math.Min(target.Channels, (lanes.RegisterFile - positions - 2) / positions));
        int full = target.Width / positions * positions;
        w.Line($"// Register tiles of up to {Format.Int(maps)} map(s) x {Format.Int(positions)} positions: each input load feeds every map of the tile, each broadcast weight every position.");
        int k = c.Layer.Kernel, margin = k - 1;
        if (c.Flip)
            w.Line($"// The source is zero outside its middle {Format.Int(c.Layer.Output.Height)}x{Format.Int(c.Layer.Output.Width)}: kernel rows and columns that would only read the margins are skipped.");
        void Rows(string[] group) => Index.For(w, "y", 0, target.Height, 1, y =>
        {
            if (c.Flip)
            {
                // Source row y + ky is inside iff margin <= y + ky < margin + height; a tile's columns likewise.
                int height = c.Layer.Output.Height, width = c.Layer.Output.Width;
                (string First, string End) rows = int.TryParse(y, out int row)
                    ? (Format.Int(Math.Max(0, margin - row)), Format.Int(Math.Min(k, margin + height - row)))
                    : ("kyFirst", "kyEnd");
                if (rows.First == "kyFirst")
                    w.Line($"int kyFirst = {MathTypeRef}.Max(0, {Format.Int(margin)} - y), kyEnd = {MathTypeRef}.Min({Format.Int(k)}, {Format.Int(margin + height)} - y);");
                Index.For(w, "x", 0, full, positions, x =>
                {
                    if (int.TryParse(x, out int column))
                    {
                        CorrelationTile(w, lanes, c, group, positions, y, x, (rows.First, rows.End,
                            Format.Int(Math.Max(0, margin - positions + 1 - column)), Format.Int(Math.Min(k, margin + width - column))));
                        return;
                    }
                    w.Line($"int kxFirst = {MathTypeRef}.Max(0, {Format.Int(margin - positions + 1)} - x), kxEnd = {MathTypeRef}.Min({Format.Int(k)}, {Format.Int(margin + width)} - x);");
                    CorrelationTile(w, lanes, c, group, positions, y, x, (rows.First, rows.End, "kxFirst", "kxEnd"));
                });
                if (full < target.Width)
                {
                    int count = target.Width - full;
                    int kxFirst = Math.Max(0, margin - (full + count - 1)), kxEnd = Math.Min(k, margin + width - full);
                    using (w.Block(""))
                        CorrelationTile(w, lanes, c, group, count, y, Format.Int(full), (rows.First, rows.End, Format.Int(kxFirst), Format.Int(kxEnd)));
                }
                return;
            }
            var allTaps = ("0", Format.Int(k), "0", Format.Int(k));
            Index.For(w, "x", 0, full, positions, x => CorrelationTile(w, lanes, c, group, positions, y, x, allTaps));
            if (full < target.Width)
                using (w.Block(""))
                    CorrelationTile(w, lanes, c, group, target.Width - full, y, Format.Int(full), allTaps);
        });

        // The same tile for every group of maps, in a loop; the maps past the last whole group after it.
        int whole = target.Channels / maps * maps;
        Index.For(w, "m", 0, whole, maps, m => Rows(Enumerable.Range(0, maps).Select(i => Index.Add(m, i)).ToArray()), scoped: false);
        for (int first = whole; first < target.Channels; first += maps)
            Rows(Enumerable.Range(first, Math.Min(maps, target.Channels - first)).Select(Format.Int).ToArray());
    }

    /// <summary>
    /// One register tile: the maps of <paramref name="group"/> (each an expression, a constant for a
    /// table) at <paramref name="positions"/> neighbouring positions from <paramref name="x"/>.
    /// </summary>
    private static void CorrelationTile(IndentedTextWriter w, Lanes lanes, Correlation c, string[] group, int positions, string y, string x,
        (string First, string End, string KxFirst, string KxEnd) taps)
    {
        Shape source = c.SourceShape, target = c.TargetShape;
        int k = c.Layer.Kernel;
        for (int i = 0; i < group.Length; i++)
        {
            string start = c.Start(group[i]).Length > 0 ? lanes.Splat(c.Start(group[i])) : lanes.Zero;
            w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, positions).Select(p => $"a{i}x{p} = {(p == 0 ? start : $"a{i}x0")}"))};");
        }

        w.Line($"ref float kernels = ref {UnsafeTypeRef}.Add(ref {Parameters}, {c.Layer.Label}.Weights);");
        Index.For(w, "c", 0, source.Channels, 1, channel =>
        {
            for (int i = 0; i < group.Length; i++)
                KernelRef(w, $"k{i}", c.Layer, c.Kernel(group[i], channel));
            string start = Index.Mul(Index.Add(Index.Mul(Index.Add(Index.Mul(channel, source.Height), y), source.Width), x), lanes.Count);
            w.Line($"ref float row = ref {UnsafeTypeRef}.Add(ref {c.Source}, {start});");
            using (w.Block($"for (int ky = {taps.First}; ky < {taps.End}; ky++)"))
            using (w.Block($"for (int kx = {taps.KxFirst}; kx < {taps.KxEnd}; kx++)"))
            {
                string tap = c.Flip ? $"{Format.Int(k * k - 1)} - (ky * {Format.Int(k)} + kx)" : $"ky * {Format.Int(k)} + kx";
                for (int p = 0; p < positions; p++)
                    w.Line($"{lanes.Type} s{p} = {lanes.Load("row", Index.Add($"ky * {Format.Int(source.Width)} + kx", p))};");
                for (int i = 0; i < group.Length; i++)
                {
                    w.Line($"{lanes.Type} w{i} = {lanes.Splat($"{UnsafeTypeRef}.Add(ref k{i}, {tap})")};");
                    for (int p = 0; p < positions; p++)
                        w.Line($"a{i}x{p} = {lanes.Fma($"s{p}", $"w{i}", $"a{i}x{p}")};");
                }
            }
        }, scoped: false);
        for (int i = 0; i < group.Length; i++)
            for (int p = 0; p < positions; p++)
                w.Line(lanes.Store(c.Finish($"a{i}x{p}"), c.Target,
                    Index.Add(Index.Mul(Index.Add(Index.Mul(group[i], target.Height), y), target.Width), Index.Add(x, p))));
    }


    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        Shape output = layer.Output, input = layer.Input;
        int k = layer.Kernel, l = lanes.Count;
        TableLocals(w, layer);
        if (!first)
        {
            Shape padded = PaddedShape(layer);
            w.Line($"// The output delta, zero-padded by {Format.Int(k - 1)} on every side, so the input delta is a valid correlation with the kernels turned round.");
            int margin = k - 1, edge = margin * padded.Width + margin;
            using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
            {
                w.Line($"ref float plane = ref {UnsafeTypeRef}.Add(ref {BlockText.Work}, map * {Format.Int(padded.Height * padded.Width * l)});");
                w.Line("// Only the margins are cleared: the middle is overwritten by the delta, row by row.");
                w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref plane, {Format.Int(edge * l)}).Clear();");
                using (Index.Open(w, "y", output.Height))
                {
                    w.Line($"ref float middle = ref {UnsafeTypeRef}.Add(ref plane, ((y + {Format.Int(margin)}) * {Format.Int(padded.Width)} + {Format.Int(margin)}) * {Format.Int(l)});");
                    w.Line($"{MemoryMarshalTypeRef}.CreateReadOnlySpan(ref {UnsafeTypeRef}.Add(ref {Delta}, (map * {Format.Int(output.Height)} + y) * {Format.Int(output.Width * l)}), {Format.Int(output.Width * l)}).CopyTo({MemoryMarshalTypeRef}.CreateSpan(ref middle, {Format.Int(output.Width * l)}));");
                    w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref middle, {Format.Int(output.Width * l)}), {Format.Int(2 * margin * l)}).Clear();");
                }
                w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref plane, {Format.Int((padded.Height * padded.Width - edge + margin) * l)}), {Format.Int((edge - margin) * l)}).Clear();");
            }
            Correlate(w, lanes, new Correlation(layer, BlockText.Work, padded, InputDelta, input, Flip: true,
                Kernel: (source, map) => KernelOffset(layer, map, source), Start: _ => "", Finish: sum => sum));
        }

        int maps = Math.Max(1, (lanes.RegisterFile - 4) / (k + 1));
        w.Line($"// Weight gradients: for each source map and kernel row, {Format.Int(maps)} map(s) x {Format.Int(k)} taps of accumulators summed over every position and sample, reduced once" + (layer.HasTable ? "; the pairs the table leaves out are not stored." : "."));
        // One group of maps (expressions) against one source map: k accumulators per map for each kernel row.
        void Gradient(string sourceMap, string[] group)
        {
            using (w.Block($"for (int ky = 0; ky < {Format.Int(k)}; ky++)"))
            {
                for (int i = 0; i < group.Length; i++)
                    w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, k).Select(kx => $"g{i}x{kx} = {lanes.Zero}"))};");
                Index.For(w, "y", 0, output.Height, 1, y =>
                {
                    w.Line($"ref float deltas = ref {UnsafeTypeRef}.Add(ref {Delta}, {Index.Mul(y, output.Width * l)});");
                    string row = Index.Mul(Index.Mul(Index.Add(Index.Add(Index.Mul(sourceMap, input.Height), y), "ky"), input.Width), l);
                    w.Line($"ref float row = ref {UnsafeTypeRef}.Add(ref {Input}, {row});");
                    Index.For(w, "x", 0, output.Width, 1, x =>
                    {
                        for (int i = 0; i < group.Length; i++)
                            w.Line($"{lanes.Type} d{i} = {lanes.Load("deltas", Index.Add(Index.Mul(group[i], output.Height * output.Width), x))};");
                        for (int kx = 0; kx < k; kx++)
                        {
                            w.Line($"{lanes.Type} s{kx} = {lanes.Load("row", Index.Add(x, kx))};");
                            for (int i = 0; i < group.Length; i++)
                                w.Line($"g{i}x{kx} = {lanes.Fma($"d{i}", $"s{kx}", $"g{i}x{kx}")};");
                        }
                    });
                });
                for (int i = 0; i < group.Length; i++)
                {
                    string offset = KernelOffset(layer, group[i], sourceMap);
                    if (layer.HasTable)
                    {
                        w.Line($"int at{i} = {offset};");
                        offset = $"at{i}";
                    }
                    using (w.Block(layer.HasTable ? $"if (at{i} >= 0)" : ""))
                        for (int kx = 0; kx < k; kx++)
                            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {Index.Add(Index.Add($"{layer.Label}.Weights", offset), Index.Add($"ky * {Format.Int(k)}", kx))}) += {lanes.Sum($"g{i}x{kx}")};");
                }
            }
        }
        int whole = output.Channels / maps * maps;
        Index.For(w, "c", 0, input.Channels, 1, channel =>
        {
            Index.For(w, "m", 0, whole, maps, m => Gradient(channel, Enumerable.Range(0, maps).Select(i => Index.Add(m, i)).ToArray()), scoped: false);
            if (whole < output.Channels)
                using (w.Block(""))
                    Gradient(channel, Enumerable.Range(whole, output.Channels - whole).Select(Format.Int).ToArray());
        }, scoped: false);
        BlockText.BiasGradient(w, layer, lanes, output.Channels, output.Height * output.Width);
    }

}
