using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// The one-sample weight gradient with the output maps in the lanes. Along the positions, each of a
/// layer's taps ends in a horizontal sum, and with C3's 2,400 taps of 100 positions those sums cost
/// more than the multiply-adds. With one map per lane, every tap of an input map is a vector of the
/// maps' gradients, summed over the positions as the position's deltas (a vector) times the tap's
/// input unit (a broadcast): no sum crosses the lanes. The deltas are transposed in, and the sums
/// back to the weights' order, by <c>LeNet.Kernels.Lanes</c>. With a connection table every map's
/// lanes are summed and only the connected pairs' rows kept: the paper's C3 keeps 60 of 96, and
/// still takes fewer instructions than 60 x 25 horizontal sums.
/// </summary>
internal sealed partial class ConvolutionEmitter
{
    /// <summary>Accumulators a map-lanes tile keeps: 28 of AVX-512's 32 registers, <see cref="MaxAccumulators"/> of AVX2's 16.</summary>
    private static int MapLanesAccumulators(int widest) => widest == 16 ? 28 : MaxAccumulators;

    /// <summary>
    /// Whether the weight gradient runs with the output maps in the lanes
    /// (<see cref="WriteMapLanesWeightGradient"/>): on a vector path, when the maps fill whole vectors
    /// (with a connection table, the lanes of the maps an input map does not feed are computed and
    /// dropped: the paper's C3 uses 60 of 96), and the transposed deltas, an input map's sums and
    /// (for the curvature) the squared inputs fit the stack (<see cref="MaxShiftedFloats"/> floats each).
    /// </summary>
    private static bool MapLanesFit(LayerSpec layer, int widest) =>
        widest > 1 && layer.Output.Channels % widest == 0
        && layer.Output.Size <= MaxShiftedFloats && layer.Input.Size <= MaxShiftedFloats
        && layer.Taps * layer.Output.Channels <= MaxShiftedFloats;

    /// <summary>
    /// Writes the weight gradient with the output maps in the lanes: for each input map, the taps in
    /// tiles of as many as <see cref="MapLanesAccumulators"/> allows (all 25 of a 5x5 kernel with
    /// AVX-512), each tap one accumulator per vector of maps, walked over the output positions; then
    /// the input map's sums, transposed to one row of taps per map, are added into the accumulator.
    /// </summary>
    private static void WriteMapLanesWeightGradient(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, string product)
    {
        Shape input = layer.Input, output = layer.Output;
        int maps = output.Channels, taps = layer.Taps;
        w.Line($"// Weights, the {Format.Int(maps)} output maps in the lanes: each tap's gradient of every map is the sum over the {Format.Int(output.MapSize)} outputs of the deltas of the output (one map per lane) x the tap's {product} (broadcast), so no sum crosses the lanes.");
        w.Line($"// The deltas transposed, output after output: deltaLanes[p][map] = delta[map][p].");
        w.Line($"{SpanTypeRef}<float> deltaRows = stackalloc float[{Format.Int(output.Size)}];");
        w.Line($"ref float deltaLanes = ref {MemoryMarshalTypeRef}.GetReference(deltaRows);");
        w.Line($"{LanesTypeRef}.Transpose(ref {Delta}, {Format.Int(maps)}, {Format.Int(output.MapSize)}, ref deltaLanes);");
        string source = Input;
        if (pass == Pass.Curvature)
        {
            w.Line("// The input units squared, once.");
            w.Line($"{SpanTypeRef}<float> squareRows = stackalloc float[{Format.Int(input.Size)}];");
            w.Line($"ref float squares = ref {MemoryMarshalTypeRef}.GetReference(squareRows);");
            Ladder.ForEach(w, input.Size, widest, "i", (width, offset) =>
            {
                using (w.Block(""))
                {
                    w.Line($"{Simd.Type(width)} unit = {Simd.Load(width, Input, offset)};");
                    w.Line(Simd.Store(width, pass.Factor("unit"), "squares", offset));
                }
            });
            source = "squares";
        }
        w.Line($"// An input map's sums, tap after tap, tapSums[tap][map], and transposed, weightSums[map][tap].");
        w.Line($"{SpanTypeRef}<float> tapRows = stackalloc float[{Format.Int(taps * maps)}];");
        w.Line($"ref float tapSums = ref {MemoryMarshalTypeRef}.GetReference(tapRows);");
        w.Line($"{SpanTypeRef}<float> weightRows = stackalloc float[{Format.Int(taps * maps)}];");
        w.Line($"ref float weightSums = ref {MemoryMarshalTypeRef}.GetReference(weightRows);");
        using (Index.Open(w, "inputMap", input.Channels))
        {
            if (pass == Pass.Curvature)
                WriteMapLanesTapLoop(w, layer, widest, source);
            else
                WriteMapLanesTiles(w, layer, widest, source);
            w.Line(layer.HasTable
                ? "// The row of taps of each map this input map is connected to added into their kernel (the other maps' rows are dropped)."
                : "// Each map's row of taps added into its kernel for this input map.");
            w.Line($"{LanesTypeRef}.Transpose(ref tapSums, {Format.Int(taps)}, {Format.Int(maps)}, ref weightSums);");
            using (OpenConsumerLoop(w, layer))
            {
                w.Line($"ref float mapSums = ref {UnsafeTypeRef}.Add(ref weightSums, map * {Format.Int(taps)});");
                w.Line($"ref float weightSlots = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + pair * {Format.Int(taps)});");
                Ladder.ForEach(w, taps, widest, "i", (width, offset) =>
                    w.Line(Simd.Store(width, $"{Simd.Load(width, "weightSlots", offset)} + {Simd.Load(width, "mapSums", offset)}", "weightSlots", offset)));
            }
        }
    }

    /// <summary>
    /// An input map's tap sums in tiles of as many taps as <see cref="MapLanesAccumulators"/> allows,
    /// each tap one accumulator per vector of maps, every position's deltas loaded once for the tile.
    /// </summary>
    private static void WriteMapLanesTiles(IndentedTextWriter w, LayerSpec layer, int widest, string source)
    {
        Shape input = layer.Input, output = layer.Output;
        int maps = output.Channels, vectors = maps / widest, taps = layer.Taps;
        int perTile = System.Math.Max(1, MapLanesAccumulators(widest) / vectors);
        int tiles = (taps + perTile - 1) / perTile, tile = (taps + tiles - 1) / tiles;
        string type = Simd.Type(widest);
        for (int first = 0; first < taps; first += tile)
        {
            int last = System.Math.Min(taps, first + tile);
            using (w.Block(tiles == 1 ? $"// Every tap of the kernel at once: {Format.Int(taps * vectors)} accumulators." : $"// Taps {Format.Int(first)} to {Format.Int(last - 1)} (tap = ky x {Format.Int(layer.Kernel)} + kx): {Format.Int((last - first) * vectors)} accumulators."))
            {
                for (int t = first; t < last; t++)
                    for (int v = 0; v < vectors; v++)
                        w.Line($"{type} {MapLanesSum(t, v, vectors)} = {Simd.Zero(widest)};");
                WriteOutputWalk(w, layer, $"{source}, inputMap * {Format.Int(input.MapSize)}", () =>
                    {
                        for (int v = 0; v < vectors; v++)
                            w.Line($"{type} d{v} = {Simd.Load(widest, "lanes", Index.Add(Index.Mul("x", maps), v * widest))};");
                        w.Line($"ref float at = ref {UnsafeTypeRef}.Add(ref sourceRow, x);");
                        for (int t = first; t < last; t++)
                        {
                            string unit = Simd.Broadcast(widest, Simd.At("at", Format.Int(t / layer.Kernel * input.Width + t % layer.Kernel)));
                            if (vectors > 1)
                            {
                                w.Line($"{type} x{t} = {unit};");
                                unit = $"x{t}";
                            }
                            for (int v = 0; v < vectors; v++)
                                w.Line($"{MapLanesSum(t, v, vectors)} = {Simd.MulAdd(widest, $"d{v}", unit, MapLanesSum(t, v, vectors))};");
                        }
                    });
                for (int t = first; t < last; t++)
                    for (int v = 0; v < vectors; v++)
                        w.Line(Simd.Store(widest, MapLanesSum(t, v, vectors), "tapSums", Format.Int(t * maps + v * widest)));
            }
        }
    }

    /// <summary>
    /// The curvature pass's tap sums (it runs on a few hundred samples a training pass, so its code is
    /// kept small): one tap at a time in a loop, each tap's sum over the positions in the order of
    /// the gradient's tiles, so the arithmetic is theirs.
    /// </summary>
    private static void WriteMapLanesTapLoop(IndentedTextWriter w, LayerSpec layer, int widest, string source)
    {
        Shape input = layer.Input, output = layer.Output;
        int maps = output.Channels, vectors = maps / widest, kernel = layer.Kernel;
        string type = Simd.Type(widest);
        using (w.Block($"for (int tap = 0; tap < {Format.Int(layer.Taps)}; tap++)"))
        {
            for (int v = 0; v < vectors; v++)
                w.Line($"{type} sum{Format.Int(v)} = {Simd.Zero(widest)};");
            WriteOutputWalk(w, layer, $"{source}, inputMap * {Format.Int(input.MapSize)} + tap / {Format.Int(kernel)} * {Format.Int(input.Width)} + tap % {Format.Int(kernel)}", () =>
            {
                w.Line($"{type} unit = {Simd.Broadcast(widest, Simd.At("sourceRow", "x"))};");
                for (int v = 0; v < vectors; v++)
                    w.Line($"sum{Format.Int(v)} = {Simd.MulAdd(widest, Simd.Load(widest, "lanes", Index.Add(Index.Mul("x", maps), v * widest)), "unit", $"sum{Format.Int(v)}")};");
            });
            for (int v = 0; v < vectors; v++)
                w.Line(Simd.Store(widest, $"sum{Format.Int(v)}", "tapSums", Index.Add(Index.Mul("tap", maps), v * widest)));
        }
    }

    /// <summary>
    /// Walks the output positions row by row: <c>lanes</c> at the row's transposed deltas,
    /// <c>sourceRow</c> at <paramref name="start"/> (a reference and an offset) and one input row on
    /// per output row, and <paramref name="body"/> written for each column <c>x</c>.
    /// </summary>
    private static void WriteOutputWalk(IndentedTextWriter w, LayerSpec layer, string start, System.Action body)
    {
        Shape input = layer.Input, output = layer.Output;
        w.Line("ref float lanes = ref deltaLanes;");
        w.Line($"ref float sourceRow = ref {UnsafeTypeRef}.Add(ref {start});");
        using (Index.Repeat(w, "y", output.Height))
        {
            using (w.Block($"for (int x = 0; x < {Format.Int(output.Width)}; x++)"))
                body();
            w.Line($"lanes = ref {UnsafeTypeRef}.Add(ref lanes, {Format.Int(output.Width * output.Channels)});");
            w.Line($"sourceRow = ref {UnsafeTypeRef}.Add(ref sourceRow, {Format.Int(input.Width)});");
        }
    }

    /// <summary>The accumulator of tap <paramref name="tap"/>, maps vector <paramref name="vector"/>.</summary>
    private static string MapLanesSum(int tap, int vector, int vectors) => vectors == 1 ? $"tap{tap}" : $"tap{tap}x{vector}";
}
