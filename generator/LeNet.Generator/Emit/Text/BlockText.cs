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
            w.Line(lanes.Store($"{lanes.Load(Delta, "u")} * {ActivationText.Derivative(layer.Activation, lanes.Load(Output, "u"))}", Delta, "u"));
    }

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

    /// <summary>Each map's bias gradient: its deltas summed over positions in the lanes, then over the lanes.</summary>
    public static void BiasGradient(IndentedTextWriter w, LayerSpec layer, Lanes lanes, int maps, int positions)
    {
        using (w.Block($"for (int map = 0; map < {Format.Int(maps)}; map++)"))
        {
            w.Line($"{lanes.Type} sum = {lanes.Zero};");
            if (positions == 1)
                w.Line($"sum += {lanes.Load(Delta, "map")};");
            else
                w.Line($"for (int u = 0; u < {Format.Int(positions)}; u++) sum += {lanes.Load(Delta, $"map * {Format.Int(positions)} + u")};");
            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += {lanes.Sum("sum")};");
        }
    }
}
