using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Convolutions with a spatial output (the ones with a 1x1 output are dense layers). On the vector
/// paths the forward pass and the weight gradient run along each output map flattened
/// (<see cref="WriteFlatForward"/>, <see cref="WriteFlatWeightGradient"/>,
/// <see cref="WriteStreamedWeightGradient"/>), so short rows do not leave lanes empty, or, where the
/// output maps fill whole vectors, the weight gradient holds one map per lane
/// (<see cref="WriteMapLanesWeightGradient"/>); otherwise,
/// and for the input deltas, vectors run along a row: each row is split into
/// <see cref="Simd.Segments"/> that stay in registers while every (input map, ky, kx) tap adds a
/// broadcast weight times a shifted input row, so each weight is loaded once per row and nothing is
/// stored until the row is finished and squashed.
/// </summary>
internal sealed partial class ConvolutionEmitter : ILayerEmitter
{
    public bool Vectorised(LayerSpec layer) => true;

    /// <summary>Name of the static table listing, per connected (output, input) pair, the input map.</summary>
    public static string SourcesTable(LayerSpec layer) => GeneratedNames.SourcesTable(layer.Label);
    /// <summary>Name of the static table giving each output map's first pair (length maps + 1).</summary>
    public static string FirstPairTable(LayerSpec layer) => GeneratedNames.FirstPairTable(layer.Label);
    /// <summary>Name of the static table listing the pairs grouped by input map.</summary>
    public static string ConsumersTable(LayerSpec layer) => GeneratedNames.ConsumersTable(layer.Label);
    /// <summary>Name of the static table giving each input map's first entry in the consumers table.</summary>
    public static string FirstConsumerTable(LayerSpec layer) => GeneratedNames.FirstConsumerTable(layer.Label);
    /// <summary>Name of the static table giving each pair's output map.</summary>
    public static string OwnerTable(LayerSpec layer) => GeneratedNames.OwnerTable(layer.Label);

    /// <summary>At most this many row accumulators live at once (16 vector registers on AVX2, some kept for loads and weights).</summary>
    private const int MaxAccumulators = 12;

    /// <summary>
    /// The widest run of a row kept in registers: a wider row (a replicated network's strip) is
    /// computed in tiles of this many columns in a loop, so the generated code does not grow with the width.
    /// </summary>
    public const int MaxRow = 64;

    /// <summary>
    /// Columns of one tile of a row wider than <see cref="MaxRow"/> on a path whose widest vector holds
    /// <paramref name="widest"/> floats: four vectors (64 columns on the Vector512 path, 32 on the
    /// Vector256 path, 4 scalars without vectors), so no path keeps more accumulators than it has
    /// registers, and the method stays small enough for the JIT to optimise.
    /// </summary>
    private static int RowTile(int widest) => System.Math.Min(MaxRow, 4 * widest);

    /// <summary>The columns of a row <paramref name="width"/> wide kept in registers at once: the whole row when it fits <see cref="MaxRow"/>, else one tile.</summary>
    private static int RowRun(int width, int widest) => width <= MaxRow ? width : RowTile(widest);

    /// <summary>
    /// The row tiles of a row <paramref name="width"/> wide: the whole row when it fits
    /// <see cref="MaxRow"/> (<c>Loop</c> 0, no tile variable), else <c>Loop</c> columns in tiles of
    /// <see cref="RowTile"/> in a loop and, when they leave a rest, one more tile of <c>Columns</c> columns
    /// at <c>Last</c>: the fewest whole vectors that end at the row's end, overlapping the tile before
    /// (for results that are only stored).
    /// </summary>
    private static (int Loop, int Last, int Columns) Tiles(int width, int widest)
    {
        if (width <= MaxRow) return (0, 0, 0);
        int tile = RowTile(widest), loop = width / tile * tile;
        if (loop == width) return (loop, -1, 0);
        // A tile is whole vectors, so the rest rounded up to whole vectors is at most a tile.
        int rest = (width - loop + widest - 1) / widest * widest;
        return (loop, width - rest, rest);
    }

    /// <summary>
    /// Writes <paramref name="body"/>(column, tile width) for every tile of a row <paramref name="width"/>
    /// wide (<see cref="Tiles"/>): column is "" for a whole row, else the tile's first column.
    /// </summary>
    private static void ForEachTile(IndentedTextWriter w, int width, int widest, System.Action<string, int> body)
    {
        (int loop, int last, int rest) = Tiles(width, widest);
        if (loop == 0)
        {
            body("", width);
            return;
        }
        int tile = RowTile(widest);
        using (w.Block($"for (int column = 0; column < {Format.Int(loop)}; column += {Format.Int(tile)})"))
            body(" + column", tile);
        if (last >= 0)
            using (w.Block($"// The last {Format.Int(rest)} columns, overlapping the tile before."))
                body($" + {Format.Int(last)}", rest);
    }

    /// <summary>
    /// The vectors of a tile <paramref name="width"/> columns wide: <paramref name="row"/>'s, the ones of a whole
    /// row or of a full tile, unless it is a narrower last tile (<see cref="Tiles"/>).
    /// </summary>
    private static List<(int Offset, int Width)> TileVectors(List<(int Offset, int Width)> row, string column, int width, int widest) =>
        column.Length == 0 || width == RowTile(widest) ? row : Simd.Covering(width, widest);

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        bool spread = SpreadsTable(layer, widest);
        LayerSpec wired = layer;
        if (spread)
        {
            WriteSpreadKernels(w, layer, widest);
            layer = Unwired(layer);
        }
        if (FlatFits(layer, widest))
        {
            WriteFlatForward(w, layer, widest, spread ? wired : null);
            return;
        }
        Shape input = layer.Input, output = layer.Output;
        // Outputs are only stored, so the last vector may overlap its neighbour rather than end in scalars.
        List<(int Offset, int Width)> segments = Simd.Covering(RowRun(output.Width, widest), widest);
        int block = MapBlock(layer, segments.Count, widest);
        int chains = Chains(block * segments.Count);
        using (Index.Open(w, "map", output.Channels, block))
        {
            for (int m = 0; m < block; m++)
                w.Line($"float bias{m} = {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map{Plus(m)});");
            using (Index.Open(w, "row", output.Height))
            ForEachTile(w, output.Width, widest, (column, width) =>
            {
                List<(int Offset, int Width)> vectors = TileVectors(segments, column, width, widest);
                string what = column.Length == 0 ? $"The row's {Format.Int(output.Width)} outputs" : $"The tile's {Format.Int(width)} outputs";
                w.Line(block == 1
                    ? $"// {what}, held in registers: {Describe(vectors)}."
                    : column.Length == 0
                        ? $"// The same row of {Format.Int(block)} maps, held in registers ({Describe(vectors)} each): every input load feeds {Format.Int(block)} independent FMA chains."
                        : $"// The same {Format.Int(width)} columns of {Format.Int(block)} maps, held in registers ({Describe(vectors)} each): every input load feeds {Format.Int(block)} independent FMA chains.");
                DescribeChains(w, chains);
                for (int c = 0; c < chains; c++)
                    for (int m = 0; m < block; m++)
                        for (int s = 0; s < vectors.Count; s++)
                            w.Line($"{Simd.Type(vectors[s].Width)} {Sum(m, s, c)} = {(c == 0 ? Simd.Broadcast(vectors[s].Width, $"bias{m}") : Simd.Zero(vectors[s].Width))};");
                using (OpenPairLoop(w, layer))
                {
                    w.Line($"ref float weights = ref {PairKernel(layer, spread)};");
                    w.Line($"ref float source = ref {UnsafeTypeRef}.Add(ref {Input}, (inputMap * {Format.Int(input.Height)} + row) * {Format.Int(input.Width)}{column});");
                    int mapStride = input.Channels * layer.Taps; // weights of map + 1 for the same input map
                    for (int ky = 0; ky < layer.Kernel; ky++)
                        for (int kx = 0; kx < layer.Kernel; kx++)
                        {
                            int tap = ky * layer.Kernel + kx;
                            var rows = vectors.Select((segment, s) => Simd.Load(segment.Width, "source", Format.Int(ky * input.Width + kx + segment.Offset))).ToList();
                            WriteTap(w, tap, Blocked(block), block, vectors, chains, [rows], $"x{tap}", m => Simd.At("weights", Format.Int(m * mapStride + tap)));
                        }
                }
                for (int m = 0; m < block; m++)
                {
                    w.Line($"ref float target{m} = ref {UnsafeTypeRef}.Add(ref {Output}, ((map{Plus(m)}) * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)}{column});");
                    for (int s = 0; s < vectors.Count; s++)
                        w.Line(Simd.Store(vectors[s].Width, ActivationText.Apply(layer.Activation, JoinChains(m, s, chains)), $"target{m}", Format.Int(vectors[s].Offset)));
                }
            });
        }
    }

    /// <summary>The most floats of shifted input rows a flat kernel copies onto the stack (32 KB).</summary>
    private const int MaxShiftedFloats = 8192;

    /// <summary>Vectors of one flat tile: 7 on the Vector512 path (32 registers), 4 on the Vector256 path (16 registers).</summary>
    private static int FlatTileVectors(int widest) => widest == 16 ? 7 : 4;

    /// <summary>Accumulators a flat kernel may keep: half the register file on AVX-512, <see cref="MaxAccumulators"/> on AVX2.</summary>
    private static int FlatAccumulators(int widest) => widest == 16 ? 16 : MaxAccumulators;

    /// <summary>Floats of the kx-shifted input rows of a flat kernel: kernel x input maps x input rows x output columns.</summary>
    private static int ShiftedFloats(LayerSpec layer) => layer.Kernel * layer.Input.Channels * layer.Input.Height * layer.Output.Width;

    /// <summary>Whether the forward pass runs flat (<see cref="WriteFlatForward"/>): on a vector path, with the shifted rows small enough for the stack.</summary>
    private static bool FlatFits(LayerSpec layer, int widest) => widest > 1 && ShiftedFloats(layer) <= MaxShiftedFloats;

    /// <summary>
    /// The forward pass over each output map flattened (row after row), so vectors fill with
    /// outputs across row ends instead of stopping at a short row (a 10x10 map is 6 Vector512 and a
    /// Vector128, not 10 rows of a Vector256 and a Vector128). Output position p = y * width + x
    /// reads input (y + ky, x + kx), which is not a constant shift of p when the input rows are
    /// longer than the output rows; so the input rows are first copied K times, copy kx shifted
    /// left by kx and cut to the output width: then tap (ky, kx) of the whole flat map is one
    /// constant offset, kx * (copy size) + ky * width. The copies live on the stack (at most
    /// <see cref="MaxShiftedFloats"/> floats). A map wider than one tile of
    /// <see cref="FlatTileVectors"/> vectors is computed a tile at a time, in a loop.
    /// </summary>
    private static void WriteFlatForward(IndentedTextWriter w, LayerSpec layer, int widest, LayerSpec? table)
    {
        bool spread = table is not null;
        Shape input = layer.Input, output = layer.Output;
        int flat = output.MapSize, copySize = input.Height * output.Width, kernel = layer.Kernel;
        int tile = FlatTileVectors(widest) * widest;
        int loop = flat > tile ? flat / tile * tile : 0;
        List<(int Offset, int Width)> whole = Simd.Covering(loop > 0 ? tile : flat, widest);
        List<(int Offset, int Width)> rest = loop > 0 && flat > loop ? Simd.Covering(flat - loop, widest) : [];
        int block = layer.HasTable ? 1 : Block(output.Channels, whole.Count, FlatAccumulators(widest));

        WriteShiftedRows(w, layer, widest);
        TableBlocks? blocks = table is null ? null : WriteTableBlocks(w, table, block);

        using (Index.Open(w, "map", output.Channels, block))
        {
            for (int m = 0; m < block; m++)
                w.Line($"float bias{m} = {UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + map{Plus(m)});");
            void Tile(List<(int Offset, int Width)> segments, string start, string what)
            {
                int chains = Chains(block * segments.Count);
                w.Line(block == 1
                    ? $"// {what}, held in registers: {Describe(segments)}."
                    : $"// {what}, of each of {Format.Int(block)} maps, held in registers ({Describe(segments)} each): every input load feeds {Format.Int(block)} independent FMA chains.");
                DescribeChains(w, chains);
                for (int c = 0; c < chains; c++)
                    for (int m = 0; m < block; m++)
                        for (int s = 0; s < segments.Count; s++)
                            w.Line($"{Simd.Type(segments[s].Width)} {Sum(m, s, c)} = {(c == 0 ? Simd.Broadcast(segments[s].Width, $"bias{m}") : Simd.Zero(segments[s].Width))};");
                using (OpenPairLoop(w, layer))
                {
                    w.Line($"ref float weights = ref {PairKernel(layer, spread)};");
                    w.Line($"ref float source = ref {UnsafeTypeRef}.Add(ref shifted, inputMap * {Format.Int(copySize)}{start});");
                    int mapStride = input.Channels * layer.Taps; // weights of map + 1 for the same input map
                    // A loop over the kernel rows, each row's taps unrolled: the method stays small enough for the JIT to optimise.
                    void Taps(int[] members)
                    {
                        using (w.Block($"for (int ky = 0; ky < {Format.Int(kernel)}; ky++)"))
                        {
                            w.Line($"ref float kernelRow = ref {UnsafeTypeRef}.Add(ref weights, ky * {Format.Int(kernel)});");
                            w.Line($"ref float sourceRow = ref {UnsafeTypeRef}.Add(ref source, ky * {Format.Int(output.Width)});");
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int shift = kx * input.Channels * copySize;
                                var rows = segments.Select(segment => Simd.Load(segment.Width, "sourceRow", Format.Int(shift + segment.Offset))).ToList();
                                WriteTap(w, kx, members, block, segments, chains, [rows], $"x{kx}", m => Simd.At("kernelRow", Format.Int(m * mapStride + kx)));
                            }
                        }
                    }
                    if (blocks is null)
                        Taps(Blocked(block));
                    else
                        WriteTableBlockSwitch(w, blocks, block, Taps);
                }
                for (int m = 0; m < block; m++)
                {
                    w.Line($"ref float target{m} = ref {UnsafeTypeRef}.Add(ref {Output}, (map{Plus(m)}) * {Format.Int(flat)}{start});");
                    for (int s = 0; s < segments.Count; s++)
                        w.Line(Simd.Store(segments[s].Width, ActivationText.Apply(layer.Activation, JoinChains(m, s, chains)), $"target{m}", Format.Int(segments[s].Offset)));
                }
            }
            if (loop == 0)
                Tile(whole, "", $"The {Format.Int(flat)} outputs of the map");
            else
            {
                using (w.Block($"for (int start = 0; start < {Format.Int(loop)}; start += {Format.Int(tile)})"))
                    Tile(whole, " + start", $"Outputs start to start + {Format.Int(tile - 1)}");
                if (rest.Count > 0)
                    using (w.Block($"// The last {Format.Int(flat - loop)} outputs."))
                        Tile(rest, $" + {Format.Int(loop)}", $"The last {Format.Int(flat - loop)} outputs");
            }
        }
    }

    /// <summary>
    /// Copies the input rows <c>K</c> times onto the stack, copy kx shifted left by kx and cut to the
    /// output width, as <c>ref float shifted</c>: output position p = y * width + x of a flat map
    /// then reads tap (ky, kx) at shifted[kx][inputMap][p + ky * width], one constant offset for every p.
    /// </summary>
    private static void WriteShiftedRows(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        Shape input = layer.Input, output = layer.Output;
        int copySize = input.Height * output.Width, kernel = layer.Kernel;
        w.Line($"// Input rows copied {Format.Int(kernel)} times, copy kx shifted left by kx and cut to {Format.Int(output.Width)} columns: shifted[kx][inputMap][row][x] = input[inputMap][row][x + kx].");
        w.Line($"// Output p = y * {Format.Int(output.Width)} + x of a map then reads tap (ky, kx) at shifted[kx][inputMap][p + ky * {Format.Int(output.Width)}], one constant offset for every p.");
        w.Line($"{SpanTypeRef}<float> shiftedRows = stackalloc float[{Format.Int(ShiftedFloats(layer))}];");
        w.Line($"ref float shifted = ref {MemoryMarshalTypeRef}.GetReference(shiftedRows);");
        List<(int Offset, int Width)> row = Simd.Covering(output.Width, widest);
        using (w.Block($"for (int kx = 0; kx < {Format.Int(kernel)}; kx++)"))
        using (Index.Open(w, "inputMap", input.Channels))
        {
            w.Line($"ref float from = ref {UnsafeTypeRef}.Add(ref {Input}, inputMap * {Format.Int(input.MapSize)} + kx);");
            w.Line($"ref float to = ref {UnsafeTypeRef}.Add(ref shifted, (kx * {Format.Int(input.Channels)} + inputMap) * {Format.Int(copySize)});");
            using (Index.Repeat(w, "row", input.Height))
            {
                foreach ((int offset, int width) in row)
                    w.Line(Simd.Store(width, Simd.Load(width, "from", Format.Int(offset)), "to", Format.Int(offset)));
                w.Line($"from = ref {UnsafeTypeRef}.Add(ref from, {Format.Int(input.Width)});");
                w.Line($"to = ref {UnsafeTypeRef}.Add(ref to, {Format.Int(output.Width)});");
            }
        }
    }

    /// <summary>
    /// How many output maps one pass computes together: the largest of 4, 2, 1 that divides the map
    /// count and keeps the accumulators within <see cref="RowAccumulators"/>. Maps wired by a
    /// connection table read different inputs, so they go one at a time.
    /// </summary>
    private static int MapBlock(LayerSpec layer, int segments, int widest) =>
        layer.HasTable ? 1 : Block(layer.Output.Channels, segments, RowAccumulators(widest));

    /// <summary>
    /// Accumulators a row kernel's maps may keep: half the register file on AVX-512, so that a row of four
    /// vectors (a replicated network's tile) is done four maps at a time and each input load feeds four FMAs,
    /// not two (loads that cross a cache line take two of the load ports' slots); <see cref="MaxAccumulators"/> on AVX2.
    /// </summary>
    private static int RowAccumulators(int widest) => widest == 16 ? 16 : MaxAccumulators;

    /// <summary>The largest of 4, 2, 1 that divides <paramref name="maps"/> and keeps the accumulators within <paramref name="accumulators"/>.</summary>
    private static int Block(int maps, int segments, int accumulators = MaxAccumulators) => LargestBlock([4, 2], maps, segments, accumulators);

    /// <summary>
    /// How many input maps one input-delta pass gathers together: the largest of 6, 4, 3, 2, 1 that
    /// divides <paramref name="maps"/> and keeps the accumulators within <see cref="MaxAccumulators"/>.
    /// Every padded-delta load then feeds that many FMA chains, and the per-row work (the kernel-row
    /// tests, the pair loop) is shared by as many maps (lenet5-classic's C3: 6 maps of two vectors,
    /// about 10% faster than 2).
    /// </summary>
    private static int InputMapBlock(int maps, int segments) => LargestBlock([6, 4, 3, 2], maps, segments, MaxAccumulators);

    /// <summary>The first of <paramref name="sizes"/> (largest first) that divides <paramref name="maps"/> with <paramref name="segments"/> accumulators each within <paramref name="accumulators"/>; else 1.</summary>
    private static int LargestBlock(int[] sizes, int maps, int segments, int accumulators)
    {
        foreach (int block in sizes)
            if (maps % block == 0 && block * segments <= accumulators)
                return block;
        return 1;
    }

    /// <summary>
    /// How many interleaved accumulator sets a kernel with <paramref name="accumulators"/> row
    /// accumulators keeps: consecutive taps go to different sets, so at least eight FMAs are in
    /// flight (two FMA units x four cycles of latency) instead of every tap waiting on the last.
    /// </summary>
    private static int Chains(int accumulators)
    {
        int chains = 1;
        while (chains < 4 && accumulators * chains < MinInFlight && accumulators * (chains + 1) <= MaxAccumulators) chains++;
        return chains;
    }

    /// <summary>FMAs that must be independent to keep two FMA units of four-cycle latency busy.</summary>
    private const int MinInFlight = 8;

    private static void DescribeChains(IndentedTextWriter w, int chains)
    {
        if (chains > 1)
            w.Line($"// Taps alternate between {Format.Int(chains)} sets of accumulators so consecutive FMAs do not wait on each other.");
    }

    private static string Sum(int map, int segment, int chain = 0) => chain == 0 ? $"sum{map}x{segment}" : $"sum{map}x{segment}c{chain}";

    /// <summary>The accumulator sets of one (map, segment) added together.</summary>
    private static string JoinChains(int map, int segment, int chains) => chains switch
    {
        1 => Sum(map, segment),
        2 => $"{Sum(map, segment)} + {Sum(map, segment, 1)}",
        3 => $"{Sum(map, segment)} + {Sum(map, segment, 1)} + {Sum(map, segment, 2)}",
        _ => $"({Sum(map, segment)} + {Sum(map, segment, 1)}) + ({Sum(map, segment, 2)} + {Sum(map, segment, 3)})",
    };

    /// <summary>Every map of a block of <paramref name="block"/>: 0 to block - 1.</summary>
    private static int[] Blocked(int block) => Enumerable.Range(0, block).ToArray();

    private static string Plus(int m) => m == 0 ? "" : $" + {Format.Int(m)}";

    /// <summary>
    /// One tap of a row kernel for the maps <paramref name="members"/> of a block of
    /// <paramref name="block"/>, over one or more rows (<paramref name="rows"/>[r], one load per
    /// segment): each row segment is loaded once (and named <paramref name="prefix"/>s0.., or
    /// <paramref name="prefix"/>r0s0.. for several rows, when several FMAs share it), then per map the
    /// weight is broadcast once at the widest width, narrower segments taking its lower lanes, and
    /// added into the tap's accumulator set of every row (map r * block + m for row r). Loads first,
    /// then one broadcast at a time, so the live registers are the accumulators plus the segments plus
    /// one weight.
    /// </summary>
    private static void WriteTap(IndentedTextWriter w, int tap, int[] members, int block, List<(int Offset, int Width)> segments, int chains,
        List<string>[] rows, string prefix, System.Func<int, string> weight)
    {
        if (members.Length > 1 || rows.Length > 1)
            for (int r = 0; r < rows.Length; r++)
                for (int s = 0; s < segments.Count; s++)
                {
                    string name = rows.Length == 1 ? $"{prefix}s{s}" : $"{prefix}r{r}s{s}";
                    w.Line($"{Simd.Type(segments[s].Width)} {name} = {rows[r][s]};");
                    rows[r][s] = name;
                }
        int widest = segments.Max(segment => segment.Width);
        foreach (int m in members)
        {
            string broadcast = $"w{tap}m{m}";
            w.Line($"{Simd.Type(widest)} {broadcast} = {Simd.Broadcast(widest, weight(m))};");
            for (int r = 0; r < rows.Length; r++)
                for (int s = 0; s < segments.Count; s++)
                {
                    string sum = Sum(r * block + m, s, tap % chains);
                    w.Line($"{sum} = {Simd.MulAdd(segments[s].Width, rows[r][s], Simd.Lower(broadcast, widest, segments[s].Width), sum)};");
                }
        }
    }

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first)
    {
        Shape input = layer.Input, output = layer.Output;
        // Rows are covered by whole vectors; where the last one overlaps its neighbour, its delta is
        // loaded with the repeated lanes zeroed, so they add nothing to sums or to input deltas. A row
        // wider than MaxRow is summed in tiles of RowTile columns in a loop, then the rest.
        (int loop, _, _) = Tiles(output.Width, widest);
        List<(int Offset, int Width)> tile = loop > 0 ? Simd.Covering(RowTile(widest), widest) : [];
        List<(int Offset, int Width)> segments = Simd.Covering(output.Width - loop, widest);
        ActivationPass.DeltaToWeightedSums(w, layer, widest, pass);

        w.Line("// Biases: the sum of each map's deltas.");
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            w.Line($"ref float mapDelta = ref {UnsafeTypeRef}.Add(ref {Delta}, map * {Format.Int(output.MapSize)});");
            Ladder.Sum(w, output.MapSize, widest, "total", "i", (width, offset, acc) => $"{acc} += {Simd.Load(width, "mapDelta", offset)};");
            w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map) += total;");
        }

        // Input deltas before weight gradients: every weight is read before anything is added into the
        // accumulator, so the accumulator may be the parameter buffer itself (a fused SGD step).
        if (!first) WriteInputDelta(w, layer, widest, pass);

        string product = pass == Pass.Gradient ? "input unit" : "squared input unit";
        if (MapLanesFit(layer, widest))
        {
            WriteMapLanesWeightGradient(w, layer, widest, pass, product);
            return;
        }
        if (FlatGradientFits(layer, widest))
        {
            WriteFlatWeightGradient(w, layer, widest, pass, product);
            return;
        }
        if (FlatFits(layer, widest) && layer.Kernel <= MaxAccumulators - 2)
        {
            WriteStreamedWeightGradient(w, layer, widest, pass, product);
            return;
        }
        w.Line($"// Weights: each tap's sum over the output positions of delta x {product}, one accumulator per kx.");
        var widths = tile.Concat(segments).Select(s => s.Width).Distinct().ToList();
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        using (OpenPairLoop(w, layer))
        using (w.Block($"for (int ky = 0; ky < {Format.Int(layer.Kernel)}; ky++)"))
        {
            for (int kx = 0; kx < layer.Kernel; kx++)
                foreach (int width in widths)
                    w.Line($"{Simd.Type(width)} tap{kx}x{Simd.Suffix(width)} = {Simd.Zero(width)};");
            // The row references advance by one row per iteration instead of being recomputed from indices.
            w.Line($"ref float rowDelta = ref {UnsafeTypeRef}.Add(ref {Delta}, map * {Format.Int(output.MapSize)});");
            w.Line($"ref float source = ref {UnsafeTypeRef}.Add(ref {Input}, (inputMap * {Format.Int(input.Height)} + ky) * {Format.Int(input.Width)});");
            // The taps of a run of row segments from column start + offset (start "" or "column + ").
            void Taps(List<(int Offset, int Width)> pieces, string start)
            {
                for (int s = 0; s < pieces.Count; s++)
                {
                    (int offset, int width) = pieces[s];
                    w.Line($"{Simd.Type(width)} d{s} = {RowDelta(pieces, s, start)};");
                    for (int kx = 0; kx < layer.Kernel; kx++)
                    {
                        string acc = $"tap{kx}x{Simd.Suffix(width)}", x = Simd.Load(width, "source", start + Format.Int(offset + kx));
                        if (pass == Pass.Curvature)
                        {
                            w.Line($"{Simd.Type(width)} x{s}k{kx} = {x};");
                            x = pass.Factor($"x{s}k{kx}");
                        }
                        w.Line($"{acc} = {Simd.MulAdd(width, $"d{s}", x, acc)};");
                    }
                }
            }
            using (Index.Repeat(w, "row", output.Height))
            {
                if (loop == 0)
                    Taps(segments, "");
                else
                {
                    using (w.Block($"for (int column = 0; column < {Format.Int(loop)}; column += {Format.Int(RowTile(widest))})"))
                        Taps(tile, "column + ");
                    if (segments.Count > 0)
                        using (w.Block($"// The last {Format.Int(output.Width - loop)} columns."))
                            Taps(segments, $"{Format.Int(loop)} + ");
                }
                w.Line($"rowDelta = ref {UnsafeTypeRef}.Add(ref rowDelta, {Format.Int(output.Width)});");
                w.Line($"source = ref {UnsafeTypeRef}.Add(ref source, {Format.Int(input.Width)});");
            }
            w.Line($"ref float weightSlot = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)} + ky * {Format.Int(layer.Kernel)});");
            w.Line("// One horizontal sum per tap: the wider accumulator is first folded onto the narrower.");
            for (int kx = 0; kx < layer.Kernel; kx++)
                w.Line($"{Simd.At("weightSlot", Format.Int(kx))} += {Simd.FoldedSum(widths.Select(width => (width, $"tap{kx}x{Simd.Suffix(width)}")).ToList())};");
        }

    }

    /// <summary>Whether the weight gradient runs flat (<see cref="WriteFlatWeightGradient"/>): as <see cref="FlatFits"/>, with a whole map's deltas in one tile of registers.</summary>
    private static bool FlatGradientFits(LayerSpec layer, int widest) =>
        FlatFits(layer, widest) && layer.Output.MapSize <= FlatTileVectors(widest) * widest;

    /// <summary>
    /// The weight gradient over each output map flattened, from the same kx-shifted input rows as
    /// <see cref="WriteFlatForward"/>: a map's deltas stay in registers while each tap (input map,
    /// ky, kx) is one dot product of them with the shifted rows at a constant offset, summed
    /// across lanes once.
    /// </summary>
    private static void WriteFlatWeightGradient(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, string product)
    {
        Shape input = layer.Input, output = layer.Output;
        int flat = output.MapSize, copySize = input.Height * output.Width, kernel = layer.Kernel;
        List<(int Offset, int Width)> segments = Simd.Covering(flat, widest);
        var widths = segments.Select(segment => segment.Width).Distinct().ToList();
        w.Line($"// Weights: each tap's sum over the {Format.Int(flat)} outputs of a map of delta x {product}, the map flattened.");
        WriteShiftedRows(w, layer, widest);
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            w.Line($"ref float mapDelta = ref {UnsafeTypeRef}.Add(ref {Delta}, map * {Format.Int(flat)});");
            w.Line($"// The map's deltas, held in registers: {Describe(segments)}{(segments.Count > 1 && Simd.Overlap(segments, segments.Count - 1) > 0 ? "; the lanes the last one repeats are zeroed" : "")}.");
            for (int s = 0; s < segments.Count; s++)
            {
                (int offset, int width) = segments[s];
                int overlap = Simd.Overlap(segments, s);
                string load = Simd.Load(width, "mapDelta", Format.Int(offset));
                w.Line($"{Simd.Type(width)} d{s} = {(overlap == 0 ? load : $"{load} * {Simd.Mask(width, overlap)}")};");
            }
            using (OpenPairLoop(w, layer))
            {
                w.Line($"ref float source = ref {UnsafeTypeRef}.Add(ref shifted, inputMap * {Format.Int(copySize)});");
                w.Line($"ref float weightSlots = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + pair * {Format.Int(layer.Taps)});");
                using (w.Block($"for (int ky = 0; ky < {Format.Int(kernel)}; ky++)"))
                {
                    w.Line($"ref float sourceRow = ref {UnsafeTypeRef}.Add(ref source, ky * {Format.Int(output.Width)});");
                    w.Line($"ref float slotRow = ref {UnsafeTypeRef}.Add(ref weightSlots, ky * {Format.Int(kernel)});");
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        int shift = kx * input.Channels * copySize;
                        using (w.Block($"// Tap (ky, {Format.Int(kx)})."))
                        {
                            var started = new HashSet<int>();
                            for (int s = 0; s < segments.Count; s++)
                            {
                                (int offset, int width) = segments[s];
                                string x = Simd.Load(width, "sourceRow", Format.Int(shift + offset));
                                if (pass == Pass.Curvature)
                                {
                                    w.Line($"{Simd.Type(width)} x{s} = {x};");
                                    x = pass.Factor($"x{s}");
                                }
                                string acc = $"tap{Simd.Suffix(width)}";
                                w.Line(started.Add(width)
                                    ? $"{Simd.Type(width)} {acc} = d{s} * {x};"
                                    : $"{acc} = {Simd.MulAdd(width, $"d{s}", x, acc)};");
                            }
                            w.Line($"{Simd.At("slotRow", Format.Int(kx))} += {Simd.FoldedSum(widths.Select(width => (width, $"tap{Simd.Suffix(width)}")).ToList())};");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The weight gradient of a map too large for registers (<see cref="FlatGradientFits"/> false),
    /// from the same kx-shifted input rows as <see cref="WriteFlatForward"/>: per (input map, ky),
    /// one accumulator per kx while a loop walks the flattened map a vector at a time, so each delta
    /// vector loaded feeds K taps; the last vector overlaps the one before, its repeated lanes zeroed.
    /// Where K taps are too few FMA chains to keep two FMA units busy and every output map reads every
    /// input map, a pass takes several output maps (<see cref="StreamedMapBlock"/>), so each shifted
    /// input vector loaded also feeds every map of the pass; each tap still sums in the same order.
    /// </summary>
    private static void WriteStreamedWeightGradient(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, string product)
    {
        Shape input = layer.Input, output = layer.Output;
        int flat = output.MapSize, copySize = input.Height * output.Width, kernel = layer.Kernel;
        int full = flat / widest * widest, overlap = flat == full ? 0 : widest - (flat - full);
        int maps = StreamedMapBlock(layer);
        w.Line($"// Weights: each tap's sum over the {Format.Int(flat)} outputs of a map of delta x {product}, the map flattened and walked {Format.Int(widest)} outputs at a time{(maps > 1 ? $", {Format.Int(maps)} maps a pass" : "")}.");
        WriteShiftedRows(w, layer, widest);
        // With one map a pass the names are those of one map; with several, each carries its map's number.
        string Of(string name, int m) => maps == 1 ? name : $"{name}{m}";
        string Tap(int m, int kx) => maps == 1 ? $"tap{kx}" : $"tap{m}x{kx}";
        using (Index.Open(w, "map", output.Channels, maps))
        {
            for (int m = 0; m < maps; m++)
                w.Line($"ref float {Of("mapDelta", m)} = ref {UnsafeTypeRef}.Add(ref {Delta}, {Index.Mul(Index.Add("map", m), flat)});");
            using (OpenPairLoop(w, layer))
            using (w.Block($"for (int ky = 0; ky < {Format.Int(kernel)}; ky++)"))
            {
                w.Line($"ref float sourceRow = ref {UnsafeTypeRef}.Add(ref shifted, inputMap * {Format.Int(copySize)} + ky * {Format.Int(output.Width)});");
                for (int m = 0; m < maps; m++)
                    for (int kx = 0; kx < kernel; kx++)
                        w.Line($"{Simd.Type(widest)} {Tap(m, kx)} = {Simd.Zero(widest)};");
                // The taps of the delta vectors d, the shifted rows read from `at`.
                void Taps(string at)
                {
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        string x = Simd.Load(widest, at, Format.Int(kx * input.Channels * copySize));
                        if (pass == Pass.Curvature)
                        {
                            w.Line($"{Simd.Type(widest)} x{kx} = {x};");
                            x = pass.Factor($"x{kx}");
                        }
                        else if (maps > 1)
                        {
                            w.Line($"{Simd.Type(widest)} x{kx} = {x};");
                            x = $"x{kx}";
                        }
                        for (int m = 0; m < maps; m++)
                            w.Line($"{Tap(m, kx)} = {Simd.MulAdd(widest, Of("d", m), x, Tap(m, kx))};");
                    }
                }
                using (Index.Open(w, "i", full, widest))
                {
                    for (int m = 0; m < maps; m++)
                        w.Line($"{Simd.Type(widest)} {Of("d", m)} = {Simd.Load(widest, Of("mapDelta", m), "i")};");
                    w.Line($"ref float at = ref {UnsafeTypeRef}.Add(ref sourceRow, i);");
                    Taps("at");
                }
                if (overlap > 0)
                    using (w.Block($"// The last {Format.Int(flat - full)} outputs: the vector ending the map, the {Format.Int(overlap)} lanes the loop covered zeroed."))
                    {
                        for (int m = 0; m < maps; m++)
                            w.Line($"{Simd.Type(widest)} {Of("d", m)} = {Simd.Load(widest, Of("mapDelta", m), Format.Int(flat - widest))} * {Simd.Mask(widest, overlap)};");
                        w.Line($"ref float at = ref {UnsafeTypeRef}.Add(ref sourceRow, {Format.Int(flat - widest)});");
                        Taps("at");
                    }
                for (int m = 0; m < maps; m++)
                {
                    string pair = m == 0 ? "pair" : $"(pair + {Format.Int(m * input.Channels)})";
                    w.Line($"ref float {Of("slotRow", m)} = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + {pair} * {Format.Int(layer.Taps)} + ky * {Format.Int(kernel)});");
                }
                Simd.AddSums(w, widest, Enumerable.Range(0, maps)
                    .SelectMany(m => Enumerable.Range(0, kernel).Select(kx => (Tap(m, kx), Simd.At(Of("slotRow", m), Format.Int(kx)))))
                    .ToArray());
            }
        }
    }

    /// <summary>
    /// Output maps a pass of <see cref="WriteStreamedWeightGradient"/> takes: one when the kernel's K taps
    /// already keep two FMA units busy or a connection table gives each map its own input maps; else the
    /// largest of 4, 3, 2 that divides the maps with K accumulators each within <see cref="MaxAccumulators"/>.
    /// </summary>
    private static int StreamedMapBlock(LayerSpec layer) =>
        layer.HasTable || layer.Kernel >= MinInFlight ? 1 : LargestBlock([4, 3, 2], layer.Output.Channels, layer.Kernel, MaxAccumulators);

    /// <summary>
    /// Input deltas as a gather: each output map's delta is copied into a zero-padded map, after
    /// which an input unit's delta is a plain correlation of the padded deltas with the flipped
    /// kernels. Every input row is summed in registers and stored once; scattering into the input
    /// deltas instead would re-load each row right after storing it at a one-float offset, which
    /// defeats store-to-load forwarding.
    /// </summary>
    private static void WriteInputDelta(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass)
    {
        bool spread = SpreadsTable(layer, widest);
        if (spread)
        {
            WriteSpreadKernels(w, layer, widest);
            layer = Unwired(layer);
        }
        Shape input = layer.Input, output = layer.Output;
        (int paddedHeight, int paddedWidth) = layer.PaddedMap;
        int margin = layer.Kernel - 1;
        w.Line($"// Input deltas: correlate the zero-padded deltas ({Format.Int(paddedHeight)}x{Format.Int(paddedWidth)} per map) with the flipped kernels{(pass == Pass.Gradient ? "" : ", weights squared")}.");
        // The scratch is shared with other layers, so the zero margins are rewritten every call; only
        // the margins: a row's right margin and the next row's left margin are adjacent, one run.
        int mapSize = paddedHeight * paddedWidth, rowStart = margin * paddedWidth + margin;
        using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
        {
            w.Line($"ref float paddedMap = ref {UnsafeTypeRef}.Add(ref {Padded}, map * {Format.Int(mapSize)});");
            w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref paddedMap, {Format.Int(rowStart)}).Clear();");
            using (Index.Open(w, "row", output.Height))
            {
                w.Line($"ref float paddedRow = ref {UnsafeTypeRef}.Add(ref paddedMap, row * {Format.Int(paddedWidth)} + {Format.Int(rowStart)});");
                w.Line($"{MemoryMarshalTypeRef}.CreateReadOnlySpan(ref {UnsafeTypeRef}.Add(ref {Delta}, (map * {Format.Int(output.Height)} + row) * {Format.Int(output.Width)}), {Format.Int(output.Width)}).CopyTo({MemoryMarshalTypeRef}.CreateSpan(ref paddedRow, {Format.Int(output.Width)}));");
                w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref paddedRow, {Format.Int(output.Width)}), {Format.Int(2 * margin)}).Clear();");
            }
            w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref paddedMap, {Format.Int((output.Height + margin) * paddedWidth + margin)}), {Format.Int(margin * paddedWidth - margin)}).Clear();");
        }
        // A row that fits in registers is covered by whole vectors where that takes fewer (a row of
        // 14 is one Vector512, not two Vector256): they read past the row's end, into the next padded
        // row or the slack after the padded deltas (NetworkSpec.PaddedSlack), and store only the row.
        bool wholeRow = input.Width <= MaxRow;
        List<(int Offset, int Width)> segments = wholeRow ? Simd.Reading(input.Width, widest) : Simd.Covering(RowRun(input.Width, widest), widest);
        // Without a table every input map is read by every output map, so a pass can gather the
        // same row of several input maps at once: each padded-delta load feeds that many FMA chains.
        int block = layer.HasTable ? 1 : InputMapBlock(layer.Input.Channels, segments.Count);
        int chains = Chains(block * segments.Count);
        // On AVX-512 (32 registers) the gradient pass sums two input rows at once where their
        // accumulators fit: each broadcast weight then feeds both rows. A row's sum is the same chain
        // either way; a tap that reaches only one of the two rows adds the other the zeros of the
        // padding. The curvature pass runs on a few hundred samples a pass: it keeps one row, and the
        // code stays smaller.
        int rowsAtOnce = pass == Pass.Gradient && widest == 16 && wholeRow && input.Height > 1 && 2 * block * segments.Count * chains <= MaxTwoRowAccumulators ? 2 : 1;
        using (Index.Open(w, "inputMap", input.Channels, block))
        {
            int paired = input.Height / rowsAtOnce * rowsAtOnce;
            // A loop of one trip declares row a constant, and the taps that reach are then known here.
            using (Index.Open(w, "row", paired, rowsAtOnce))
                ForEachTile(w, input.Width, widest, (column, width) => InputRows(column, width, rowsAtOnce, paired == rowsAtOnce ? 0 : null));
            if (paired < input.Height)
                using (Index.Open(w, "row", input.Height, first: paired))
                    ForEachTile(w, input.Width, widest, (column, width) => InputRows(column, width, 1, paired + 1 == input.Height ? paired : null));
        }

        // Input rows row to row + count - 1 (of the tile at column) of the block's input maps; row is
        // the constant fixedRow when there is one.
        void InputRows(string column, int width, int count, int? fixedRow)
        {
            List<(int Offset, int Width)> vectors = TileVectors(segments, column, width, widest);
            string maps = block == 1 ? "" : $" of {Format.Int(block)} input maps";
            w.Line(count > 1
                ? $"// Rows row and row + 1{maps}, held in registers ({Describe(vectors)} each): each broadcast weight feeds both rows."
                : block == 1
                    ? column.Length == 0
                        ? $"// The input row's {Format.Int(input.Width)} deltas, held in registers: {Describe(vectors)}."
                        : $"// The tile's {Format.Int(width)} input deltas, held in registers: {Describe(vectors)}."
                    : column.Length == 0
                        ? $"// The same row of {Format.Int(block)} input maps, held in registers ({Describe(vectors)} each)."
                        : $"// The same {Format.Int(width)} columns of {Format.Int(block)} input maps, held in registers ({Describe(vectors)} each).");
            DescribeChains(w, chains);
            // Accumulator "map" r * block + m sums row row + r of input map inputMap + m.
            for (int c = 0; c < chains; c++)
                for (int v = 0; v < count * block; v++)
                    for (int s = 0; s < vectors.Count; s++)
                        w.Line($"{Simd.Type(vectors[s].Width)} {Sum(v, s, c)} = {Simd.Zero(vectors[s].Width)};");
            using (OpenConsumerLoop(w, layer))
            {
                w.Line($"ref float weights = ref {PairKernel(layer, spread)};");
                w.Line($"ref float source = ref {UnsafeTypeRef}.Add(ref {Padded}, (map * {Format.Int(paddedHeight)} + row) * {Format.Int(paddedWidth)}{column});");
                for (int ky = 0; ky < layer.Kernel; ky++)
                {
                    // Kernel row ky reaches output row (row + r - ky) of one of the rows r: outside the map it would only add padding zeros.
                    if (fixedRow is int known && (known + count - 1 - ky < 0 || known - ky >= output.Height))
                        continue;
                    using var reaches = fixedRow is not null
                        ? w.Block("")
                        : w.Block(count == 1
                            ? $"if ((uint)(row - {Format.Int(ky)}) < {Format.Int(output.Height)}u)"
                            : $"if ((uint)({(ky == 1 ? "row" : ky == 0 ? "row + 1" : $"row - {Format.Int(ky - 1)}")}) < {Format.Int(output.Height + 1)}u)");
                    for (int kx = 0; kx < layer.Kernel; kx++)
                    {
                        int tap = ky * layer.Kernel + kx;
                        // Padded row (row + margin - ky), column (x + margin - kx) holds the delta of output (row - ky, x - kx).
                        List<string> Rows(int r) => vectors.Select(segment => Simd.Load(segment.Width, "source", Format.Int((margin - ky + r) * paddedWidth + margin - kx + segment.Offset))).ToList();
                        // Weights of input map inputMap + m are the next pair's: one kernel further on.
                        string Weight(int m) => pass.Factor(Simd.At("weights", Format.Int(m * layer.Taps + tap)));
                        WriteTap(w, tap, Blocked(block), block, vectors, chains, Enumerable.Range(0, count).Select(Rows).ToArray(), $"d{tap}", Weight);
                    }
                }
            }
            for (int r = 0; r < count; r++)
                for (int m = 0; m < block; m++)
                {
                    int v = r * block + m;
                    string rowAt = r == 0 ? "row" : $"row + {Format.Int(r)}";
                    w.Line($"ref float target{v} = ref {UnsafeTypeRef}.Add(ref {InputDelta}, ((inputMap{Plus(m)}) * {Format.Int(input.Height)} + {rowAt}) * {Format.Int(input.Width)}{column});");
                    for (int s = 0; s < vectors.Count; s++)
                    {
                        (int start, int size) = vectors[s];
                        int stored = wholeRow ? System.Math.Min(size, input.Width - start) : size;
                        if (stored == size)
                        {
                            w.Line(Simd.Store(size, JoinChains(v, s, chains), $"target{v}", Format.Int(start)));
                            continue;
                        }
                        w.Line($"// Only the row's {Format.Int(stored)} lanes are stored.");
                        w.Line($"{Simd.Type(size)} row{v}x{s} = {JoinChains(v, s, chains)};");
                        foreach (string store in Simd.Pieces(size, $"row{v}x{s}", stored, $"target{v}", start))
                            w.Line(store);
                    }
                }
        }
    }

    /// <summary>Most accumulators of a two-row input-delta pass on AVX-512: 32 registers less the row loads and a weight.</summary>
    private const int MaxTwoRowAccumulators = 24;

    /// <summary>Opens the loop over the output maps that read <c>inputMap</c>, declaring <c>pair</c> and <c>map</c>.</summary>
    private static IndentedTextWriter.BlockScope OpenConsumerLoop(IndentedTextWriter w, LayerSpec layer)
    {
        if (layer.HasTable)
        {
            var scope = w.Block($"for (int entry = {FirstConsumerTable(layer)}[inputMap]; entry < {FirstConsumerTable(layer)}[inputMap + 1]; entry++)");
            w.Line($"int pair = {ConsumersTable(layer)}[entry];");
            w.Line($"int map = {OwnerTable(layer)}[pair];");
            return scope;
        }
        var full = w.Block($"for (int map = 0; map < {Format.Int(layer.Output.Channels)}; map++)");
        w.Line($"int pair = map * {Format.Int(layer.Input.Channels)} + inputMap;");
        return full;
    }

    /// <summary>Loads segment <paramref name="index"/> of <c>rowDelta</c> (from column <paramref name="start"/>), zeroing lanes an earlier segment already covers.</summary>
    private static string RowDelta(List<(int Offset, int Width)> segments, int index, string start)
    {
        (int offset, int width) = segments[index];
        string load = Simd.Load(width, "rowDelta", start + Format.Int(offset));
        int overlap = Simd.Overlap(segments, index);
        return overlap == 0 ? load : $"{load} * {Simd.Mask(width, overlap)}";
    }

    /// <summary>
    /// Opens the loop over the input maps output map <c>map</c> reads, declaring <c>pair</c> (index
    /// of the (map, input map) weight block) and <c>inputMap</c>.
    /// </summary>
    private static IndentedTextWriter.BlockScope OpenPairLoop(IndentedTextWriter w, LayerSpec layer)
    {
        if (layer.HasTable)
        {
            var scope = w.Block($"for (int pair = {FirstPairTable(layer)}[map]; pair < {FirstPairTable(layer)}[map + 1]; pair++)");
            w.Line($"int inputMap = {SourcesTable(layer)}[pair];");
            return scope;
        }
        var full = Index.Open(w, "inputMap", layer.Input.Channels);
        w.Line($"int pair = map * {Format.Int(layer.Input.Channels)} + inputMap;");
        return full;
    }

    private static string Describe(List<(int Offset, int Width)> segments) =>
        string.Join(" + ", segments.Select(s => s.Width == 1 ? $"scalar at {s.Offset}" : $"{s.Width} lanes at {s.Offset}"));
}
