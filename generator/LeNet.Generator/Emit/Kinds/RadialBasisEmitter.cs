using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// The paper's Euclidean RBF output: y_u = sum_j (x_j - c_uj)^2, centres either the fixed digit
/// bitmaps of LeNet.DigitCodes or trainable parameters laid out [unit][input]. Vectors run along
/// the input.
/// </summary>
internal sealed partial class RadialBasisEmitter : ILayerEmitter
{
    /// <summary>Per position the RBF is scalar code: the output layer is a small share of a strip's work.</summary>
    public bool Vectorised(LayerSpec layer) => !layer.PerPosition;

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        if (layer.PerPosition)
        {
            ForwardPerPosition(w, layer);
            return;
        }
        int inputs = layer.Input.Size;
        WriteCentres(w, layer);
        using (w.Block($"for (int unit = 0; unit < {Format.Int(layer.Output.Size)}; unit++)"))
        {
            w.Line($"ref float centre = ref {UnsafeTypeRef}.Add(ref centres, unit * {Format.Int(inputs)});");
            Ladder.Sum(w, inputs, widest, "distance", "j", (width, offset, acc) =>
                $"{{\n    {Simd.Type(width)} difference = {Simd.Load(width, Input, offset)} - {Simd.Load(width, "centre", offset)};\n    {acc} = {Simd.MulAdd(width, "difference", "difference", acc)};\n}}");
            w.Line($"{UnsafeTypeRef}.Add(ref {Output}, unit) = distance;");
        }
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        if (layer.PerPosition)
        {
            BackwardPerPosition(w, layer, pass, first);
            return;
        }
        int inputs = layer.Input.Size;
        if (first && !layer.Trainable) return;
        WriteCentres(w, layer);
        if (!first)
            w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {InputDelta}, {Format.Int(inputs)}).Clear();");
        w.Line(pass == Pass.Gradient
            ? "// dy_u/dx_j = 2 (x_j - c_uj) and dy_u/dc_uj = -2 (x_j - c_uj)."
            : "// Each y_u is a sum of squared residuals: its Gauss-Newton second derivative in x_j (and c_uj) is 2.");
        using (w.Block($"for (int unit = 0; unit < {Format.Int(layer.Output.Size)}; unit++)"))
        {
            w.Line($"float twice = 2f * {UnsafeTypeRef}.Add(ref {Delta}, unit);");
            w.Line($"ref float centre = ref {UnsafeTypeRef}.Add(ref centres, unit * {Format.Int(inputs)});");
            if (layer.Trainable)
                w.Line($"ref float centreSlots = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Centres + unit * {Format.Int(inputs)});");
            Ladder.ForEach(w, inputs, widest, "j", (width, offset) =>
            {
                string spread = Simd.Broadcast(width, "twice");
                if (pass == Pass.Curvature)
                {
                    if (!first) w.Line(Simd.Store(width, $"{Simd.Load(width, InputDelta, offset)} + {spread}", InputDelta, offset));
                    if (layer.Trainable) w.Line(Simd.Store(width, $"{Simd.Load(width, "centreSlots", offset)} + {spread}", "centreSlots", offset));
                    return;
                }
                using (w.Block(""))
                {
                    w.Line($"{Simd.Type(width)} difference = {Simd.Load(width, Input, offset)} - {Simd.Load(width, "centre", offset)};");
                    if (!first) w.Line(Simd.Store(width, Simd.MulAdd(width, spread, "difference", Simd.Load(width, InputDelta, offset)), InputDelta, offset));
                    if (layer.Trainable) w.Line(Simd.Store(width, $"{Simd.Load(width, "centreSlots", offset)} - {spread} * difference", "centreSlots", offset));
                }
            });
        }
    }

    /// <summary>Unit i of position p at i * positions + p: the distances of each position's vector.</summary>
    private static void ForwardPerPosition(IndentedTextWriter w, LayerSpec layer)
    {
        string n = Format.Int(layer.VectorLength), units = Format.Int(layer.Units);
        WriteCentres(w, layer);
        using (Positions.Open(w, layer))
        using (w.Block($"for (int unit = 0; unit < {units}; unit++)"))
        {
            w.Line($"ref float centre = ref {UnsafeTypeRef}.Add(ref centres, unit * {n});");
            w.Line("float distance = 0f;");
            using (w.Block($"for (int j = 0; j < {n}; j++)"))
            {
                w.Line($"float difference = {Positions.At(layer, Input, "j")} - {UnsafeTypeRef}.Add(ref centre, j);");
                w.Line("distance += difference * difference;");
            }
            w.Line($"{Positions.At(layer, Output, "unit")} = distance;");
        }
    }

    /// <summary>
    /// Each centre is read once and its sum over the positions added once, after every read: the
    /// accumulator may be the parameters themselves (a fused SGD step).
    /// </summary>
    private static void BackwardPerPosition(IndentedTextWriter w, LayerSpec layer, Pass pass, bool first)
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
                w.Line($"float twice = 2f * {Positions.At(layer, Delta, "unit")};");
                string term = pass == Pass.Gradient ? "twice * difference" : "twice";
                if (pass == Pass.Gradient)
                    w.Line($"float difference = {Positions.At(layer, Input, "j")} - centre;");
                if (!first) w.Line($"{Positions.At(layer, InputDelta, "j")} += {term};");
                w.Line($"sum += {term};");
            }
            if (layer.Trainable)
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Centres + unit * {n} + j) {(pass == Pass.Gradient ? "-=" : "+=")} sum;");
        }
    }

    private static void WriteCentres(IndentedTextWriter w, LayerSpec layer) =>
        w.Line(layer.Trainable
            ? $"ref float centres = ref {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Centres);"
            : $"ref float centres = ref {MemoryMarshalTypeRef}.GetReference({DigitCodesTypeRef}.All); // fixed 7x12 digit bitmaps");
}
