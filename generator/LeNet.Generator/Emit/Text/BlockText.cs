using System;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// What the block passes of several kinds share: one block of samples at a time, one sample per
/// vector lane (<see cref="Lanes"/>). Every weight is one broadcast that feeds a whole tile of
/// accumulators, every lane does useful work whatever the layer's shape, and weight gradients are
/// summed over the block's samples in the lanes and reduced once per block.
/// </summary>
internal static class BlockText
{
    /// <summary>The block's scratch past the deltas: a convolution's padded delta, a dense layer's transposed input.</summary>
    public const string Work = "work";

    /// <summary>Turns the block's dE/dy in <c>delta</c> into dE/da, unless the layer's squashing is the identity.</summary>
    public static void ActivationDerivative(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        if (layer.Activation == Activation.Identity) return;
        w.Line($"// dE/da = dE/dy * f'(a), with f'(a) from the outputs y ({layer.Activation}).");
        using (w.Block($"for (int u = 0; u < {Format.Int(layer.Output.Size)}; u++)"))
            w.Line(lanes.Store(WeightedSumDelta(layer, lanes, Delta, Output, "u"), Delta, "u"));
    }

    /// <summary>
    /// dE/da of the unit at <paramref name="unit"/> units past <paramref name="delta"/>: its dE/dy times f'(a),
    /// with f'(a) from the output y at as many units past <paramref name="output"/>.
    /// </summary>
    public static string WeightedSumDelta(LayerSpec layer, Lanes lanes, string delta, string output, string unit) =>
        $"{lanes.Load(delta, unit)} * {ActivationText.Derivative(layer.Activation, lanes.Load(output, unit))}";

    /// <summary>Units of a tile of accumulators over units (dense layers, the RBF output).</summary>
    public static int UnitTile(Lanes lanes) => lanes.Count == 16 ? 12 : 8;

    /// <summary>Tiles of units over the whole input: each input vector feeds every unit of the tile.</summary>
    public static void UnitTiles(IndentedTextWriter w, int units, int tile, Action<int, string> body)
    {
        int full = units / tile * tile;
        Index.For(w, "j", 0, full, tile, j => body(tile, j));
        if (full < units)
            using (w.Block(""))
                body(units - full, Format.Int(full));
    }

    /// <summary>Maps whose bias sums a loop over positions carries at once (<see cref="BiasGradient"/>).</summary>
    private const int BiasMaps = 8;

    /// <summary>
    /// Each map's bias gradient: its deltas summed over positions in the lanes, then over the lanes.
    /// Over several positions, one loop carries the sums of up to <see cref="BiasMaps"/> maps, so that
    /// their additions overlap instead of each waiting on the one before; each map's sum still adds its
    /// positions in order.
    /// </summary>
    public static void BiasGradient(IndentedTextWriter w, LayerSpec layer, Lanes lanes, int maps, int positions)
    {
        if (positions == 1)
        {
            using (w.Block($"for (int map = 0; map < {Format.Int(maps)}; map++)"))
            {
                w.Line($"{lanes.Type} sum = {lanes.Zero};");
                w.Line($"sum += {lanes.Load(Delta, "map")};");
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += {lanes.Sum("sum")};");
            }
            return;
        }
        void Sums(int count, string first)
        {
            for (int m = 0; m < count; m++) w.Line($"{lanes.Type} sum{m} = {lanes.Zero};");
            using (w.Block($"for (int u = 0; u < {Format.Int(positions)}; u++)"))
                for (int m = 0; m < count; m++)
                    w.Line($"sum{m} += {lanes.Load(Delta, Index.Add(Index.Mul(Index.Add(first, m), positions), "u"))};");
            for (int m = 0; m < count; m++)
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {Index.Add($"{layer.Label}.Biases", Index.Add(first, m))}) += {lanes.Sum($"sum{m}")};");
        }
        int group = Math.Min(maps, BiasMaps), full = maps / group * group;
        Index.For(w, "map", 0, full, group, first => Sums(group, first));
        if (full < maps)
            using (w.Block(""))
                Sums(maps - full, Format.Int(full));
    }
}
