using System;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>The block passes of the softmax output: its one-sample arithmetic on vectors of samples.</summary>
internal sealed partial class SoftmaxEmitter
{
    public int BlockWorkUnits(LayerSpec layer) => 0;

    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        string n = Format.Int(layer.Units);
        using (Positions.OpenBlock(w, layer))
        {
            w.Line($"{lanes.Type} largest = {lanes.Load(Input, Positions.Unit(layer, "0"))};");
            w.Line($"for (int i = 1; i < {n}; i++) largest = {lanes.Api}.Max(largest, {lanes.Load(Input, Positions.Unit(layer, "i"))});");
            w.Line($"{lanes.Type} total = {lanes.Zero};");
            using (w.Block($"for (int i = 0; i < {n}; i++)"))
            {
                w.Line($"{lanes.Type} e = {lanes.Api}.Exp({lanes.Load(Input, Positions.Unit(layer, "i"))} - largest);");
                w.Line(lanes.Store("e", Output, Positions.Unit(layer, "i")));
                w.Line("total += e;");
            }
            w.Line($"{lanes.Type} scale = {lanes.Type}.One / total;");
            w.Line($"for (int i = 0; i < {n}; i++) {lanes.Store($"{lanes.Load(Output, Positions.Unit(layer, "i"))} * scale", Output, Positions.Unit(layer, "i"))}");
        }
    }

    public bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first) => false;

    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        if (first) return;
        string n = Format.Int(layer.Units);
        w.Line("// dx_i = y_i (dy_i - sum_k dy_k y_k): the softmax Jacobian applied to the delta.");
        using (Positions.OpenBlock(w, layer))
        {
            w.Line($"{lanes.Type} dot = {lanes.Zero};");
            w.Line($"for (int k = 0; k < {n}; k++) dot = {lanes.Fma(lanes.Load(Delta, Positions.Unit(layer, "k")), lanes.Load(Output, Positions.Unit(layer, "k")), "dot")};");
            w.Line($"for (int i = 0; i < {n}; i++) {lanes.Store($"{lanes.Load(Output, Positions.Unit(layer, "i"))} * ({lanes.Load(Delta, Positions.Unit(layer, "i"))} - dot)", InputDelta, Positions.Unit(layer, "i"))}");
        }
    }
}
