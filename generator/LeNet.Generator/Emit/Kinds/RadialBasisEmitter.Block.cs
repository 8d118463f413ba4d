using System;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>The block passes of the RBF output: its one-sample arithmetic on vectors of samples, in tiles of units.</summary>
internal sealed partial class RadialBasisEmitter
{
    public int BlockWorkUnits(LayerSpec layer) => 0;

    /// <summary>A replicated network's output layer runs at every position: the loop, or nothing.</summary>

    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        int inputs = layer.VectorLength;
        WriteCentres(w, layer);
        using (Positions.OpenBlock(w, layer))
        BlockText.UnitTiles(w, layer.Units, BlockText.UnitTile(lanes), (count, j) =>
        {
            for (int t = 0; t < count; t++) w.Line($"{lanes.Type} a{t} = {lanes.Zero};");
            w.Line($"ref float centre = ref {UnsafeTypeRef}.Add(ref centres, {Index.Mul(j, inputs)});");
            using (w.Block($"for (int i = 0; i < {Format.Int(inputs)}; i++)"))
            {
                w.Line($"{lanes.Type} x = {lanes.Load(Input, Positions.Unit(layer, "i"))};");
                for (int t = 0; t < count; t++)
                {
                    w.Line($"{lanes.Type} r{t} = x - {lanes.Splat($"{UnsafeTypeRef}.Add(ref centre, {Index.Add(Format.Int(t * inputs), "i")})")};");
                    w.Line($"a{t} = {lanes.Fma($"r{t}", $"r{t}", $"a{t}")};");
                }
            }
            for (int t = 0; t < count; t++) w.Line(lanes.Store($"a{t}", Output, Positions.Unit(layer, Index.Add(j, t))));
        });
    }

    public bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first) => false;

    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        if (first && !layer.Trainable) return;
        int inputs = layer.VectorLength, units = layer.Units;
        WriteCentres(w, layer);
        w.Line("// dy_u/dx_i = 2 (x_i - c_ui) and dy_u/dc_ui = -2 (x_i - c_ui).");
        using (Positions.OpenBlock(w, layer))
        using (w.Block($"for (int i = 0; i < {Format.Int(inputs)}; i++)"))
        {
            w.Line($"{lanes.Type} x = {lanes.Load(Input, Positions.Unit(layer, "i"))}, sum = {lanes.Zero};");
            using (w.Block($"for (int u = 0; u < {Format.Int(units)}; u++)"))
            {
                w.Line($"{lanes.Type} twice = {lanes.Load(Delta, Positions.Unit(layer, "u"))} * {lanes.Splat("2f")};");
                w.Line($"{lanes.Type} residual = x - {lanes.Splat($"{UnsafeTypeRef}.Add(ref centres, u * {Format.Int(inputs)} + i)")};");
                if (!first) w.Line($"sum = {lanes.Fma("twice", "residual", "sum")};");
                if (layer.Trainable)
                    w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Centres + u * {Format.Int(inputs)} + i) -= {lanes.Sum("twice * residual")};");
            }
            if (!first) w.Line(lanes.Store("sum", InputDelta, Positions.Unit(layer, "i")));
        }
    }
}
