using System;
using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;


namespace LeNet.Generator.Emit;

/// <summary>
/// The bodies of the block kernels: one block of samples at a time, one sample per vector lane
/// (<see cref="Lanes"/>). Every weight is one broadcast that feeds a whole tile of accumulators,
/// every lane does useful work whatever the layer's shape, and weight gradients are summed over the
/// block's samples in the lanes and reduced once per block.
/// </summary>
/// <remarks>
/// Convolutions keep a register tile of (output maps x neighbouring positions) accumulators, so each
/// input load feeds one FMA per map of the tile and each broadcast weight one per position; the
/// input delta is the same correlation run over the zero-padded output delta with the kernel
/// turned round. Fully connected layers keep a tile of units; their weight gradient is a matrix
/// product over the block's samples, made of broadcasts by reading the layer's input transposed.
/// Pooling, the radial-basis output and the softmax are their one-sample arithmetic on vectors.
/// </remarks>
internal static class BlockKernels
{
    /// <summary>The block's scratch past the deltas: a convolution's padded delta, a dense layer's transposed input.</summary>
    public const string Work = "work";

    /// <summary>The block's extra scratch a layer's backward kernel needs past the deltas, in units (times the lanes in floats).</summary>
    public static int WorkUnits(LayerSpec layer) => layer switch
    {
        { IsDense: true } => layer.Input.Size,
        { Kind: LayerKind.Convolution } => layer.PaddedDeltaSize,
        _ => 0,
    };

    public static void Forward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        switch (layer)
        {
            case { Kind: LayerKind.Dropout }: DropoutEmitter.ForwardBlock(w, layer, lanes); break;
            case { IsWindowed: true }: WindowEmitter.ForwardBlock(w, layer, lanes); break;
            case { IsDense: true }: DenseForward(w, layer, lanes); break;
            case { Kind: LayerKind.Convolution }: TableLocals(w, layer); Correlate(w, lanes, ForwardCorrelation(layer)); break;
            case { Kind: LayerKind.Subsampling }: PoolForward(w, layer, lanes); break;
            case { Kind: LayerKind.RadialBasis }: RadialBasisForward(w, layer, lanes); break;
            default: SoftmaxForward(w, layer, lanes); break;
        }
    }

    public static void Backward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        if (layer.Kind == LayerKind.Dropout)
        {
            DropoutEmitter.BackwardBlock(w, layer, lanes, first);
            return;
        }
        if (layer.IsWindowed)
        {
            WindowEmitter.BackwardBlock(w, layer, lanes, first);
            return;
        }
        if (layer.Kind is not (LayerKind.RadialBasis or LayerKind.Softmax) && layer.Activation != Activation.Identity)
        {
            w.Line($"// dE/da = dE/dy * f'(a), with f'(a) from the outputs y ({layer.Activation}).");
            using (w.Block($"for (int u = 0; u < {Format.Int(layer.Output.Size)}; u++)"))
                w.Line(lanes.Store($"{lanes.Load(Delta, "u")} * {ActivationText.Derivative(layer.Activation, lanes.Load(Output, "u"))}", Delta, "u"));
        }
        switch (layer)
        {
            case { IsDense: true }: DenseBackward(w, layer, lanes, first); break;
            case { Kind: LayerKind.Convolution }: ConvolutionBackward(w, layer, lanes, first); break;
            case { Kind: LayerKind.Subsampling }: PoolBackward(w, layer, lanes, first); break;
            case { Kind: LayerKind.RadialBasis }: RadialBasisBackward(w, layer, lanes, first); break;
            default: SoftmaxBackward(w, layer, lanes, first); break;
        }
    }

    // ---- Convolutions ---------------------------------------------------------------------------

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
            Start: map => $"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + {map})",
            Finish: sum => ActivationText.Apply(layer.Activation, sum));

    /// <summary>Offset of the (output map, source map) pair's kernel past the layer's weights; under a table, -1 where not connected.</summary>
    private static string KernelOffset(LayerSpec layer, string map, string source) => layer.HasTable
        ? $"{PairTable}[({map}) * {Format.Int(layer.Input.Channels)} + {source}]"
        : $"({map}) * {Format.Int(layer.Input.Channels * layer.Taps)} + ({source}) * {Format.Int(layer.Taps)}";

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

    private static Shape Padded(LayerSpec layer) => new(layer.Output.Channels, layer.PaddedMap.Height, layer.PaddedMap.Width);

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
        void Rows(string[] group)
        {
            using (w.Block($"for (int y = 0; y < {Format.Int(target.Height)}; y++)"))
            {
                if (c.Flip)
                {
                    // Source row y + ky is inside iff margin <= y + ky < margin + height; a tile's columns likewise.
                    int height = c.Layer.Output.Height, width = c.Layer.Output.Width;
                    w.Line($"int kyFirst = {MathTypeRef}.Max(0, {Format.Int(margin)} - y), kyEnd = {MathTypeRef}.Min({Format.Int(k)}, {Format.Int(margin + height)} - y);");
                    if (full > 0)
                        using (w.Block($"for (int x = 0; x < {Format.Int(full)}; x += {Format.Int(positions)})"))
                        {
                            w.Line($"int kxFirst = {MathTypeRef}.Max(0, {Format.Int(margin - positions + 1)} - x), kxEnd = {MathTypeRef}.Min({Format.Int(k)}, {Format.Int(margin + width)} - x);");
                            CorrelationTile(w, lanes, c, group, positions, "x", ("kyFirst", "kyEnd", "kxFirst", "kxEnd"));
                        }
                    if (full < target.Width)
                    {
                        int count = target.Width - full;
                        int kxFirst = Math.Max(0, margin - (full + count - 1)), kxEnd = Math.Min(k, margin + width - full);
                        using (w.Block(""))
                            CorrelationTile(w, lanes, c, group, count, Format.Int(full), ("kyFirst", "kyEnd", Format.Int(kxFirst), Format.Int(kxEnd)));
                    }
                    return;
                }
                var allTaps = ("0", Format.Int(k), "0", Format.Int(k));
                if (full > 0)
                    using (w.Block($"for (int x = 0; x < {Format.Int(full)}; x += {Format.Int(positions)})"))
                        CorrelationTile(w, lanes, c, group, positions, "x", allTaps);
                if (full < target.Width)
                    using (w.Block(""))
                        CorrelationTile(w, lanes, c, group, target.Width - full, Format.Int(full), allTaps);
            }
        }

        // The same tile for every group of maps, in a loop; the maps past the last whole group after it.
        int whole = target.Channels / maps * maps;
        if (whole > 0)
            using (w.Block($"for (int m = 0; m < {Format.Int(whole)}; m += {Format.Int(maps)})"))
                Rows(Enumerable.Range(0, maps).Select(i => i == 0 ? "m" : $"m + {Format.Int(i)}").ToArray());
        for (int first = whole; first < target.Channels; first += maps)
            Rows(Enumerable.Range(first, Math.Min(maps, target.Channels - first)).Select(Format.Int).ToArray());
    }

    /// <summary>
    /// One register tile: the maps of <paramref name="group"/> (each an expression, a constant for a
    /// table) at <paramref name="positions"/> neighbouring positions from <paramref name="x"/>.
    /// </summary>
    private static void CorrelationTile(IndentedTextWriter w, Lanes lanes, Correlation c, string[] group, int positions, string x,
        (string First, string End, string KxFirst, string KxEnd) taps)
    {
        Shape source = c.SourceShape, target = c.TargetShape;
        int k = c.Layer.Kernel;
        for (int i = 0; i < group.Length; i++)
        {
            string start = c.Start(group[i]).Length > 0 ? lanes.Splat(c.Start(group[i])) : lanes.Zero;
            w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, positions).Select(p => $"a{i}x{p} = {start}"))};");
        }

        w.Line($"ref float kernels = ref {UnsafeTypeRef}.Add(ref {Parameters}, {c.Layer.Label}.Weights);");
        using (w.Block($"for (int c = 0; c < {Format.Int(source.Channels)}; c++)"))
        {
            for (int i = 0; i < group.Length; i++)
                KernelRef(w, $"k{i}", c.Layer, c.Kernel(group[i], "c"));
            w.Line($"ref float row = ref {UnsafeTypeRef}.Add(ref {c.Source}, ((c * {Format.Int(source.Height)} + y) * {Format.Int(source.Width)} + {x}) * {Format.Int(lanes.Count)});");
            using (w.Block($"for (int ky = {taps.First}; ky < {taps.End}; ky++)"))
            using (w.Block($"for (int kx = {taps.KxFirst}; kx < {taps.KxEnd}; kx++)"))
            {
                string tap = c.Flip ? $"{Format.Int(k * k - 1)} - (ky * {Format.Int(k)} + kx)" : $"ky * {Format.Int(k)} + kx";
                for (int p = 0; p < positions; p++)
                    w.Line($"{lanes.Type} s{p} = {lanes.Load("row", $"ky * {Format.Int(source.Width)} + kx + {Format.Int(p)}")};");
                for (int i = 0; i < group.Length; i++)
                {
                    w.Line($"{lanes.Type} w{i} = {lanes.Splat($"{UnsafeTypeRef}.Add(ref k{i}, {tap})")};");
                    for (int p = 0; p < positions; p++)
                        w.Line($"a{i}x{p} = {lanes.Fma($"s{p}", $"w{i}", $"a{i}x{p}")};");
                }
            }
        }
        for (int i = 0; i < group.Length; i++)
            for (int p = 0; p < positions; p++)
                w.Line(lanes.Store(c.Finish($"a{i}x{p}"), c.Target, $"(({group[i]}) * {Format.Int(target.Height)} + y) * {Format.Int(target.Width)} + {x} + {Format.Int(p)}"));
    }

    private static void ConvolutionBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        Shape output = layer.Output, input = layer.Input;
        int k = layer.Kernel, l = lanes.Count;
        TableLocals(w, layer);
        if (!first)
        {
            Shape padded = Padded(layer);
            w.Line($"// The output delta, zero-padded by {Format.Int(k - 1)} on every side, so the input delta is a valid correlation with the kernels turned round.");
            int margin = k - 1, edge = margin * padded.Width + margin;
            using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
            {
                w.Line($"ref float plane = ref {UnsafeTypeRef}.Add(ref {Work}, map * {Format.Int(padded.Height * padded.Width * l)});");
                w.Line("// Only the margins are cleared: the middle is overwritten by the delta, row by row.");
                w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref plane, {Format.Int(edge * l)}).Clear();");
                using (w.Block($"for (int y = 0; y < {Format.Int(output.Height)}; y++)"))
                {
                    w.Line($"ref float middle = ref {UnsafeTypeRef}.Add(ref plane, ((y + {Format.Int(margin)}) * {Format.Int(padded.Width)} + {Format.Int(margin)}) * {Format.Int(l)});");
                    w.Line($"{MemoryMarshalTypeRef}.CreateReadOnlySpan(ref {UnsafeTypeRef}.Add(ref {Delta}, (map * {Format.Int(output.Height)} + y) * {Format.Int(output.Width * l)}), {Format.Int(output.Width * l)}).CopyTo({MemoryMarshalTypeRef}.CreateSpan(ref middle, {Format.Int(output.Width * l)}));");
                    w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref middle, {Format.Int(output.Width * l)}), {Format.Int(2 * margin * l)}).Clear();");
                }
                w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref plane, {Format.Int((padded.Height * padded.Width - edge + margin) * l)}), {Format.Int((edge - margin) * l)}).Clear();");
            }
            Correlate(w, lanes, new Correlation(layer, Work, padded, InputDelta, input, Flip: true,
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
                using (w.Block($"for (int y = 0; y < {Format.Int(output.Height)}; y++)"))
                {
                    w.Line($"ref float deltas = ref {UnsafeTypeRef}.Add(ref {Delta}, y * {Format.Int(output.Width * l)});");
                    w.Line($"ref float row = ref {UnsafeTypeRef}.Add(ref {Input}, (({sourceMap} * {Format.Int(input.Height)} + y + ky) * {Format.Int(input.Width)}) * {Format.Int(l)});");
                    using (w.Block($"for (int x = 0; x < {Format.Int(output.Width)}; x++)"))
                    {
                        for (int i = 0; i < group.Length; i++)
                            w.Line($"{lanes.Type} d{i} = {lanes.Load("deltas", $"({group[i]}) * {Format.Int(output.Height * output.Width)} + x")};");
                        for (int kx = 0; kx < k; kx++)
                        {
                            w.Line($"{lanes.Type} s{kx} = {lanes.Load("row", $"x + {Format.Int(kx)}")};");
                            for (int i = 0; i < group.Length; i++)
                                w.Line($"g{i}x{kx} = {lanes.Fma($"d{i}", $"s{kx}", $"g{i}x{kx}")};");
                        }
                    }
                }
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
                            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + {offset} + ky * {Format.Int(k)} + {Format.Int(kx)}) += {lanes.Sum($"g{i}x{kx}")};");
                }
            }
        }
        int whole = output.Channels / maps * maps;
        using (w.Block($"for (int c = 0; c < {Format.Int(input.Channels)}; c++)"))
        {
            if (whole > 0)
                using (w.Block($"for (int m = 0; m < {Format.Int(whole)}; m += {Format.Int(maps)})"))
                    Gradient("c", Enumerable.Range(0, maps).Select(i => i == 0 ? "m" : $"m + {Format.Int(i)}").ToArray());
            if (whole < output.Channels)
                using (w.Block(""))
                    Gradient("c", Enumerable.Range(whole, output.Channels - whole).Select(Format.Int).ToArray());
        }
        BiasGradient(w, layer, lanes, output.Channels, output.Height * output.Width);
    }

    /// <summary>Each map's bias gradient: its deltas summed over positions in the lanes, then over the lanes.</summary>
    private static void BiasGradient(IndentedTextWriter w, LayerSpec layer, Lanes lanes, int maps, int positions)
    {
        using (w.Block($"for (int map = 0; map < {Format.Int(maps)}; map++)"))
        {
            w.Line($"{lanes.Type} sum = {lanes.Zero};");
            w.Line($"for (int u = 0; u < {Format.Int(positions)}; u++) sum += {lanes.Load(Delta, $"map * {Format.Int(positions)} + u")};");
            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += {lanes.Sum("sum")};");
        }
    }

    // ---- Fully connected --------------------------------------------------------------------------

    private static int UnitTile(Lanes lanes) => lanes.Count == 16 ? 12 : 8;

    /// <summary>Tiles of units over the whole input: each input vector feeds every unit of the tile.</summary>
    private static void UnitTiles(IndentedTextWriter w, int units, int tile, Action<int, string> body)
    {
        int full = units / tile * tile;
        if (full > 0)
            using (w.Block($"for (int j = 0; j < {Format.Int(full)}; j += {Format.Int(tile)})"))
                body(tile, "j");
        if (full < units)
            using (w.Block(""))
                body(units - full, Format.Int(full));
    }

    private static void DenseForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        int inputs = layer.Input.Size;
        w.Line($"// Tiles of up to {Format.Int(UnitTile(lanes))} units: each input vector (one input of every sample) feeds every unit of the tile.");
        UnitTiles(w, layer.Output.Size, UnitTile(lanes), (count, j) =>
        {
            for (int t = 0; t < count; t++)
                w.Line($"{lanes.Type} a{t} = {lanes.Splat($"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + {j} + {Format.Int(t)})")};");
            w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + {j} * {Format.Int(inputs)});");
            using (w.Block($"for (int i = 0; i < {Format.Int(inputs)}; i++)"))
            {
                w.Line($"{lanes.Type} x = {lanes.Load(Input, "i")};");
                for (int t = 0; t < count; t++)
                    w.Line($"a{t} = {lanes.Fma("x", lanes.Splat($"{UnsafeTypeRef}.Add(ref weights, {Format.Int(t * inputs)} + i)"), $"a{t}")};");
            }
            for (int t = 0; t < count; t++)
                w.Line(lanes.Store(ActivationText.Apply(layer.Activation, $"a{t}"), Output, $"{j} + {Format.Int(t)}"));
        });
    }

    private static void DenseBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        int inputs = layer.Input.Size, units = layer.Output.Size, l = lanes.Count;
        if (!first)
        {
            w.Line($"// Input deltas in tiles of inputs: each unit's delta vector feeds every input of the tile.");
            UnitTiles(w, inputs, UnitTile(lanes), (count, i) =>
            {
                for (int t = 0; t < count; t++) w.Line($"{lanes.Type} a{t} = {lanes.Zero};");
                w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + {i});");
                using (w.Block($"for (int u = 0; u < {Format.Int(units)}; u++)"))
                {
                    w.Line($"{lanes.Type} d = {lanes.Load(Delta, "u")};");
                    for (int t = 0; t < count; t++)
                        w.Line($"a{t} = {lanes.Fma("d", lanes.Splat($"{UnsafeTypeRef}.Add(ref weights, u * {Format.Int(inputs)} + {Format.Int(t)})"), $"a{t}")};");
                }
                for (int t = 0; t < count; t++)
                    w.Line(lanes.Store($"a{t}", InputDelta, $"{i} + {Format.Int(t)}"));
            });
        }

        w.Line($"// The input transposed, sample after sample, so the weight gradient is broadcast deltas times input vectors.");
        using (w.Block($"for (int i = 0; i < {Format.Int(inputs)}; i++)"))
        using (w.Block($"for (int s = 0; s < {Format.Int(l)}; s++)"))
            w.Line($"{UnsafeTypeRef}.Add(ref {Work}, s * {Format.Int(inputs)} + i) = {UnsafeTypeRef}.Add(ref {Input}, i * {Format.Int(l)} + s);");

        int rows = l == 16 ? 4 : 3, vectors = l == 16 ? 4 : 3;
        int chunk = vectors * l, chunks = inputs / chunk * chunk, whole = inputs / l * l;
        w.Line($"// Weight gradients in tiles of {Format.Int(rows)} units x {Format.Int(vectors)} input vectors, summed over the block's samples.");
        void Tile(int count, string j, int width, string i)
        {
            for (int t = 0; t < count; t++)
                w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, width).Select(v => $"g{t}x{v} = {lanes.Zero}"))};");
            using (w.Block($"for (int s = 0; s < {Format.Int(l)}; s++)"))
            {
                w.Line($"ref float inputs = ref {UnsafeTypeRef}.Add(ref {Work}, s * {Format.Int(inputs)} + {i});");
                for (int v = 0; v < width; v++)
                    w.Line($"{lanes.Type} x{v} = {lanes.Api}.LoadUnsafe(ref inputs, ({NativeUIntTypeRef}){Format.Int(v * l)});");
                for (int t = 0; t < count; t++)
                {
                    w.Line($"{lanes.Type} d{t} = {lanes.Splat($"{UnsafeTypeRef}.Add(ref {Delta}, ({j} + {Format.Int(t)}) * {Format.Int(l)} + s)")};");
                    for (int v = 0; v < width; v++)
                        w.Line($"g{t}x{v} = {lanes.Fma($"d{t}", $"x{v}", $"g{t}x{v}")};");
                }
            }
            for (int t = 0; t < count; t++)
            {
                w.Line($"ref float slots{t} = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + ({j} + {Format.Int(t)}) * {Format.Int(inputs)} + {i});");
                for (int v = 0; v < width; v++)
                    w.Line($"{lanes.Api}.StoreUnsafe({lanes.Api}.LoadUnsafe(ref slots{t}, ({NativeUIntTypeRef}){Format.Int(v * l)}) + g{t}x{v}, ref slots{t}, ({NativeUIntTypeRef}){Format.Int(v * l)});");
            }
        }
        UnitTiles(w, units, rows, (count, j) =>
        {
            if (chunks > 0)
                using (w.Block($"for (int i = 0; i < {Format.Int(chunks)}; i += {Format.Int(chunk)})"))
                    Tile(count, j, vectors, "i");
            if (whole > chunks)
                using (w.Block(""))
                    Tile(count, j, (whole - chunks) / l, Format.Int(chunks));
        });
        if (whole < inputs)
        {
            w.Line("// The inputs past the last whole vector: one dot product over the lanes each.");
            using (w.Block($"for (int u = 0; u < {Format.Int(units)}; u++)"))
            {
                w.Line($"{lanes.Type} d = {lanes.Load(Delta, "u")};");
                using (w.Block($"for (int i = {Format.Int(whole)}; i < {Format.Int(inputs)}; i++)"))
                    w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + u * {Format.Int(inputs)} + i) += {lanes.Sum($"d * {lanes.Load(Input, "i")}")};");
            }
        }
        BiasGradient(w, layer, lanes, units, 1);
    }

    // ---- Pooling, RBF, softmax: the one-sample arithmetic on vectors -----------------------------------

    /// <summary>Windows of up to this many cells are unrolled; larger ones are loops (the code stays small whatever the declaration).</summary>
    private const int UnrolledWindow = 16;

    /// <summary>
    /// Writes <paramref name="body"/> for every cell of the window, given the cell's offset from
    /// <c>window</c> in units: unrolled for small windows, two loops otherwise.
    /// </summary>
    private static void ForEachCell(IndentedTextWriter w, LayerSpec layer, Action<string> body)
    {
        if (layer.Size * layer.Size <= UnrolledWindow)
        {
            for (int wy = 0; wy < layer.Size; wy++)
                for (int wx = 0; wx < layer.Size; wx++)
                    body(Format.Int(wy * layer.Input.Width + wx));
            return;
        }
        using (w.Block($"for (int wy = 0; wy < {Format.Int(layer.Size)}; wy++)"))
        using (w.Block($"for (int wx = 0; wx < {Format.Int(layer.Size)}; wx++)"))
            body($"wy * {Format.Int(layer.Input.Width)} + wx");
    }

    private static IDisposable OpenWindows(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        Shape output = layer.Output;
        var maps = w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)");
        var rows = w.Block($"for (int row = 0; row < {Format.Int(output.Height)}; row++)");
        var columns = w.Block($"for (int column = 0; column < {Format.Int(output.Width)}; column++)");
        w.Line($"int at = (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)} + column;");
        w.Line($"{NativeIntTypeRef} start = ((map * {Format.Int(layer.Input.Height)} + row * {Format.Int(layer.Size)}) * {Format.Int(layer.Input.Width)} + column * {Format.Int(layer.Size)}) * {Format.Int(lanes.Count)};");
        w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, start);");
        return IndentedTextWriter.Together(maps, rows, columns);
    }

    /// <summary>Declares <c>pooled</c>: the window's mean or maximum, lane by lane.</summary>
    private static void WritePool(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        bool max = layer.Pooling == Pooling.Max;
        w.Line($"{lanes.Type} pooled = {(max ? lanes.Load("window", "0") : lanes.Zero)};");
        ForEachCell(w, layer, cell => w.Line(max
            ? $"pooled = {lanes.Api}.Max(pooled, {lanes.Load("window", cell)});"
            : $"pooled += {lanes.Load("window", cell)};"));
        if (!max) w.Line($"pooled *= {lanes.Splat(Format.Float(1f / (layer.Size * layer.Size)))};");
    }

    private static string Coefficient(LayerSpec layer) => $"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Coefficients + map)";

    private static void PoolForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        using (OpenWindows(w, layer, lanes))
        {
            WritePool(w, layer, lanes);
            string value = layer.Trainable
                ? lanes.Fma(lanes.Splat(Coefficient(layer)), "pooled", lanes.Splat($"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map)"))
                : "pooled";
            w.Line(lanes.Store(ActivationText.Apply(layer.Activation, value), Output, "at"));
        }
    }

    private static void PoolBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        if (!layer.Trainable && first) return;
        using (w.Block($"for (int map = 0; map < {Format.Int(layer.Output.Channels)}; map++)"))
        {
            if (layer.Trainable) w.Line($"{lanes.Type} coefficientSum = {lanes.Zero}, biasSum = {lanes.Zero};");
            using (w.Block($"for (int row = 0; row < {Format.Int(layer.Output.Height)}; row++)"))
            using (w.Block($"for (int column = 0; column < {Format.Int(layer.Output.Width)}; column++)"))
            {
                w.Line($"int at = (map * {Format.Int(layer.Output.Height)} + row) * {Format.Int(layer.Output.Width)} + column;");
                w.Line($"{NativeIntTypeRef} start = ((map * {Format.Int(layer.Input.Height)} + row * {Format.Int(layer.Size)}) * {Format.Int(layer.Input.Width)} + column * {Format.Int(layer.Size)}) * {Format.Int(lanes.Count)};");
                w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, start);");
                w.Line($"{lanes.Type} d = {lanes.Load(Delta, "at")};");
                if (layer.Trainable || layer.Pooling == Pooling.Max) WritePool(w, layer, lanes);
                if (layer.Trainable)
                {
                    w.Line($"coefficientSum = {lanes.Fma("d", "pooled", "coefficientSum")};");
                    w.Line("biasSum += d;");
                }
                if (!first) PoolInputDelta(w, layer, lanes);
            }
            if (layer.Trainable)
            {
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Coefficients + map) += {lanes.Sum("coefficientSum")};");
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += {lanes.Sum("biasSum")};");
            }
        }
    }

    private static void PoolInputDelta(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        w.Line($"ref float targets = ref {UnsafeTypeRef}.Add(ref {InputDelta}, start);");
        string scaled = layer.Trainable ? $"d * {lanes.Splat(Coefficient(layer))}" : "d";
        if (layer.Pooling == Pooling.Max)
        {
            w.Line("// The delta goes to each sample's largest input of the window (the first one, on ties).");
            w.Line($"{lanes.Type} spread = {scaled}, open = {lanes.Api}<float>.AllBitsSet;");
            ForEachCell(w, layer, cell =>
            {
                using (w.Block(""))
                {
                    w.Line($"{lanes.Type} hit = {lanes.Api}.Equals({lanes.Load("window", cell)}, pooled) & open;");
                    w.Line($"open = {lanes.Api}.AndNot(open, hit);");
                    w.Line(lanes.Store("hit & spread", "targets", cell));
                }
            });
            return;
        }
        w.Line($"{lanes.Type} share = {scaled} * {lanes.Splat(Format.Float(1f / (layer.Size * layer.Size)))};");
        ForEachCell(w, layer, cell => w.Line(lanes.Store("share", "targets", cell)));
    }

    private static string Centres(LayerSpec layer) => layer.Trainable
        ? $"ref float centres = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Centres);"
        : $"ref float centres = ref {MemoryMarshalTypeRef}.GetReference({DigitCodesTypeRef}.All); // fixed 7x12 digit bitmaps";

    /// <summary>A replicated network's output layer runs at every position: the loop, or nothing.</summary>
    private static IDisposable? OpenPositions(IndentedTextWriter w, LayerSpec layer) =>
        layer.PerPosition ? w.Block($"for (int position = 0; position < {Format.Int(layer.Positions)}; position++)") : null;

    /// <summary>Unit <paramref name="index"/> of an output layer's vector: of the current position when it runs per position.</summary>
    private static string Unit(LayerSpec layer, string index) =>
        layer.PerPosition ? $"({index}) * {Format.Int(layer.Positions)} + position" : index;

    private static void RadialBasisForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        int inputs = layer.VectorLength;
        w.Line(Centres(layer));
        using (OpenPositions(w, layer))
        UnitTiles(w, layer.Units, UnitTile(lanes), (count, j) =>
        {
            for (int t = 0; t < count; t++) w.Line($"{lanes.Type} a{t} = {lanes.Zero};");
            w.Line($"ref float centre = ref {UnsafeTypeRef}.Add(ref centres, {j} * {Format.Int(inputs)});");
            using (w.Block($"for (int i = 0; i < {Format.Int(inputs)}; i++)"))
            {
                w.Line($"{lanes.Type} x = {lanes.Load(Input, Unit(layer, "i"))};");
                for (int t = 0; t < count; t++)
                {
                    w.Line($"{lanes.Type} r{t} = x - {lanes.Splat($"{UnsafeTypeRef}.Add(ref centre, {Format.Int(t * inputs)} + i)")};");
                    w.Line($"a{t} = {lanes.Fma($"r{t}", $"r{t}", $"a{t}")};");
                }
            }
            for (int t = 0; t < count; t++) w.Line(lanes.Store($"a{t}", Output, Unit(layer, $"{j} + {Format.Int(t)}")));
        });
    }

    private static void RadialBasisBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        if (first && !layer.Trainable) return;
        int inputs = layer.VectorLength, units = layer.Units;
        w.Line(Centres(layer));
        w.Line("// dy_u/dx_i = 2 (x_i - c_ui) and dy_u/dc_ui = -2 (x_i - c_ui).");
        using (OpenPositions(w, layer))
        using (w.Block($"for (int i = 0; i < {Format.Int(inputs)}; i++)"))
        {
            w.Line($"{lanes.Type} x = {lanes.Load(Input, Unit(layer, "i"))}, sum = {lanes.Zero};");
            using (w.Block($"for (int u = 0; u < {Format.Int(units)}; u++)"))
            {
                w.Line($"{lanes.Type} twice = {lanes.Load(Delta, Unit(layer, "u"))} * {lanes.Splat("2f")};");
                w.Line($"{lanes.Type} residual = x - {lanes.Splat($"{UnsafeTypeRef}.Add(ref centres, u * {Format.Int(inputs)} + i)")};");
                if (!first) w.Line($"sum = {lanes.Fma("twice", "residual", "sum")};");
                if (layer.Trainable)
                    w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Centres + u * {Format.Int(inputs)} + i) -= {lanes.Sum("twice * residual")};");
            }
            if (!first) w.Line(lanes.Store("sum", InputDelta, Unit(layer, "i")));
        }
    }

    private static void SoftmaxForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        string n = Format.Int(layer.Units);
        using (OpenPositions(w, layer))
        {
            w.Line($"{lanes.Type} largest = {lanes.Load(Input, Unit(layer, "0"))};");
            w.Line($"for (int i = 1; i < {n}; i++) largest = {lanes.Api}.Max(largest, {lanes.Load(Input, Unit(layer, "i"))});");
            w.Line($"{lanes.Type} total = {lanes.Zero};");
            using (w.Block($"for (int i = 0; i < {n}; i++)"))
            {
                w.Line($"{lanes.Type} e = {lanes.Api}.Exp({lanes.Load(Input, Unit(layer, "i"))} - largest);");
                w.Line(lanes.Store("e", Output, Unit(layer, "i")));
                w.Line("total += e;");
            }
            w.Line($"{lanes.Type} scale = {lanes.Api}<float>.One / total;");
            w.Line($"for (int i = 0; i < {n}; i++) {lanes.Store($"{lanes.Load(Output, Unit(layer, "i"))} * scale", Output, Unit(layer, "i"))}");
        }
    }

    private static void SoftmaxBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        if (first) return;
        string n = Format.Int(layer.Units);
        w.Line("// dx_i = y_i (dy_i - sum_k dy_k y_k): the softmax Jacobian applied to the delta.");
        using (OpenPositions(w, layer))
        {
            w.Line($"{lanes.Type} dot = {lanes.Zero};");
            w.Line($"for (int k = 0; k < {n}; k++) dot = {lanes.Fma(lanes.Load(Delta, Unit(layer, "k")), lanes.Load(Output, Unit(layer, "k")), "dot")};");
            w.Line($"for (int i = 0; i < {n}; i++) {lanes.Store($"{lanes.Load(Output, Unit(layer, "i"))} * ({lanes.Load(Delta, Unit(layer, "i"))} - dot)", InputDelta, Unit(layer, "i"))}");
        }
    }
}
