using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// A convolution with a connection table, one sample at a time: its forward pass and input deltas
/// run as the full connection, from its kernels spread onto the stack with zeros where the table
/// has no pair. Pair by pair, each input load feeds one output map; as the full connection, the
/// register tiles of several maps share it. The paper's C3 then does 96 pairs' multiply-adds for
/// its 60 in less time. Each map still adds its input maps in order, the missing ones adding zero.
/// </summary>
internal sealed partial class ConvolutionEmitter
{
    /// <summary>The stack copy of a table's kernels spread over the full connection.</summary>
    private const string SpreadKernels = "spreadKernels";

    /// <summary>
    /// Whether a layer's forward pass and input deltas run from its kernels spread over the full
    /// connection (<see cref="WriteSpreadKernels"/>): a layer with a connection table, on a vector
    /// path, whose full kernels fit the stack (<see cref="MaxShiftedFloats"/> floats).
    /// </summary>
    private static bool SpreadsTable(LayerSpec layer, int widest) =>
        layer.HasTable && widest > 1 && layer.Output.Channels * layer.Input.Channels * layer.Taps <= MaxShiftedFloats;

    /// <summary>The layer as the full connection, for the code that runs on its spread kernels.</summary>
    private static LayerSpec Unwired(LayerSpec layer) => layer with { Connections = EquatableArray<EquatableArray<int>>.Empty };

    /// <summary>The kernel of pair <c>pair</c>, as a ref-able expression: in the parameters, or among the spread kernels.</summary>
    private static string PairKernel(LayerSpec layer, bool spread) => spread
        ? $"{UnsafeTypeRef}.Add(ref {SpreadKernels}, pair * {Format.Int(layer.Taps)})"
        : $"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)})";

    /// <summary>Writes the table's kernels spread over the full connection, zeros elsewhere, as <c>ref float spreadKernels</c>.</summary>
    private static void WriteSpreadKernels(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        int maps = layer.Output.Channels, inputs = layer.Input.Channels, taps = layer.Taps;
        w.Line($"// The table's {Format.Int(layer.Pairs)} kernels spread over the full {Format.Int(maps)} x {Format.Int(inputs)} connection, zero where it has no pair: spreadKernels[map][inputMap][tap].");
        w.Line($"{SpanTypeRef}<float> spreadRows = stackalloc float[{Format.Int(maps * inputs * taps)}];");
        w.Line("spreadRows.Clear();");
        w.Line($"ref float {SpreadKernels} = ref {MemoryMarshalTypeRef}.GetReference(spreadRows);");
        using (w.Block($"for (int map = 0; map < {Format.Int(maps)}; map++)"))
        using (OpenPairLoop(w, layer))
        {
            w.Line($"ref float from = ref {PairKernel(layer, spread: false)};");
            w.Line($"ref float to = ref {UnsafeTypeRef}.Add(ref {SpreadKernels}, (map * {Format.Int(inputs)} + inputMap) * {Format.Int(taps)});");
            Ladder.ForEach(w, taps, widest, "i", (width, offset) => w.Line(Simd.Store(width, Simd.Load(width, "from", offset), "to", offset)));
        }
    }
}
