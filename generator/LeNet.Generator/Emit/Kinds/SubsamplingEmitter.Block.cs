using System;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>The block passes of a pooling layer: its one-sample arithmetic on vectors of samples.</summary>
internal sealed partial class SubsamplingEmitter
{
    public int BlockWorkUnits(LayerSpec layer) => 0;


    /// <summary>Windows of up to this many cells are unrolled; larger ones are loops (the code stays small whatever the declaration).</summary>
    private const int UnrolledWindow = 16;

    /// <summary>
    /// Writes <paramref name="body"/> for every cell of the window, given the cell's offset from
    /// <c>window</c> in units: unrolled for small windows, two loops otherwise.
    /// </summary>
    private static void ForEachCell(IndentedTextWriter w, LayerSpec layer, Action<string> body)
    {
        if (layer.Size * layer.Size <= UnrolledWindow)
        {
            for (int wy = 0; wy < layer.Size; wy++)
                for (int wx = 0; wx < layer.Size; wx++)
                    body(Format.Int(wy * layer.Input.Width + wx));
            return;
        }
        using (w.Block($"for (int wy = 0; wy < {Format.Int(layer.Size)}; wy++)"))
        using (w.Block($"for (int wx = 0; wx < {Format.Int(layer.Size)}; wx++)"))
            body($"wy * {Format.Int(layer.Input.Width)} + wx");
    }

    private static IDisposable OpenWindows(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        Shape output = layer.Output;
        var maps = w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)");
        var rows = Index.Open(w, "row", output.Height);
        var columns = w.Block($"for (int column = 0; column < {Format.Int(output.Width)}; column++)");
        w.Line($"int at = (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)} + column;");
        w.Line($"{NativeIntTypeRef} start = ((map * {Format.Int(layer.Input.Height)} + row * {Format.Int(layer.Size)}) * {Format.Int(layer.Input.Width)} + column * {Format.Int(layer.Size)}) * {Format.Int(lanes.Count)};");
        w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, start);");
        return IndentedTextWriter.Together(maps, rows, columns);
    }

    /// <summary>Declares <c>pooled</c>: the window's mean or maximum, lane by lane.</summary>
    private static void WritePool(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        bool max = layer.Pooling == Pooling.Max;
        w.Line($"{lanes.Type} pooled = {(max ? lanes.Load("window", "0") : lanes.Zero)};");
        ForEachCell(w, layer, cell => w.Line(max
            ? $"pooled = {lanes.Api}.Max(pooled, {lanes.Load("window", cell)});"
            : $"pooled += {lanes.Load("window", cell)};"));
        if (!max) w.Line($"pooled *= {lanes.Splat(Format.Float(1f / (layer.Size * layer.Size)))};");
    }

    private static string Coefficient(LayerSpec layer) => $"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Coefficients + map)";

    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        using (OpenWindows(w, layer, lanes))
        {
            WritePool(w, layer, lanes);
            string value = layer.Trainable
                ? lanes.Fma(lanes.Splat(Coefficient(layer)), "pooled", lanes.Splat($"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map)"))
                : "pooled";
            w.Line(lanes.Store(ActivationText.Apply(layer.Activation, value), Output, "at"));
        }
    }

    public bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first) => false;

    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        if (!layer.Trainable && first) return;
        using (w.Block($"for (int map = 0; map < {Format.Int(layer.Output.Channels)}; map++)"))
        {
            if (layer.Trainable) w.Line($"{lanes.Type} coefficientSum = {lanes.Zero}, biasSum = {lanes.Zero};");
            using (Index.Open(w, "row", layer.Output.Height))
            using (w.Block($"for (int column = 0; column < {Format.Int(layer.Output.Width)}; column++)"))
            {
                w.Line($"int at = (map * {Format.Int(layer.Output.Height)} + row) * {Format.Int(layer.Output.Width)} + column;");
                w.Line($"{NativeIntTypeRef} start = ((map * {Format.Int(layer.Input.Height)} + row * {Format.Int(layer.Size)}) * {Format.Int(layer.Input.Width)} + column * {Format.Int(layer.Size)}) * {Format.Int(lanes.Count)};");
                w.Line($"ref float window = ref {UnsafeTypeRef}.Add(ref {Input}, start);");
                w.Line($"{lanes.Type} d = {lanes.Load(Delta, "at")};");
                if (layer.Trainable || layer.Pooling == Pooling.Max) WritePool(w, layer, lanes);
                if (layer.Trainable)
                {
                    w.Line($"coefficientSum = {lanes.Fma("d", "pooled", "coefficientSum")};");
                    w.Line("biasSum += d;");
                }
                if (!first) PoolInputDelta(w, layer, lanes);
            }
            if (layer.Trainable)
            {
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Coefficients + map) += {lanes.Sum("coefficientSum")};");
                w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += {lanes.Sum("biasSum")};");
            }
        }
    }

    private static void PoolInputDelta(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        w.Line($"ref float targets = ref {UnsafeTypeRef}.Add(ref {InputDelta}, start);");
        string scaled = layer.Trainable ? $"d * {lanes.Splat(Coefficient(layer))}" : "d";
        if (layer.Pooling == Pooling.Max)
        {
            w.Line("// The delta goes to each sample's largest input of the window (the first one, on ties).");
            w.Line($"{lanes.Type} spread = {scaled}, open = {lanes.Type}.AllBitsSet;");
            ForEachCell(w, layer, cell =>
            {
                using (w.Block(""))
                {
                    w.Line($"{lanes.Type} hit = {lanes.Api}.Equals({lanes.Load("window", cell)}, pooled) & open;");
                    w.Line($"open = {lanes.Api}.AndNot(open, hit);");
                    w.Line(lanes.Store("hit & spread", "targets", cell));
                }
            });
            return;
        }
        w.Line($"{lanes.Type} share = {scaled} * {lanes.Splat(Format.Float(1f / (layer.Size * layer.Size)))};");
        ForEachCell(w, layer, cell => w.Line(lanes.Store("share", "targets", cell)));
    }
}
