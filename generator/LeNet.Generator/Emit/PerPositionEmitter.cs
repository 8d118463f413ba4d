using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// A replicated network's output layer (RBF or softmax) at every position: the one-vector
/// arithmetic of <see cref="RadialBasisEmitter"/> and <see cref="SoftmaxEmitter"/>, with unit i of
/// position p at i * positions + p. Scalar loops: the output layer is a small share of a strip's work.
/// </summary>
internal sealed class PerPositionEmitter : ILayerEmitter
{
    public bool Vectorised => false;

    /// <summary>Unit <paramref name="unit"/> of the current position in <paramref name="reference"/>.</summary>
    private static string At(LayerSpec layer, string reference, string unit) =>
        $"{UnsafeTypeRef}.Add(ref {reference}, ({unit}) * {Format.Int(layer.Positions)} + position)";

    private static IndentedTextWriter.BlockScope OpenPositions(IndentedTextWriter w, LayerSpec layer) =>
        w.Block($"for (int position = 0; position < {Format.Int(layer.Positions)}; position++)");

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        string n = Format.Int(layer.VectorLength), units = Format.Int(layer.Units);
        if (layer.Kind == LayerKind.RadialBasis)
        {
            WriteCentres(w, layer);
            using (OpenPositions(w, layer))
            using (w.Block($"for (int unit = 0; unit < {units}; unit++)"))
            {
                w.Line($"ref float centre = ref {UnsafeTypeRef}.Add(ref centres, unit * {n});");
                w.Line("float distance = 0f;");
                using (w.Block($"for (int j = 0; j < {n}; j++)"))
                {
                    w.Line($"float difference = {At(layer, Input, "j")} - {UnsafeTypeRef}.Add(ref centre, j);");
                    w.Line("distance += difference * difference;");
                }
                w.Line($"{At(layer, Output, "unit")} = distance;");
            }
            return;
        }
        using (OpenPositions(w, layer))
        {
            w.Line($"float largest = {At(layer, Input, "0")};");
            w.Line($"for (int i = 1; i < {n}; i++) largest = {MathFTypeRef}.Max(largest, {At(layer, Input, "i")});");
            w.Line("float total = 0f;");
            using (w.Block($"for (int i = 0; i < {n}; i++)"))
            {
                w.Line($"float e = {MathFTypeRef}.Exp({At(layer, Input, "i")} - largest);");
                w.Line($"{At(layer, Output, "i")} = e;");
                w.Line("total += e;");
            }
            w.Line($"for (int i = 0; i < {n}; i++) {At(layer, Output, "i")} /= total;");
        }
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        if (layer.Kind == LayerKind.RadialBasis)
            RadialBasisBackward(w, layer, pass, first);
        else if (!first)
            SoftmaxBackward(w, layer, pass);
    }

    /// <summary>
    /// Each centre is read once and its sum over the positions added once, after every read: the
    /// accumulator may be the parameters themselves (a fused SGD step).
    /// </summary>
    private static void RadialBasisBackward(IndentedTextWriter w, LayerSpec layer, Pass pass, bool first)
    {
        if (first && !layer.Trainable) return;
        string n = Format.Int(layer.VectorLength), units = Format.Int(layer.Units), positions = Format.Int(layer.Positions);
        WriteCentres(w, layer);
        if (!first)
            w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {InputDelta}, {Format.Int(layer.Input.Size)}).Clear();");
        w.Line(pass == Pass.Gradient
            ? "// dy_u/dx_j = 2 (x_j - c_uj) and dy_u/dc_uj = -2 (x_j - c_uj), at every position."
            : "// Each y_u is a sum of squared residuals: its Gauss-Newton second derivative in x_j (and c_uj) is 2, at every position.");
        using (w.Block($"for (int unit = 0; unit < {units}; unit++)"))
        using (w.Block($"for (int j = 0; j < {n}; j++)"))
        {
            w.Line($"float centre = {UnsafeTypeRef}.Add(ref centres, unit * {n} + j);");
            w.Line("float sum = 0f;");
            using (w.Block($"for (int position = 0; position < {positions}; position++)"))
            {
                w.Line($"float twice = 2f * {At(layer, Delta, "unit")};");
                string term = pass == Pass.Gradient ? "twice * difference" : "twice";
                if (pass == Pass.Gradient)
                    w.Line($"float difference = {At(layer, Input, "j")} - centre;");
                if (!first) w.Line($"{At(layer, InputDelta, "j")} += {term};");
                w.Line($"sum += {term};");
            }
            if (layer.Trainable)
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Centres + unit * {n} + j) {(pass == Pass.Gradient ? "-=" : "+=")} sum;");
        }
    }

    private static void SoftmaxBackward(IndentedTextWriter w, LayerSpec layer, Pass pass)
    {
        string n = Format.Int(layer.VectorLength);
        using (OpenPositions(w, layer))
        {
            if (pass == Pass.Gradient)
            {
                w.Line("// dx_i = y_i (dy_i - sum_k dy_k y_k): the softmax Jacobian applied to the delta.");
                w.Line("float dot = 0f;");
                w.Line($"for (int k = 0; k < {n}; k++) dot += {At(layer, Delta, "k")} * {At(layer, Output, "k")};");
                w.Line($"for (int i = 0; i < {n}; i++) {At(layer, InputDelta, "i")} = {At(layer, Output, "i")} * ({At(layer, Delta, "i")} - dot);");
                return;
            }
            w.Line("// hx_i = sum_k (dy_k/dx_i)^2 hy_k with dy_k/dx_i = y_k (delta_ki - y_i).");
            using (w.Block($"for (int i = 0; i < {n}; i++)"))
            {
                w.Line("float sum = 0f;");
                using (w.Block($"for (int k = 0; k < {n}; k++)"))
                {
                    w.Line($"float jacobian = {At(layer, Output, "k")} * ((k == i ? 1f : 0f) - {At(layer, Output, "i")});");
                    w.Line($"sum += jacobian * jacobian * {At(layer, Delta, "k")};");
                }
                w.Line($"{At(layer, InputDelta, "i")} = sum;");
            }
        }
    }

    private static void WriteCentres(IndentedTextWriter w, LayerSpec layer) =>
        w.Line(layer.Trainable
            ? $"ref float centres = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Centres);"
            : $"ref float centres = ref {MemoryMarshalTypeRef}.GetReference({DigitCodesTypeRef}.All); // fixed 7x12 digit bitmaps");
}
