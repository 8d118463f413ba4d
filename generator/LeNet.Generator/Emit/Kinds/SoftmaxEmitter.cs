using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>Softmax over a handful of class scores: scalar code, shifted by the maximum for stability.</summary>
internal sealed partial class SoftmaxEmitter : ILayerEmitter
{
    public bool Vectorised(LayerSpec layer) => false;

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        if (layer.PerPosition)
        {
            ForwardPerPosition(w, layer);
            return;
        }
        string n = Format.Int(layer.Output.Size);
        w.Line($"float largest = {Input};");
        w.Line($"for (int i = 1; i < {n}; i++) largest = {MathFTypeRef}.Max(largest, {UnsafeTypeRef}.Add(ref {Input}, i));");
        w.Line("float total = 0f;");
        using (w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            w.Line($"float e = {MathFTypeRef}.Exp({UnsafeTypeRef}.Add(ref {Input}, i) - largest);");
            w.Line($"{UnsafeTypeRef}.Add(ref {Output}, i) = e;");
            w.Line("total += e;");
        }
        w.Line($"for (int i = 0; i < {n}; i++) {UnsafeTypeRef}.Add(ref {Output}, i) /= total;");
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        if (first) return;
        if (layer.PerPosition)
        {
            BackwardPerPosition(w, layer, pass);
            return;
        }
        string n = Format.Int(layer.Output.Size);
        if (pass == Pass.Gradient)
        {
            w.Line("// dx_i = y_i (dy_i - sum_k dy_k y_k): the softmax Jacobian applied to the delta.");
            w.Line("float dot = 0f;");
            w.Line($"for (int k = 0; k < {n}; k++) dot += {UnsafeTypeRef}.Add(ref {Delta}, k) * {UnsafeTypeRef}.Add(ref {Output}, k);");
            w.Line($"for (int i = 0; i < {n}; i++) {UnsafeTypeRef}.Add(ref {InputDelta}, i) = {UnsafeTypeRef}.Add(ref {Output}, i) * ({UnsafeTypeRef}.Add(ref {Delta}, i) - dot);");
            return;
        }
        w.Line("// hx_i = sum_k (dy_k/dx_i)^2 hy_k with dy_k/dx_i = y_k (delta_ki - y_i).");
        using (w.Block($"for (int i = 0; i < {n}; i++)"))
        {
            w.Line("float sum = 0f;");
            using (w.Block($"for (int k = 0; k < {n}; k++)"))
            {
                w.Line($"float jacobian = {UnsafeTypeRef}.Add(ref {Output}, k) * ((k == i ? 1f : 0f) - {UnsafeTypeRef}.Add(ref {Output}, i));");
                w.Line($"sum += jacobian * jacobian * {UnsafeTypeRef}.Add(ref {Delta}, k);");
            }
            w.Line($"{UnsafeTypeRef}.Add(ref {InputDelta}, i) = sum;");
        }
    }

    /// <summary>Unit i of position p at i * positions + p: a softmax over each position's vector.</summary>
    private static void ForwardPerPosition(IndentedTextWriter w, LayerSpec layer)
    {
        string n = Format.Int(layer.VectorLength);
        using (Positions.Open(w, layer))
        {
            w.Line($"float largest = {Positions.At(layer, Input, "0")};");
            w.Line($"for (int i = 1; i < {n}; i++) largest = {MathFTypeRef}.Max(largest, {Positions.At(layer, Input, "i")});");
            w.Line("float total = 0f;");
            using (w.Block($"for (int i = 0; i < {n}; i++)"))
            {
                w.Line($"float e = {MathFTypeRef}.Exp({Positions.At(layer, Input, "i")} - largest);");
                w.Line($"{Positions.At(layer, Output, "i")} = e;");
                w.Line("total += e;");
            }
            w.Line($"for (int i = 0; i < {n}; i++) {Positions.At(layer, Output, "i")} /= total;");
        }
    }

    private static void BackwardPerPosition(IndentedTextWriter w, LayerSpec layer, Pass pass)
    {
        string n = Format.Int(layer.VectorLength);
        using (Positions.Open(w, layer))
        {
            if (pass == Pass.Gradient)
            {
                w.Line("// dx_i = y_i (dy_i - sum_k dy_k y_k): the softmax Jacobian applied to the delta.");
                w.Line("float dot = 0f;");
                w.Line($"for (int k = 0; k < {n}; k++) dot += {Positions.At(layer, Delta, "k")} * {Positions.At(layer, Output, "k")};");
                w.Line($"for (int i = 0; i < {n}; i++) {Positions.At(layer, InputDelta, "i")} = {Positions.At(layer, Output, "i")} * ({Positions.At(layer, Delta, "i")} - dot);");
                return;
            }
            w.Line("// hx_i = sum_k (dy_k/dx_i)^2 hy_k with dy_k/dx_i = y_k (delta_ki - y_i).");
            using (w.Block($"for (int i = 0; i < {n}; i++)"))
            {
                w.Line("float sum = 0f;");
                using (w.Block($"for (int k = 0; k < {n}; k++)"))
                {
                    w.Line($"float jacobian = {Positions.At(layer, Output, "k")} * ((k == i ? 1f : 0f) - {Positions.At(layer, Output, "i")});");
                    w.Line($"sum += jacobian * jacobian * {Positions.At(layer, Delta, "k")};");
                }
                w.Line($"{Positions.At(layer, InputDelta, "i")} = sum;");
            }
        }
    }
}
