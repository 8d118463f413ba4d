using System.Linq;
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
/// The flat forward pass skips those zeros: for each block of maps and input map, a table says which
/// maps of the block the input map feeds, and only their multiply-adds are done. A skipped term
/// would have added exactly zero, so the sums are the same bit for bit.
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

    /// <summary>The local saying, per block of output maps and input map, which of <see cref="TableBlocks.Cases"/> runs.</summary>
    private const string BlockInputs = "blockInputs";

    /// <summary>Most member sets other than the whole block that get code of their own (<see cref="WriteTableBlocks"/>).</summary>
    private const int MaxMemberCases = 3;

    /// <summary>
    /// The member sets a table layer's flat forward pass writes code for: <see cref="Cases"/>[0] is the
    /// whole block; case c of <see cref="BlockInputs"/> (from 1) runs <see cref="Cases"/>[c - 1], 0 none.
    /// </summary>
    private sealed record TableBlocks(int[][] Cases, int Inputs);

    /// <summary>
    /// Writes, as <see cref="BlockInputs"/>, which maps of each block of <paramref name="block"/> output
    /// maps each input map feeds under <paramref name="table"/>'s connections. The whole block and the
    /// <see cref="MaxMemberCases"/> most frequent other sets get code of their own; a rarer set runs
    /// the whole block's code, whose extra maps add the spread kernels' zeros.
    /// </summary>
    private static TableBlocks WriteTableBlocks(IndentedTextWriter w, LayerSpec table, int block)
    {
        int inputs = table.Input.Channels, blocks = table.Output.Channels / block;
        int[] Members(int b, int inputMap) =>
            Enumerable.Range(0, block).Where(m => table.Connections[b * block + m].Contains(inputMap)).ToArray();
        var sets = Enumerable.Range(0, blocks)
            .SelectMany(b => Enumerable.Range(0, inputs).Select(inputMap => Members(b, inputMap)))
            .ToArray();
        // The sets other than none and the whole block, most frequent first.
        int[][] partial = sets.Where(set => set.Length > 0 && set.Length < block)
            .GroupBy(set => string.Join(",", set))
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, System.StringComparer.Ordinal)
            .Select(group => group.First())
            .ToArray();
        int[][] cases = [Enumerable.Range(0, block).ToArray(), .. partial.Take(MaxMemberCases)];
        bool rarer = partial.Length > MaxMemberCases;
        int CaseOf(int[] set) => set.Length == 0 ? 0 : 1 + System.Math.Max(0, System.Array.FindIndex(cases, c => c.SequenceEqual(set)));
        string Maps(int[] set) => string.Join(", ", set.Select(m => m == 0 ? "map" : $"map + {Format.Int(m)}"));
        w.Line($"// {BlockInputs}[{BlockInputsIndex(block, inputs)}]: the maps of the block from map that the table connects to inputMap: 0 none; "
            + string.Join("; ", cases.Select((set, c) => $"{Format.Int(c + 1)} {Maps(set)}"))
            + (rarer ? ". Rarer sets run the whole block, its other maps adding zeros." : "."));
        w.Line($"{ReadOnlySpanTypeRef}<byte> {BlockInputs} = new byte[] {{ {string.Join(", ", sets.Select(set => Format.Int(CaseOf(set))))} }};");
        return new TableBlocks(cases, inputs);
    }

    /// <summary>Writes the switch over <see cref="BlockInputs"/> for the block at <c>map</c> and <c>inputMap</c>, <paramref name="body"/> once per case.</summary>
    private static void WriteTableBlockSwitch(IndentedTextWriter w, TableBlocks blocks, int block, System.Action<int[]> body)
    {
        using (w.Block($"switch ({BlockInputs}[{BlockInputsIndex(block, blocks.Inputs)}])"))
            for (int c = 0; c < blocks.Cases.Length; c++)
                using (w.Block($"case {Format.Int(c + 1)}:"))
                {
                    body(blocks.Cases[c]);
                    w.Line("break;");
                }
    }

    /// <summary>The index into <see cref="BlockInputs"/> of the block at <c>map</c> and <c>inputMap</c>.</summary>
    private static string BlockInputsIndex(int block, int inputs) =>
        block == 1 ? $"map * {Format.Int(inputs)} + inputMap" : $"map / {Format.Int(block)} * {Format.Int(inputs)} + inputMap";
}
