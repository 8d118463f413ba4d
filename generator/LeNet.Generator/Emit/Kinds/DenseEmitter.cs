using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Fully connected layers, and convolutions whose kernel covers the whole input (the paper's C5):
/// both are one dot product per unit over the flattened input, with weights laid out [unit][input].
/// Vectors run along the input.
/// </summary>
internal sealed partial class DenseEmitter : ILayerEmitter
{
    public bool Vectorised(LayerSpec layer) => true;

    /// <summary>
    /// Units computed together, largest first: each input vector is loaded once and used for this
    /// many dot products, whose sums are independent FMA chains, and their horizontal sums come a
    /// vector of them at a time (<c>Lanes.Sums</c>). On the Vector256 path eight chains cover the FMA
    /// latency of two FMA pipes (4 cycles each), and the units past the last block of eight run four
    /// at a time. On the Vector512 path a sample's weights stream from L2 (the paper's C5 is 192 KB):
    /// sixteen rows at a time, with one vector of sums for all sixteen, read them in 1.63 µs on an
    /// Intel Xeon (Emerald Rapids), against 2.02 µs two rows at a time with a horizontal sum each
    /// (a floor of 1.44 µs to read them); the units past the last sixteen run two at a time. Each
    /// unit's sum is the same chain whatever the block.
    /// </summary>
    private static int[] UnitBlocks(int widest) => widest == 16 ? [16, 2] : [8, 4];

    /// <summary>The runs of units computed <c>Block</c> at a time on a vector path: units First to End.</summary>
    private static List<(int First, int End, int Block)> UnitRuns(int units, int widest)
    {
        var runs = new List<(int First, int End, int Block)>();
        if (widest == 1) return runs;
        int first = 0;
        foreach (int block in UnitBlocks(widest))
        {
            int end = first + (units - first) / block * block;
            if (end > first) runs.Add((first, end, block));
            first = end;
        }
        return runs;
    }

    /// <summary>The units the blocks of <see cref="UnitRuns"/> leave to the one-unit loop start here.</summary>
    private static int Blocked(List<(int First, int End, int Block)> runs) => runs.Count == 0 ? 0 : runs[runs.Count - 1].End;

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        int inputs = layer.Input.Size, units = layer.Output.Size;
        List<(int First, int End, int Block)> runs = UnitRuns(units, widest);
        int blocked = Blocked(runs);
        if (blocked > 0)
            WriteBlockedUnits(w, layer, widest, runs);
        if (blocked < units)
            using (Index.Open(w, "unit", units, first: blocked))
            {
                w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + unit * {Format.Int(inputs)});");
                Ladder.Sum(w, inputs, widest, "sum", "j", (width, offset, acc) =>
                    $"{acc} = {Simd.MulAdd(width, Simd.Load(width, "weights", offset), Simd.Load(width, Input, offset), acc)};");
                w.Line($"{UnsafeTypeRef}.Add(ref {Output}, unit) = sum + {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + unit);");
            }
        ActivationPass.Squash(w, layer, widest);
    }

    /// <summary>
    /// A block of units at a time (<see cref="UnitRuns"/>): each input vector is loaded once for
    /// every weight row of the block, and the block's sums are independent FMA chains. Inputs past
    /// the last full vector are covered by one more vector ending at the last input, the lanes the
    /// loop already covered zeroed in the input, so each unit needs one horizontal sum.
    /// </summary>
    private static void WriteBlockedUnits(IndentedTextWriter w, LayerSpec layer, int widest, List<(int First, int End, int Block)> runs)
    {
        int inputs = layer.Input.Size;
        int full = inputs / widest * widest;
        bool overlapped = full > 0 && full < inputs;
        if (overlapped)
            w.Line($"{Simd.Type(widest)} lastInputs = {Simd.Load(widest, Input, Format.Int(inputs - widest))} * {Simd.Mask(widest, widest - (inputs - full))};");
        foreach ((int first, int end, int block) in runs)
        {
            w.Line($"// {Format.Int(block)} units at a time: {Format.Int(block)} independent FMA chains share each input vector.");
            var rows = Enumerable.Range(0, block).ToList();
            using (Index.Open(w, "unit", end, block, first))
            {
                w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + unit * {Format.Int(inputs)});");
                foreach (int k in rows)
                    w.Line($"{Simd.Type(widest)} sum{k} = {Simd.Zero(widest)};");
                if (full > 0)
                    using (Index.Open(w, "j", full, widest))
                    {
                        w.Line($"{Simd.Type(widest)} x = {Simd.Load(widest, Input, "j")};");
                        foreach (int k in rows)
                            w.Line($"sum{k} = {Simd.MulAdd(widest, Simd.Load(widest, "weights", k == 0 ? "j" : $"j + {Format.Int(k * inputs)}"), "x", $"sum{k}")};");
                    }
                if (overlapped)
                    foreach (int k in rows)
                        w.Line($"sum{k} = {Simd.MulAdd(widest, Simd.Load(widest, "weights", Format.Int(k * inputs + inputs - widest)), "lastInputs", $"sum{k}")};");
                Simd.AddSums(w, widest, rows.Select(k => ($"sum{k}", $"float total{k}")).ToArray(), assign: true);
                // Fewer inputs than one vector: narrower pieces, each with its own horizontal sums.
                if (full == 0)
                    foreach ((int offset, int width) in Simd.Segments(inputs, System.Math.Max(1, widest / 2)))
                        using (w.Block(""))
                        {
                            w.Line($"{Simd.Type(width)} x = {Simd.Load(width, Input, Format.Int(offset))};");
                            foreach (int k in rows)
                                w.Line($"total{k} += {Simd.Sum(width, $"{Simd.Load(width, "weights", Format.Int(k * inputs + offset))} * x")};");
                        }
                foreach (int k in rows)
                    w.Line($"{UnsafeTypeRef}.Add(ref {Output}, {Index.Add("unit", k)}) = total{k} + {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + {Index.Add("unit", k)});");
            }
        }
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        int inputs = layer.Input.Size;
        ActivationPass.DeltaToWeightedSums(w, layer, widest, pass);
        if (!first)
            w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {InputDelta}, {Format.Int(inputs)}).Clear();");
        int units = layer.Output.Size;
        List<(int First, int End, int Block)> runs = UnitRuns(units, widest);
        int blocked = Blocked(runs);
        foreach ((int start, int end, int block) in runs)
            WriteBlockedBackward(w, layer, widest, pass, first, start, end, block);
        if (blocked == units) return;
        w.Line(pass == Pass.Gradient
            ? "// Each unit: bias += delta; weight row += delta * input; input deltas += delta * weight row."
            : "// Each unit: bias += delta; weight row += delta * input^2; input deltas += delta * weight row^2.");
        using (Index.Open(w, "unit", units, first: blocked))
        {
            w.Line($"float d = {UnsafeTypeRef}.Add(ref {Delta}, unit);");
            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + unit) += d;");
            w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + unit * {Format.Int(inputs)});");
            w.Line($"ref float weightSlots = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + unit * {Format.Int(inputs)});");
            Ladder.ForEach(w, inputs, widest, "j", (width, offset) =>
            {
                string spread = Simd.Broadcast(width, "d");
                // The weights are read before their slots are added to (the slots may be the weights).
                if (pass == Pass.Gradient)
                {
                    if (!first)
                        w.Line(Simd.Store(width, Simd.MulAdd(width, spread, Simd.Load(width, "weights", offset), Simd.Load(width, InputDelta, offset)), InputDelta, offset));
                    w.Line(Simd.Store(width, Simd.MulAdd(width, spread, Simd.Load(width, Input, offset), Simd.Load(width, "weightSlots", offset)), "weightSlots", offset));
                    return;
                }
                using (w.Block(""))
                {
                    if (!first)
                    {
                        w.Line($"{Simd.Type(width)} weight = {Simd.Load(width, "weights", offset)};");
                        w.Line(Simd.Store(width, Simd.MulAdd(width, spread, "weight * weight", Simd.Load(width, InputDelta, offset)), InputDelta, offset));
                    }
                    w.Line($"{Simd.Type(width)} x = {Simd.Load(width, Input, offset)};");
                    w.Line(Simd.Store(width, Simd.MulAdd(width, spread, "x * x", Simd.Load(width, "weightSlots", offset)), "weightSlots", offset));
                }
            });
        }
    }

    /// <summary>
    /// A block of units at a time (<see cref="UnitRuns"/>): each input vector is loaded once for
    /// every weight-gradient row of the block, and the input deltas are loaded and stored once per
    /// block instead of once per unit, the units added in order as the one-unit loop would.
    /// </summary>
    private static void WriteBlockedBackward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first, int start, int end, int block)
    {
        int inputs = layer.Input.Size;
        var rows = Enumerable.Range(0, block).ToList();
        w.Line(pass == Pass.Gradient
            ? $"// {Format.Int(block)} units at a time: biases += delta; weight rows += delta * input; input deltas += sum of delta * weight row."
            : $"// {Format.Int(block)} units at a time: biases += delta; weight rows += delta * input^2; input deltas += sum of delta * weight row^2.");
        using (Index.Open(w, "unit", end, block, start))
        {
            foreach (int k in rows)
            {
                w.Line($"float d{k} = {UnsafeTypeRef}.Add(ref {Delta}, {Index.Add("unit", k)});");
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + {Index.Add("unit", k)}) += d{k};");
                w.Line($"{Simd.Type(widest)} spread{k} = {Simd.Broadcast(widest, $"d{k}")};");
            }
            w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + unit * {Format.Int(inputs)});");
            w.Line($"ref float weightSlots = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + unit * {Format.Int(inputs)});");
            Ladder.ForEach(w, inputs, widest, "j", (width, offset) =>
            {
                using (w.Block(""))
                {
                    w.Line($"{Simd.Type(width)} x = {Simd.Load(width, Input, offset)};");
                    if (pass == Pass.Curvature)
                        w.Line($"{Simd.Type(width)} xx = x * x;");
                    // The weights are read before their slots are added to (the slots may be the weights).
                    if (!first)
                    {
                        string total = Simd.Load(width, InputDelta, offset);
                        foreach (int k in rows)
                        {
                            string weight = Simd.Load(width, "weights", Shifted(offset, k * inputs));
                            if (pass == Pass.Curvature)
                            {
                                w.Line($"{Simd.Type(width)} weight{k} = {weight};");
                                weight = $"weight{k} * weight{k}";
                            }
                            total = Simd.MulAdd(width, Simd.Lower($"spread{k}", widest, width), weight, total);
                        }
                        w.Line(Simd.Store(width, total, InputDelta, offset));
                    }
                    foreach (int k in rows)
                    {
                        string at = Shifted(offset, k * inputs);
                        string spread = Simd.Lower($"spread{k}", widest, width);
                        w.Line(Simd.Store(width, Simd.MulAdd(width, spread, pass == Pass.Gradient ? "x" : "xx", Simd.Load(width, "weightSlots", at)), "weightSlots", at));
                    }
                }
            });
        }
    }

    /// <summary><paramref name="offset"/> (a constant or an index expression) plus <paramref name="shift"/>.</summary>
    private static string Shifted(string offset, int shift) =>
        shift == 0 ? offset : int.TryParse(offset, out int value) ? Format.Int(value + shift) : $"{offset} + {Format.Int(shift)}";
}
