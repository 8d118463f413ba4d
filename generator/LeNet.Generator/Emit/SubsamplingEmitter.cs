using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Average or max pooling over non-overlapping windows, with the paper's optional trainable
/// coefficient and bias per map. Pooling is a few percent of the work, so the window loop is
/// written once in scalar code with the window fully unrolled; only the squashing pass is written
/// per vector width.
/// </summary>
internal sealed class SubsamplingEmitter : ILayerEmitter
{
    public bool Vectorised => false;

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
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
        FlavourChain.Write(w, layer.Activation != Activation.Identity, width => ActivationPass.Squash(w, layer, width));
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        Shape output = layer.Output;
        FlavourChain.Write(w, layer.Activation != Activation.Identity, width => ActivationPass.DeltaToWeightedSums(w, layer, width, pass));
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
        // d(mean)/dx = 1/window for every cell; squared in the curvature pass.
        string share = pass == Pass.Gradient ? Format.Float(1f / window) : Format.Float(1f / (window * window));
        w.Line($"float share = d{coefficient} * {share};");
        foreach (string cell in cells)
            w.Line($"{Simd.At("targets", cell)} = share;");
    }

    private static void WriteCoefficients(IndentedTextWriter w, LayerSpec layer)
    {
        if (!layer.Trainable) return;
        w.Line($"float coefficient = {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Coefficients + map);");
        w.Line($"float bias = {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map);");
    }

    /// <summary>Opens the row and column loops and points <c>window</c> at the window's first input.</summary>
    private static System.IDisposable OpenWindowLoops(IndentedTextWriter w, LayerSpec layer)
    {
        var rows = w.Block($"for (int row = 0; row < {Format.Int(layer.Output.Height)}; row++)");
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
