using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Average or max pooling over non-overlapping windows, with the paper's optional trainable
/// coefficient and bias per map. Where a path's vector holds a whole number of windows side by
/// side, at least four (<see cref="Pooled"/>: 2x2 windows on both vector paths, 4x4 on the
/// Vector512 path), a row of windows is pooled a vector at a time: the window rows are combined
/// lane by lane, then a shuffle per window column gathers each window's cells into its output lane.
/// Otherwise the window loop is written once in scalar code with the window fully unrolled; the
/// squashing pass is written per vector width.
/// </summary>
internal sealed partial class SubsamplingEmitter : ILayerEmitter
{
    public bool Vectorised(LayerSpec layer) => false;

    /// <summary>
    /// Outputs one vector of <paramref name="widest"/> lanes pools (each window's cells side by side
    /// in the input row), or 0 when the path pools in scalar code: fewer than four windows fit, the
    /// windows do not fill the vector, or the output rows are shorter than four.
    /// </summary>
    private static int Pooled(LayerSpec layer, int widest) =>
        widest > 1 && widest % layer.Size == 0 && widest / layer.Size >= 4 && layer.Output.Width >= 4 ? widest / layer.Size : 0;

    /// <summary>
    /// Writes <paramref name="body"/>(first output, outputs, repeated) over a row of <paramref name="width"/>
    /// outputs, <paramref name="pooled"/> at a time: unrolled segments for a short row, a loop for a
    /// long one (a replicated network's strip), then one more segment ending the row where the loop
    /// leaves a rest, overlapping the one before. The first output is a constant or <c>column</c>;
    /// repeated counts the segment's leading outputs an earlier segment already covered (stored
    /// values are simply stored again; sums must zero them).
    /// </summary>
    private static void ForEachSegment(IndentedTextWriter w, int width, int pooled, System.Action<string, int, int> body)
    {
        if (width <= 4 * pooled)
        {
            List<(int Offset, int Width)> segments = Simd.Covering(width, pooled);
            for (int i = 0; i < segments.Count; i++)
                using (w.Block($"// Outputs {Format.Int(segments[i].Offset)} to {Format.Int(segments[i].Offset + segments[i].Width - 1)}."))
                    body(Format.Int(segments[i].Offset), segments[i].Width, Simd.Overlap(segments, i));
            return;
        }
        int loop = width / pooled * pooled;
        using (w.Block($"for (int column = 0; column < {Format.Int(loop)}; column += {Format.Int(pooled)})"))
            body("column", pooled, 0);
        if (loop < width)
            using (w.Block($"// The last {Format.Int(pooled)} outputs, overlapping the ones before."))
                body(Format.Int(width - pooled), pooled, loop - (width - pooled));
    }

    /// <summary>The vector widths <see cref="ForEachSegment"/> uses over a row of <paramref name="width"/> outputs.</summary>
    private static List<int> SegmentWidths(int width, int pooled) =>
        width <= 4 * pooled ? Simd.Covering(width, pooled).Select(segment => segment.Width).Distinct().ToList() : [pooled];

    /// <summary><paramref name="first"/> (a constant or <c>column</c>) times <paramref name="factor"/> plus <paramref name="plus"/>.</summary>
    private static string At(string first, int factor, int plus) =>
        int.TryParse(first, out int value) ? Format.Int(value * factor + plus)
        : $"{first}{(factor == 1 ? "" : $" * {Format.Int(factor)}")}{(plus == 0 ? "" : $" + {Format.Int(plus)}")}";

    /// <summary>Whether some vector path pools a vector at a time.</summary>
    private static bool AnyPooled(LayerSpec layer) => Flavour.All.Any(flavour => Pooled(layer, flavour.Widest) > 0);

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        if (AnyPooled(layer))
        {
            FlavourChain.Write(w, true, width =>
            {
                if (Pooled(layer, width) > 0) WriteVectorForward(w, layer, width);
                else WriteScalarForward(w, layer);
                ActivationPass.Squash(w, layer, width);
            });
            return;
        }
        WriteScalarForward(w, layer);
        FlavourChain.Write(w, layer.Activation != Activation.Identity, width => ActivationPass.Squash(w, layer, width));
    }

    /// <summary>
    /// A row of windows a vector at a time: the window's rows combined lane by lane (added, or the
    /// larger kept), then for each window column a shuffle moving that column of every window in
    /// the vector to the window's output lane; the segments of a row may overlap (outputs are only
    /// stored).
    /// </summary>
    private static void WriteVectorForward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        Shape input = layer.Input, output = layer.Output;
        int size = layer.Size;
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            WriteCoefficients(w, layer);
            using (Index.Open(w, "row", output.Height))
            {
                w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, (map * {Format.Int(input.Height)} + row * {Format.Int(size)}) * {Format.Int(input.Width)});");
                w.Line($"ref float target = ref {UnsafeTypeRef}.Add(ref {Output}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)});");
                ForEachSegment(w, output.Width, Pooled(layer, widest), (offset, width, _) =>
                    {
                        string value = WritePooledRows(w, layer, offset, width);
                        if (layer.Trainable) value = $"{Simd.Broadcast(width, "coefficient")} * {value} + {Simd.Broadcast(width, "bias")}";
                        w.Line(Simd.Store(width, value, "target", offset));
                    });
            }
        }
    }

    /// <summary>
    /// Writes <c>rows</c>, the window rows of <paramref name="width"/> windows from output
    /// <paramref name="offset"/> combined lane by lane (added, or the larger kept) from <c>window</c>,
    /// and returns the windows' pooled values: a shuffle per window column moves that column of every
    /// window to the window's lane.
    /// </summary>
    private static string WritePooledRows(IndentedTextWriter w, LayerSpec layer, string offset, int width)
    {
        int size = layer.Size, lanes = width * size;
        bool max = layer.Pooling == Pooling.Max;
        string type = Simd.Type(lanes), api = Simd.Api(lanes);
        string Combine(string a, string b) => max ? $"{api}.Max({a}, {b})" : $"{a} + {b}";
        string rows = Simd.Load(lanes, "window", At(offset, size, 0));
        for (int wy = 1; wy < size; wy++)
            rows = Combine(rows, Simd.Load(lanes, "window", At(offset, size, wy * layer.Input.Width)));
        w.Line($"{type} rows = {rows};");
        string pooled = Enumerable.Range(0, size)
            .Select(wx => $"{api}.Shuffle(rows, {api}.Create({string.Join(", ", Enumerable.Range(0, lanes).Select(lane => Format.Int(lane < width ? lane * size + wx : 0)))}))")
            .Aggregate(Combine);
        string value = Simd.Lower($"({pooled})", lanes, width);
        return max ? value : $"{value} * {Format.Float(1f / (size * size))}";
    }

    private static void WriteScalarForward(IndentedTextWriter w, LayerSpec layer)
    {
        Shape output = layer.Output;
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            WriteCoefficients(w, layer);
            using (OpenWindowLoops(w, layer))
            {
                w.Line($"float pooled = {Pool(layer)};");
                string value = layer.Trainable ? "coefficient * pooled + bias" : "pooled";
                w.Line($"{UnsafeTypeRef}.Add(ref {Output}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)} + column) = {value};");
            }
        }
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        if (!first && (layer.Pooling == Pooling.Average || !layer.Trainable) && AnyPooled(layer))
        {
            FlavourChain.Write(w, true, width =>
            {
                ActivationPass.DeltaToWeightedSums(w, layer, width, pass);
                if (Pooled(layer, width) == 0) WriteScalarBackward(w, layer, pass, first);
                else if (layer.Pooling == Pooling.Max) WriteVectorMaxBackward(w, layer, width);
                else WriteVectorBackward(w, layer, width, pass);
            });
            return;
        }
        FlavourChain.Write(w, layer.Activation != Activation.Identity, width => ActivationPass.DeltaToWeightedSums(w, layer, width, pass));
        WriteScalarBackward(w, layer, pass, first);
    }

    /// <summary>
    /// The backward pass of average pooling, a row of windows a vector at a time: the input deltas
    /// are the deltas times the window's share (and the coefficient), each repeated across its
    /// window's columns by one shuffle, stored once per window row (overlapping segments store the
    /// same values twice). With the paper's trainable coefficient and bias, their gradients sum the
    /// deltas times the pooled inputs, and the deltas, in vectors, the outputs a segment repeats zeroed.
    /// </summary>
    private static void WriteVectorBackward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass)
    {
        Shape input = layer.Input, output = layer.Output;
        int size = layer.Size, window = size * size, pooled = Pooled(layer, widest);
        bool trainable = layer.Trainable;
        List<int> widths = SegmentWidths(output.Width, pooled);
        string share = Share(window, pass);
        w.Line(trainable
            ? $"// Input deltas: each output's delta times {pass.Factor("the coefficient")} times {share}, repeated over its {Format.Int(size)}x{Format.Int(size)} window; the coefficient's gradient sums delta x {pass.Factor("pooled")}, the bias's the deltas."
            : $"// Input deltas: each output's delta times {share}, repeated over its {Format.Int(size)}x{Format.Int(size)} window.");
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            if (trainable)
            {
                WriteCoefficients(w, layer);
                w.Line($"float scale = {pass.Factor("coefficient")} * {share};");
                foreach (int width in widths)
                    w.Line($"{Simd.Type(width)} coefficientSums{Simd.Suffix(width)} = {Simd.Zero(width)}, biasSums{Simd.Suffix(width)} = {Simd.Zero(width)};");
            }
            string scale = trainable ? "scale" : share;
            using (Index.Open(w, "row", output.Height))
            {
                w.Line($"ref float deltaRow = ref {UnsafeTypeRef}.Add(ref {Delta}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)});");
                w.Line($"ref float targets = ref {UnsafeTypeRef}.Add(ref {InputDelta}, (map * {Format.Int(input.Height)} + row * {Format.Int(size)}) * {Format.Int(input.Width)});");
                if (trainable)
                    w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, (map * {Format.Int(input.Height)} + row * {Format.Int(size)}) * {Format.Int(input.Width)});");
                ForEachSegment(w, output.Width, pooled, (offset, width, repeated) =>
                    {
                        int lanes = width * size;
                        w.Line($"{Simd.Type(width)} d = {Simd.Load(width, "deltaRow", offset)};");
                        if (trainable)
                        {
                            w.Line($"{Simd.Type(width)} pooled = {WritePooledRows(w, layer, offset, width)};");
                            string counted = "d";
                            if (repeated > 0)
                            {
                                w.Line($"// The first {Format.Int(repeated)} outputs were summed with the segment before.");
                                w.Line($"{Simd.Type(width)} counted = d * {Simd.Mask(width, repeated)};");
                                counted = "counted";
                            }
                            string suffix = Simd.Suffix(width);
                            w.Line($"coefficientSums{suffix} = {Simd.MulAdd(width, counted, pass.Factor("pooled"), $"coefficientSums{suffix}")};");
                            w.Line($"biasSums{suffix} += {counted};");
                        }
                        string wide = $"(d * {scale})";
                        for (int from = width; from < lanes; from *= 2)
                            wide = $"{Simd.Api(from)}.ToVector{Format.Int(from * 64)}Unsafe({wide})";
                        w.Line($"{Simd.Type(lanes)} spread = {Simd.Api(lanes)}.Shuffle({wide}, {Simd.Api(lanes)}.Create({string.Join(", ", Enumerable.Range(0, lanes).Select(lane => Format.Int(lane / size)))}));");
                        for (int wy = 0; wy < size; wy++)
                            w.Line(Simd.Store(lanes, "spread", "targets", At(offset, size, wy * input.Width)));
                    });
            }
            if (trainable)
            {
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Coefficients + map) += {Simd.FoldedSum(widths.Select(width => (width, $"coefficientSums{Simd.Suffix(width)}")).ToList())};");
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += {Simd.FoldedSum(widths.Select(width => (width, $"biasSums{Simd.Suffix(width)}")).ToList())};");
            }
        }
    }

    /// <summary>
    /// Input deltas of max pooling without trainable parameters, a row of windows a vector at a time,
    /// the same as the scalar code's: each window's delta goes to its first cell (row by row) that
    /// holds the window's largest input, the other cells get zero. The largest inputs are pooled as in
    /// the forward pass and spread back over their windows; a cell is the first when it equals its
    /// window's largest and no cell before it in its window row (lanes shifted by one shuffle each)
    /// or in an earlier window row does.
    /// </summary>
    private static void WriteVectorMaxBackward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        Shape input = layer.Input, output = layer.Output;
        int size = layer.Size, pooled = Pooled(layer, widest);
        w.Line($"// Input deltas: each output's delta to the first cell of its {Format.Int(size)}x{Format.Int(size)} window holding the window's largest input, zero to the others.");
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        using (Index.Open(w, "row", output.Height))
        {
            w.Line($"ref float deltaRow = ref {UnsafeTypeRef}.Add(ref {Delta}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)});");
            w.Line($"ref float targets = ref {UnsafeTypeRef}.Add(ref {InputDelta}, (map * {Format.Int(input.Height)} + row * {Format.Int(size)}) * {Format.Int(input.Width)});");
            w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, (map * {Format.Int(input.Height)} + row * {Format.Int(size)}) * {Format.Int(input.Width)});");
            ForEachSegment(w, output.Width, pooled, (offset, width, _) =>
                {
                    int lanes = width * size;
                    string type = Simd.Type(lanes), api = Simd.Api(lanes);
                    // Lane permutations over the window row: each lane from its window's first lane plus j, or from s lanes before it within its window (out of range, zero).
                    string Spread(string value) => $"{api}.Shuffle({value}, {api}.Create({string.Join(", ", Enumerable.Range(0, lanes).Select(lane => Format.Int(lane / size)))}))";
                    string FromWindow(string value, int j) => $"{api}.Shuffle({value}, {api}.Create({string.Join(", ", Enumerable.Range(0, lanes).Select(lane => Format.Int(lane / size * size + j)))}))";
                    string Before(string value, int shift) => $"{api}.Shuffle({value}, {api}.Create({string.Join(", ", Enumerable.Range(0, lanes).Select(lane => Format.Int(lane % size >= shift ? lane - shift : lanes)))}))";
                    string Widen(string value)
                    {
                        for (int from = width; from < lanes; from *= 2)
                            value = $"{Simd.Api(from)}.ToVector{Format.Int(from * 64)}Unsafe({value})";
                        return value;
                    }
                    w.Line($"{type} largest = {Spread(Widen($"({WritePooledRows(w, layer, offset, width)})"))};");
                    w.Line($"{type} spread = {Spread(Widen(Simd.Load(width, "deltaRow", offset)))};");
                    w.Line($"{type} taken = {type}.Zero;");
                    for (int wy = 0; wy < size; wy++)
                    {
                        string cells = $"cells{Format.Int(wy)}", equal = $"equal{Format.Int(wy)}";
                        w.Line($"{type} {cells} = {Simd.Load(lanes, "window", At(offset, size, wy * input.Width))};");
                        w.Line($"{type} {equal} = {api}.Equals({cells}, largest);");
                        string earlier = string.Join(" | ", Enumerable.Range(1, size - 1).Select(shift => Before(equal, shift)).Prepend("taken"));
                        w.Line(Simd.Store(lanes, $"{api}.AndNot(spread & {equal}, {earlier})", "targets", At(offset, size, wy * input.Width)));
                        if (wy < size - 1)
                            w.Line($"taken |= {string.Join(" | ", Enumerable.Range(0, size).Select(j => FromWindow(equal, j)))};");
                    }
                });
        }
    }

    /// <summary>The backward pass in scalar code, window by window.</summary>
    private static void WriteScalarBackward(IndentedTextWriter w, LayerSpec layer, Pass pass, bool first)
    {
        Shape output = layer.Output;
        if (!layer.Trainable && first) return;
        int window = layer.Size * layer.Size;
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            if (layer.Trainable)
            {
                WriteCoefficients(w, layer);
                w.Line("float coefficientSum = 0f, biasSum = 0f;");
            }
            using (OpenWindowLoops(w, layer))
            {
                w.Line($"float d = {UnsafeTypeRef}.Add(ref {Delta}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)} + column);");
                if (layer.Trainable)
                {
                    w.Line($"float pooled = {Pool(layer)};");
                    w.Line($"coefficientSum += d * {pass.Factor("pooled")};");
                    w.Line("biasSum += d;");
                }
                if (!first) WriteInputDelta(w, layer, pass, window);
            }
            if (layer.Trainable)
            {
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Coefficients + map) += coefficientSum;");
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += biasSum;");
            }
        }
    }

    /// <summary>Windows tile the input exactly, so every input delta is written once (no clearing needed).</summary>
    private static void WriteInputDelta(IndentedTextWriter w, LayerSpec layer, Pass pass, int window)
    {
        string coefficient = layer.Trainable ? " * " + pass.Factor("coefficient") : "";
        List<string> cells = Cells(layer).ToList();
        w.Line($"ref float targets = ref {UnsafeTypeRef}.Add(ref {InputDelta}, {WindowStart(layer)});");
        if (layer.Pooling == Pooling.Max)
        {
            w.Line("// The delta goes to the window's largest input (the first one, on ties), the others get none.");
            w.Line($"int largest = 0;");
            w.Line($"float best = {Simd.At("window", cells[0])};");
            for (int i = 1; i < cells.Count; i++)
                w.Line($"if ({Simd.At("window", cells[i])} > best) {{ best = {Simd.At("window", cells[i])}; largest = {Format.Int(i)}; }}");
            for (int i = 0; i < cells.Count; i++)
                w.Line($"{Simd.At("targets", cells[i])} = largest == {Format.Int(i)} ? d{coefficient} : 0f;");
            return;
        }
        string share = Share(window, pass);
        w.Line($"float share = d{coefficient} * {share};");
        foreach (string cell in cells)
            w.Line($"{Simd.At("targets", cell)} = share;");
    }

    /// <summary>d(mean)/dx = 1/window for every cell of an average-pooling window; squared in the curvature pass.</summary>
    private static string Share(int window, Pass pass) =>
        pass == Pass.Gradient ? Format.Float(1f / window) : Format.Float(1f / (window * window));

    private static void WriteCoefficients(IndentedTextWriter w, LayerSpec layer)
    {
        if (!layer.Trainable) return;
        w.Line($"float coefficient = {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Coefficients + map);");
        w.Line($"float bias = {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map);");
    }

    /// <summary>Opens the row and column loops and points <c>window</c> at the window's first input.</summary>
    private static System.IDisposable OpenWindowLoops(IndentedTextWriter w, LayerSpec layer)
    {
        var rows = Index.Open(w, "row", layer.Output.Height);
        var columns = w.Block($"for (int column = 0; column < {Format.Int(layer.Output.Width)}; column++)");
        w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, {WindowStart(layer)});");
        return IndentedTextWriter.Together(rows, columns);
    }

    private static string WindowStart(LayerSpec layer) =>
        $"(map * {Format.Int(layer.Input.Height)} + row * {Format.Int(layer.Size)}) * {Format.Int(layer.Input.Width)} + column * {Format.Int(layer.Size)}";

    /// <summary>Offsets of the window's cells from its first input, row by row.</summary>
    private static IEnumerable<string> Cells(LayerSpec layer)
    {
        for (int wy = 0; wy < layer.Size; wy++)
            for (int wx = 0; wx < layer.Size; wx++)
                yield return Format.Int(wy * layer.Input.Width + wx);
    }

    /// <summary>The pooled value of <c>window</c>: mean (sum times a constant) or maximum.</summary>
    private static string Pool(LayerSpec layer)
    {
        List<string> values = Cells(layer).Select(cell => Simd.At("window", cell)).ToList();
        if (layer.Pooling == Pooling.Max)
            return values.Skip(1).Aggregate(values[0], (best, next) => $"{MathFTypeRef}.Max({best}, {next})");
        return $"({string.Join(" + ", values)}) * {Format.Float(1f / values.Count)}";
    }
}
