using System;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// The block passes of a spatial convolution: a register tile of (output maps x neighbouring
/// positions) accumulators, so each input load feeds one FMA per map of the tile and each broadcast
/// weight one per position; the input delta is the same correlation run over the zero-padded output
/// delta with the kernel turned round. Under a connection table the maps of a tile and the source
/// maps are constants, and each source map feeds only the maps of the tile the table connects it to,
/// so only the table's pairs are computed.
/// </summary>
internal sealed partial class ConvolutionEmitter
{
    public int BlockWorkUnits(LayerSpec layer) => layer.PaddedDeltaSize;

    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes) => Correlate(w, lanes, ForwardCorrelation(layer));

    /// <summary>
    /// A valid correlation from <see cref="Source"/> maps to <see cref="Target"/> maps: each target map
    /// sums every source map (under a table, every source map the table connects it to) through a KxK
    /// kernel, turned round when <see cref="Flip"/>. <see cref="Kernel"/>(target, source) is the offset
    /// of that kernel past the layer's weights, or -1 where a table leaves the pair out;
    /// <see cref="TargetStride"/> is how far one target map's kernel lies from the previous one's, for
    /// the same source map, without a table.
    /// </summary>
    private sealed record Correlation(
        LayerSpec Layer, string Source, Shape SourceShape, string Target, Shape TargetShape, bool Flip,
        Func<string, string, string> Kernel, int TargetStride, Func<string, string> Start, Func<string, string> Finish);

    private static Correlation ForwardCorrelation(LayerSpec layer) =>
        new(layer, Input, layer.Input, Output, layer.Output, Flip: false,
            Kernel: (map, source) => KernelOffset(layer, map, source), TargetStride: layer.Input.Channels * layer.Taps,
            Start: map => $"{UnsafeTypeRef}.Add(ref {Parameters}, {Index.Add($"{layer.Label}.Biases", map)})",
            Finish: sum => ActivationText.Apply(layer.Activation, sum));

    /// <summary>
    /// Offset of the (output map, source map) pair's kernel past the layer's weights. Under a table both
    /// maps are constants and the offset is a constant, "-1" where the pair is not connected.
    /// </summary>
    private static string KernelOffset(LayerSpec layer, string map, string source)
    {
        if (!layer.HasTable) return Index.Add(Index.Mul(map, layer.Input.Channels * layer.Taps), Index.Mul(source, layer.Taps));
        int m = int.Parse(map), s = int.Parse(source);
        if (!layer.Connections[m].Contains(s)) return "-1";
        int before = 0;
        for (int i = 0; i < m; i++) before += layer.Connections[i].Count;
        return Format.Int((before + layer.Connections[m].ToList().IndexOf(s)) * layer.Taps);
    }

    private static Shape PaddedShape(LayerSpec layer) => new(layer.Output.Channels, layer.PaddedMap.Height, layer.PaddedMap.Width);

    private static void Correlate(IndentedTextWriter w, Lanes lanes, Correlation c)
    {
        Shape target = c.TargetShape;
        int positions = Math.Min(target.Width, 4);
        int maps = Math.Max(1, Math.Min(target.Channels, (lanes.RegisterFile - positions - 2) / positions));
        int full = target.Width / positions * positions;
        w.Line($"// Register tiles of up to {Format.Int(maps)} map(s) x {Format.Int(positions)} positions: each input load feeds every map of the tile, each broadcast weight every position.");
        int k = c.Layer.Kernel, margin = k - 1;
        if (c.Flip)
            w.Line($"// The source is zero outside its middle {Format.Int(c.Layer.Output.Height)}x{Format.Int(c.Layer.Output.Width)}: kernel rows, and the columns and positions, that would only read the margins are skipped.");
        // A compact input delta (one a table writes out per source map) keeps each tile's kernel columns in a
        // loop whose bounds follow the tile: written out per column, the method would grow past the JIT's limits.
        void Rows(string[] group, bool tiled = false, bool compact = false) => Index.For(w, "y", 0, target.Height, 1, y =>
        {
            if (c.Flip)
            {
                // Source row y + ky is inside iff margin <= y + ky < margin + height; a tile's columns likewise.
                int height = c.Layer.Output.Height, width = c.Layer.Output.Width;
                (string First, string End) rows = int.TryParse(y, out int row)
                    ? (Format.Int(Math.Max(0, margin - row)), Format.Int(Math.Min(k, margin + height - row)))
                    : ("kyFirst", "kyEnd");
                if (rows.First == "kyFirst")
                    w.Line($"int kyFirst = {MathTypeRef}.Max(0, {Format.Int(margin)} - y), kyEnd = {MathTypeRef}.Min({Format.Int(k)}, {Format.Int(margin + height)} - y);");
                if (compact)
                {
                    Index.For(w, "x", 0, full, positions, x =>
                    {
                        w.Line($"int kxFirst = {MathTypeRef}.Max(0, {Format.Int(margin - positions + 1)} - {x}), kxEnd = {MathTypeRef}.Min({Format.Int(k)}, {Format.Int(margin + width)} - {x});");
                        CorrelationTile(w, lanes, c, group, positions, y, x, (rows.First, rows.End, "kxFirst", "kxEnd"), tiled);
                    });
                    if (full < target.Width)
                        using (w.Block(""))
                        {
                            int count = target.Width - full;
                            w.Line($"const int kxFirst = {Format.Int(Math.Max(0, margin - (full + count - 1)))}, kxEnd = {Format.Int(Math.Min(k, margin + width - full))};");
                            CorrelationTile(w, lanes, c, group, count, y, Format.Int(full), (rows.First, rows.End, "kxFirst", "kxEnd"), tiled);
                        }
                    return;
                }
                // Position p of a tile from column x reads source column x + p + kx through kernel column kx.
                // The tiles whose every read lies inside the middle share a loop; the others are written out
                // with the kernel columns and the positions that read inside, so no FMA adds a margin's zero.
                int Lead(int x, int count) => Math.Max(0, margin - count + 1 - x);
                int Last(int x) => Math.Min(k, margin + width - x);
                bool Inside(int column) => margin <= column && column < margin + width;
                int[] starts = Enumerable.Range(0, full / positions).Select(t => t * positions).ToArray();
                int[] middle = starts.Where(x => Inside(x) && Inside(x + positions + k - 2)).ToArray();
                void Edge(int x, int count)
                {
                    using (w.Block(""))
                        CorrelationTile(w, lanes, c, group, count, y, Format.Int(x), (rows.First, rows.End, Format.Int(Lead(x, count)), Format.Int(Last(x))), tiled,
                            reads: (p, kx) => Inside(x + p + kx));
                }
                foreach (int x in starts.Where(x => middle.Length == 0 || x < middle[0])) Edge(x, positions);
                if (middle.Length > 0)
                    Index.For(w, "x", middle[0], middle[middle.Length - 1] + positions, positions,
                        x => CorrelationTile(w, lanes, c, group, positions, y, x, (rows.First, rows.End, "0", Format.Int(k)), tiled));
                foreach (int x in starts.Where(x => middle.Length > 0 && x > middle[middle.Length - 1])) Edge(x, positions);
                if (full < target.Width) Edge(full, target.Width - full);
                return;
            }
            var allTaps = ("0", Format.Int(k), "0", Format.Int(k));
            Index.For(w, "x", 0, full, positions, x => CorrelationTile(w, lanes, c, group, positions, y, x, allTaps, tiled));
            if (full < target.Width)
                using (w.Block(""))
                    CorrelationTile(w, lanes, c, group, target.Width - full, y, Format.Int(full), allTaps, tiled);
        });

        if (c.Layer.HasTable)
        {
            int groups = (target.Channels + maps - 1) / maps;
            if (!c.Flip || groups * c.SourceShape.Channels > MaxWrittenSources)
            {
                TableTiles(w, lanes, c, maps, group => Rows(group, tiled: true));
                return;
            }
            // The input delta: each group of maps written out with its constants, every source map adding
            // into the maps of the group the table connects it to and none other, the sums staying in
            // registers. The forward pass keeps the tiles: written out, its method ran slower (measured).
            for (int first = 0; first < target.Channels; first += maps)
                Rows(Enumerable.Range(first, Math.Min(maps, target.Channels - first)).Select(Format.Int).ToArray(), compact: true);
            return;
        }
        // The same tile for every group of maps, in a loop; the maps past the last whole group after it.
        int whole = target.Channels / maps * maps;
        Index.For(w, "m", 0, whole, maps, m => Rows(Enumerable.Range(0, maps).Select(i => Index.Add(m, i)).ToArray()), scoped: false);
        for (int first = whole; first < target.Channels; first += maps)
            Rows(Enumerable.Range(first, Math.Min(maps, target.Channels - first)).Select(Format.Int).ToArray());
    }

    /// <summary>
    /// Most (group of maps, source map) blocks a table's input delta writes out (<see cref="Correlate"/>);
    /// past it (narrow vectors, hence small groups) the tiles loop (<see cref="TableTiles"/>), since a
    /// kernel method past the JIT's size limits is compiled without optimisation.
    /// </summary>
    private const int MaxWrittenSources = 24;

    /// <summary>The local holding a table layer's tiles (<see cref="WriteTiles"/>).</summary>
    private const string TileTable = "tiles";

    /// <summary>
    /// A correlation under a connection table, source map after source map: every target starts at its
    /// bias (or zero) in memory; each tile of the table (<see cref="WriteTiles"/>) adds one source map
    /// into the target maps it is connected to, its accumulators loaded and stored around the taps;
    /// the squashing is a last pass. Each target still sums its sources in order, so the result is that
    /// of the full correlation with zero kernels where the table leaves a pair out, without their work.
    /// </summary>
    private static void TableTiles(IndentedTextWriter w, Lanes lanes, Correlation c, int maps, Action<string[]> rows)
    {
        Shape source = c.SourceShape, target = c.TargetShape;
        int plane = target.Height * target.Width;
        using var scope = w.Block("");
        int[] sizes = WriteTiles(w, c.Layer, source.Channels, target.Channels, maps, (t, s) => c.Kernel(Format.Int(t), Format.Int(s)));
        using (w.Block($"for (int map = 0; map < {Format.Int(target.Channels)}; map++)"))
        {
            w.Line($"{lanes.Type} start = {(c.Start("map").Length > 0 ? lanes.Splat(c.Start("map")) : lanes.Zero)};");
            w.Line($"for (int u = 0; u < {Format.Int(plane)}; u++) {lanes.Store("start", c.Target, $"map * {Format.Int(plane)} + u")}");
        }
        w.Line($"ref float kernels = ref {UnsafeTypeRef}.Add(ref {Parameters}, {c.Layer.Label}.Weights);");
        TileLoop(w, maps, sizes, group =>
        {
            for (int i = 0; i < group.Length; i++)
                w.Line($"ref float k{i} = ref {UnsafeTypeRef}.Add(ref kernels, o{i});");
            rows(group);
        });
        if (c.Finish("v") != "v")
            using (w.Block($"for (int u = 0; u < {Format.Int(target.Size)}; u++)"))
                w.Line(lanes.Store(c.Finish(lanes.Load(c.Target, "u")), c.Target, "u"));
    }

    /// <summary>
    /// Writes a table layer's tiles as a local: per source map, the target maps connected to it (those
    /// for which <paramref name="kernel"/>(target, source) is not "-1") in near-equal tiles of up to
    /// <paramref name="maps"/>, each tile <c>source, count, maps..., kernel offsets...</c> in a stride of
    /// 2 + 2 x <paramref name="maps"/>; returns the tile sizes that occur.
    /// </summary>
    private static int[] WriteTiles(IndentedTextWriter w, LayerSpec layer, int sources, int targets, int maps, Func<int, int, string> kernel)
    {
        var values = new System.Collections.Generic.List<int>();
        var sizes = new System.Collections.Generic.SortedSet<int>();
        for (int s = 0; s < sources; s++)
        {
            var connected = Enumerable.Range(0, targets).Where(t => kernel(t, s) != "-1").ToArray();
            int parts = (connected.Length + maps - 1) / maps;
            for (int part = 0, at = 0; part < parts; part++)
            {
                int size = (connected.Length - at + parts - part - 1) / (parts - part);
                var tile = connected.Skip(at).Take(size).ToArray();
                values.Add(s);
                values.Add(size);
                values.AddRange(Enumerable.Range(0, maps).Select(i => i < size ? tile[i] : 0));
                values.AddRange(Enumerable.Range(0, maps).Select(i => i < size ? int.Parse(kernel(tile[i], s)) : 0));
                sizes.Add(size);
                at += size;
            }
        }
        w.Line($"// The connection table in tiles: per tile, a source map, how many target maps, the maps and the offsets of their kernels ({Format.Int(layer.Pairs)} pairs).");
        w.Line($"{ReadOnlySpanTypeRef}<int> {TileTable} = new int[] {{ {string.Join(", ", values.Select(Format.Int))} }};");
        return sizes.ToArray();
    }

    /// <summary>
    /// The loop over the tiles <see cref="WriteTiles"/> wrote: the source map in <c>channel</c>, the
    /// target maps in <c>m0</c>.. and their kernels' offsets in <c>o0</c>.., and <paramref name="body"/>
    /// written once per tile size (a switch when there are several).
    /// </summary>
    private static void TileLoop(IndentedTextWriter w, int maps, int[] sizes, Action<string[]> body)
    {
        int stride = 2 + 2 * maps;
        using (w.Block($"for (int tile = 0; tile < {TileTable}.Length; tile += {Format.Int(stride)})"))
        {
            w.Line($"int channel = {TileTable}[tile];");
            void Case(int size)
            {
                for (int i = 0; i < size; i++)
                    w.Line($"int m{i} = {TileTable}[tile + {Format.Int(2 + i)}], o{i} = {TileTable}[tile + {Format.Int(2 + maps + i)}];");
                body(Enumerable.Range(0, size).Select(i => $"m{i}").ToArray());
            }
            if (sizes.Length == 1)
            {
                Case(sizes[0]);
                return;
            }
            using (w.Block($"switch ({TileTable}[tile + 1])"))
                foreach (int size in sizes)
                    using (w.Block($"case {Format.Int(size)}:"))
                    {
                        Case(size);
                        w.Line("break;");
                    }
        }
    }

    /// <summary>
    /// One register tile: the maps of <paramref name="group"/> (each an expression) at
    /// <paramref name="positions"/> neighbouring positions from <paramref name="x"/>, summed over every
    /// source map (under a table, the ones connected to each map). A <paramref name="tiled"/> tile
    /// instead adds the one source map <c>channel</c> through the kernels <c>k0</c>.. into the targets
    /// in memory (<see cref="TableTiles"/>).
    /// </summary>
    private static void CorrelationTile(IndentedTextWriter w, Lanes lanes, Correlation c, string[] group, int positions, string y, string x,
        (string First, string End, string KxFirst, string KxEnd) taps, bool tiled, Func<int, int, bool>? reads = null)
    {
        // An edge tile (one given `reads`) writes its kernel columns out, each with only the positions that read
        // inside; every other tile keeps them in a loop, which costs no more (measured) in a fraction of the code.
        bool writtenOut = reads is not null;
        Shape source = c.SourceShape, target = c.TargetShape;
        int k = c.Layer.Kernel;
        string At(int i, int p) => Index.Add(Index.Mul(Index.Add(Index.Mul(group[i], target.Height), y), target.Width), Index.Add(x, p));
        for (int i = 0; i < group.Length; i++)
        {
            if (tiled)
            {
                w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, positions).Select(p => $"a{i}x{p} = {lanes.Load(c.Target, At(i, p))}"))};");
                continue;
            }
            string start = c.Start(group[i]).Length > 0 ? lanes.Splat(c.Start(group[i])) : lanes.Zero;
            w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, positions).Select(p => $"a{i}x{p} = {(p == 0 ? start : $"a{i}x0")}"))};");
        }

        // Source map `channel` through the kernels into the maps of the group at `members`. The taps
        // walk references (the source a vector on, the kernels a weight on, or back when turned round),
        // so every load has a constant offset and no index is computed per load. With `apart` (each
        // member's kernel's distance from the first member's, constants) one reference `k` walks every
        // kernel; otherwise (a table's tiles, whose kernels are looked up) each member's `k{i}` walks.
        void Channel(string channel, int[] members, Func<int, int>? apart)
        {
            string start = Index.Mul(Index.Add(Index.Mul(Index.Add(Index.Mul(channel, source.Height), y), source.Width), x), lanes.Count);
            w.Line($"ref float row = ref {UnsafeTypeRef}.Add(ref {c.Source}, {start});");
            string Weight(int i) => apart is null ? $"weight{i}" : apart(i) == 0 ? "weight" : $"{UnsafeTypeRef}.Add(ref weight, {Format.Int(apart(i))})";
            string[] walkers = apart is null ? members.Select(i => $"{i}").ToArray() : [""];
            using (w.Block($"for (int ky = {taps.First}; ky < {taps.End}; ky++)"))
            {
                string kernelTap = Index.Add($"ky * {Format.Int(k)}", taps.KxFirst);
                string firstTap = c.Flip ? $"{Format.Int(k * k - 1)} - {Index.Group(kernelTap)}" : kernelTap;
                w.Line($"ref float tap = ref {UnsafeTypeRef}.Add(ref row, {Index.Mul(Index.Add($"ky * {Format.Int(source.Width)}", taps.KxFirst), lanes.Count)});");
                foreach (string i in walkers)
                    w.Line($"ref float weight{i} = ref {UnsafeTypeRef}.Add(ref k{i}, {firstTap});");
                if (writtenOut && int.TryParse(taps.KxFirst, out int kxFirst) && int.TryParse(taps.KxEnd, out int kxEnd))
                {
                    // The kernel row's taps written out: every load at a constant offset, no loop to leave.
                    for (int kx = kxFirst; kx < kxEnd; kx++)
                    {
                        int along = kx - kxFirst, back = c.Flip ? -along : along;
                        string Shifted(string weight, int by) => by == 0 ? weight : $"{UnsafeTypeRef}.Add(ref {weight}, {Format.Int(by)})";
                        w.Line(c.Flip ? $"// Tap {Format.Int(kx)}: kernel column {Format.Int(k - 1 - kx)}, the kernel turned round." : $"// Kernel column {Format.Int(kx)}.");
                        int[] reading = Enumerable.Range(0, positions).Where(p => reads!(p, kx)).ToArray();
                        foreach (int p in reading)
                            w.Line($"{lanes.Type} s{p}k{Format.Int(kx)} = {lanes.Load("tap", Format.Int(along + p))};");
                        foreach (int i in members)
                        {
                            string weight = apart is null ? Shifted($"weight{i}", back) : Shifted("weight", apart(i) + back);
                            w.Line($"{lanes.Type} w{i}k{Format.Int(kx)} = {lanes.Splat(weight)};");
                            foreach (int p in reading)
                                w.Line($"a{i}x{p} = {lanes.Fma($"s{p}k{Format.Int(kx)}", $"w{i}k{Format.Int(kx)}", $"a{i}x{p}")};");
                        }
                    }
                    return;
                }
                using (w.Block($"for (int kx = {taps.KxFirst}; kx < {taps.KxEnd}; kx++)"))
                {
                    for (int p = 0; p < positions; p++)
                        w.Line($"{lanes.Type} s{p} = {lanes.Load("tap", Format.Int(p))};");
                    foreach (int i in members)
                    {
                        w.Line($"{lanes.Type} w{i} = {lanes.Splat(Weight(i))};");
                        for (int p = 0; p < positions; p++)
                            w.Line($"a{i}x{p} = {lanes.Fma($"s{p}", $"w{i}", $"a{i}x{p}")};");
                    }
                    w.Line($"tap = ref {UnsafeTypeRef}.Add(ref tap, {Format.Int(lanes.Count)});");
                    foreach (string i in walkers)
                        w.Line($"weight{i} = ref {UnsafeTypeRef}.Add(ref weight{i}, {(c.Flip ? "-1" : "1")});");
                }
            }
        }
        int[] all = Enumerable.Range(0, group.Length).ToArray();
        if (tiled)
        {
            Channel("channel", all, apart: null);
            for (int i = 0; i < group.Length; i++)
                for (int p = 0; p < positions; p++)
                    w.Line(lanes.Store($"a{i}x{p}", c.Target, At(i, p)));
            return;
        }
        w.Line($"ref float kernels = ref {UnsafeTypeRef}.Add(ref {Parameters}, {c.Layer.Label}.Weights);");
        if (c.Layer.HasTable)
        {
            // Every source map in order, written out: each adds into the maps of the group the table connects it to.
            for (int channel = 0; channel < source.Channels; channel++)
            {
                string name = Format.Int(channel);
                int[] members = Enumerable.Range(0, group.Length).Where(i => c.Kernel(group[i], name) != "-1").ToArray();
                if (members.Length == 0) continue;
                using (w.Block($"// Source map {name}, into {string.Join(", ", members.Select(i => group[i]))}."))
                {
                    int first = int.Parse(c.Kernel(group[members[0]], name));
                    w.Line($"ref float k = ref {UnsafeTypeRef}.Add(ref kernels, {Format.Int(first)});");
                    Channel(name, members, i => int.Parse(c.Kernel(group[i], name)) - first);
                }
            }
        }
        else
        {
            // The group's maps are consecutive, so their kernels lie TargetStride apart.
            Index.For(w, "c", 0, source.Channels, 1, channel =>
            {
                w.Line($"ref float k = ref {UnsafeTypeRef}.Add(ref kernels, {c.Kernel(group[0], channel)});");
                Channel(channel, all, i => i * c.TargetStride);
            }, scoped: false);
        }
        for (int i = 0; i < group.Length; i++)
            for (int p = 0; p < positions; p++)
                w.Line(lanes.Store(c.Finish($"a{i}x{p}"), c.Target, At(i, p)));
    }

    /// <summary>
    /// A first layer of one source map, with an all-taps weight gradient (<see cref="WriteAllTapsGradient"/>),
    /// reads each delta once, so it turns it into dE/da there and sums the biases in the same pass: the
    /// deltas are read once and not written, where a pass before would read and write them and the bias
    /// sums read them again. A layer with an input delta keeps the pass, as its input delta reads the
    /// deltas too, and so does one of several source maps, whose deltas are read once per source map.
    /// </summary>
    public bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first) =>
        first && layer.Input.Channels == 1 && layer.Activation != Activation.Identity && AllTapsFit(layer, lanes);

    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        Shape output = layer.Output, input = layer.Input;
        int k = layer.Kernel, l = lanes.Count;
        if (!first)
        {
            Shape padded = PaddedShape(layer);
            w.Line($"// The output delta, zero-padded by {Format.Int(k - 1)} on every side, so the input delta is a valid correlation with the kernels turned round.");
            int margin = k - 1, edge = margin * padded.Width + margin;
            using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
            {
                w.Line($"ref float plane = ref {UnsafeTypeRef}.Add(ref {BlockText.Work}, map * {Format.Int(padded.Height * padded.Width * l)});");
                w.Line("// Only the margins are cleared: the middle is overwritten by the delta, row by row.");
                w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref plane, {Format.Int(edge * l)}).Clear();");
                using (Index.Open(w, "y", output.Height))
                {
                    w.Line($"ref float middle = ref {UnsafeTypeRef}.Add(ref plane, ((y + {Format.Int(margin)}) * {Format.Int(padded.Width)} + {Format.Int(margin)}) * {Format.Int(l)});");
                    w.Line($"{MemoryMarshalTypeRef}.CreateReadOnlySpan(ref {UnsafeTypeRef}.Add(ref {Delta}, (map * {Format.Int(output.Height)} + y) * {Format.Int(output.Width * l)}), {Format.Int(output.Width * l)}).CopyTo({MemoryMarshalTypeRef}.CreateSpan(ref middle, {Format.Int(output.Width * l)}));");
                    w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref middle, {Format.Int(output.Width * l)}), {Format.Int(2 * margin * l)}).Clear();");
                }
                w.Line($"{MemoryMarshalTypeRef}.CreateSpan(ref {UnsafeTypeRef}.Add(ref plane, {Format.Int((padded.Height * padded.Width - edge + margin) * l)}), {Format.Int((edge - margin) * l)}).Clear();");
            }
            Correlate(w, lanes, new Correlation(layer, BlockText.Work, padded, InputDelta, input, Flip: true,
                Kernel: (source, map) => KernelOffset(layer, map, source), TargetStride: layer.Taps, Start: _ => "", Finish: sum => sum));
        }

        if (AllTapsFit(layer, lanes))
        {
            bool fused = FusesBlockDerivative(layer, lanes, first);
            WriteAllTapsGradient(w, layer, lanes, fused);
            if (!fused) BlockText.BiasGradient(w, layer, lanes, output.Channels, output.Height * output.Width);
            return;
        }
        // As many maps per group as the registers hold, in groups of near-equal size (6 maps go 3 and 3, not 4
        // and 2: a small group loads as many source vectors for fewer FMAs).
        int most = Math.Max(1, (lanes.RegisterFile - 4) / (k + 1));
        int maps = (output.Channels + (output.Channels + most - 1) / most - 1) / ((output.Channels + most - 1) / most);
        w.Line($"// Weight gradients: for each source map and kernel row, {Format.Int(maps)} map(s) x {Format.Int(k)} taps of accumulators summed over every position and sample, reduced once" + (layer.HasTable ? "; only the pairs of the table." : "."));
        // One group of maps (expressions) against one source map: k accumulators per map for each kernel row.
        // Consecutive maps' deltas lie a plane apart, so one reference walks them all; a table's tiles
        // (maps looked up) walk one reference per map.
        void Gradient(string sourceMap, string[] group, Func<int, string> kernel, bool consecutive)
        {
            int plane = output.Height * output.Width;
            string[] walkers = consecutive ? ["deltas"] : Enumerable.Range(0, group.Length).Select(i => $"deltas{i}").ToArray();
            string Deltas(int i) => consecutive ? lanes.Load("deltas", Format.Int(i * plane)) : lanes.Load($"deltas{i}", "0");
            string Weight(int i, int kx) => Index.Add(Index.Add($"{layer.Label}.Weights", kernel(i)), Index.Add($"ky * {Format.Int(k)}", kx));
            // Rows y of the kernel row ky: every position's deltas of the group times the source row y + ky.
            void Positions(string y)
            {
                for (int i = 0; i < walkers.Length; i++)
                    w.Line($"ref float {walkers[i]} = ref {UnsafeTypeRef}.Add(ref {Delta}, {Index.Mul(Index.Add(Index.Mul(group[i], plane), Index.Mul(y, output.Width)), l)});");
                string row = Index.Mul(Index.Mul(Index.Add(Index.Add(Index.Mul(sourceMap, input.Height), y), "ky"), input.Width), l);
                w.Line($"ref float row = ref {UnsafeTypeRef}.Add(ref {Input}, {row});");
                // The positions walk the two rows by reference, so each load has a constant offset.
                Index.For(w, "x", 0, output.Width, 1, x =>
                {
                    for (int i = 0; i < group.Length; i++)
                        w.Line($"{lanes.Type} d{i} = {Deltas(i)};");
                    for (int kx = 0; kx < k; kx++)
                    {
                        w.Line($"{lanes.Type} s{kx} = {lanes.Load("row", Format.Int(kx))};");
                        for (int i = 0; i < group.Length; i++)
                            w.Line($"g{i}x{kx} = {lanes.Fma($"d{i}", $"s{kx}", $"g{i}x{kx}")};");
                    }
                    foreach (string walker in walkers)
                        w.Line($"{walker} = ref {UnsafeTypeRef}.Add(ref {walker}, {Format.Int(l)});");
                    w.Line($"row = ref {UnsafeTypeRef}.Add(ref row, {Format.Int(l)});");
                });
            }
            using (w.Block($"for (int ky = 0; ky < {Format.Int(k)}; ky++)"))
            {
                for (int i = 0; i < group.Length; i++)
                    w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, k).Select(kx => $"g{i}x{kx} = {lanes.Zero}"))};");
                Index.For(w, "y", 0, output.Height, 1, Positions);
                Simd.AddSums(w, lanes.Count, Enumerable.Range(0, group.Length)
                    .SelectMany(i => Enumerable.Range(0, k).Select(kx => ($"g{i}x{kx}", $"{UnsafeTypeRef}.Add(ref {Accumulator}, {Weight(i, kx)})")))
                    .ToArray());
            }
        }
        if (layer.HasTable)
        {
            // Each source map against the maps the table connects it to, in tiles.
            using var scope = w.Block("");
            int[] sizes = WriteTiles(w, layer, input.Channels, output.Channels, maps, (map, source) => KernelOffset(layer, Format.Int(map), Format.Int(source)));
            TileLoop(w, maps, sizes, group => Gradient("channel", group, i => $"o{i}", consecutive: false));
        }
        else
        {
            int whole = output.Channels / maps * maps;
            Index.For(w, "c", 0, input.Channels, 1, channel =>
            {
                Index.For(w, "m", 0, whole, maps, m =>
                {
                    string[] group = Enumerable.Range(0, maps).Select(i => Index.Add(m, i)).ToArray();
                    Gradient(channel, group, i => KernelOffset(layer, group[i], channel), consecutive: true);
                }, scoped: false);
                if (whole < output.Channels)
                    using (w.Block(""))
                    {
                        string[] group = Enumerable.Range(whole, output.Channels - whole).Select(Format.Int).ToArray();
                        Gradient(channel, group, i => KernelOffset(layer, group[i], channel), consecutive: true);
                    }
            }, scoped: false);
        }
        BlockText.BiasGradient(w, layer, lanes, output.Channels, output.Height * output.Width);
    }

    /// <summary>Positions a pass of <see cref="WriteAllTapsGradient"/> takes at once: each source vector it loads feeds up to this many taps.</summary>
    private const int TapPositions = 4;

    /// <summary>
    /// Whether the weight gradient holds all of a kernel's taps in registers (<see cref="WriteAllTapsGradient"/>):
    /// a full connection whose k x k accumulators, a pass's deltas and a source vector fit the register file.
    /// </summary>
    private static bool AllTapsFit(LayerSpec layer, Lanes lanes) =>
        !layer.HasTable && layer.Kernel * layer.Kernel + TapPositions + 2 <= lanes.RegisterFile;

    /// <summary>
    /// The weight gradient with every tap of one (map, source map) kernel in registers, summed over
    /// every position and sample and reduced once. The map's deltas are read once per source map, where
    /// a kernel row at a time reads them once per row, and a pass takes <see cref="TapPositions"/>
    /// neighbouring positions, so each source vector feeds every tap of the pass that reads it. Each
    /// tap adds its positions in the same order as a row at a time, so the sums are the same bit for bit.
    /// </summary>
    /// <remarks>
    /// With <paramref name="fused"/> (a first layer, <see cref="FusesBlockDerivative"/>), each delta is
    /// turned into dE/da as it is loaded, the product the pass before would have stored, and each map's
    /// bias sum adds them in the same order as <see cref="BlockText.BiasGradient"/>.
    /// </remarks>
    private static void WriteAllTapsGradient(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool fused)
    {
        Shape output = layer.Output, input = layer.Input;
        int k = layer.Kernel, l = lanes.Count, plane = output.Height * output.Width;
        w.Line($"// Weight gradients: for each source map and map, all {Format.Int(k)}x{Format.Int(k)} taps of accumulators summed over every position and sample, reduced once; {Format.Int(TapPositions)} positions a pass, each source vector feeding every tap of the pass that reads it.");
        if (fused)
            w.Line($"// Each delta dE/dy is turned into dE/da = dE/dy * f'(a), with f'(a) from the outputs y ({layer.Activation}), as it is loaded, and each map's deltas are summed into its bias gradient.");
        Index.For(w, "c", 0, input.Channels, 1, channel =>
        {
            using (w.Block($"for (int map = 0; map < {Format.Int(output.Channels)}; map++)"))
            {
                for (int ky = 0; ky < k; ky++)
                    w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, k).Select(kx => $"g{ky}x{kx} = {lanes.Zero}"))};");
                if (fused) w.Line($"{lanes.Type} bias = {lanes.Zero};");
                Index.For(w, "y", 0, output.Height, 1, y =>
                {
                    string at = Index.Mul(Index.Add(Index.Mul("map", plane), Index.Mul(y, output.Width)), l);
                    w.Line($"ref float deltas = ref {UnsafeTypeRef}.Add(ref {Delta}, {at});");
                    if (fused) w.Line($"ref float outputs = ref {UnsafeTypeRef}.Add(ref {Output}, {at});");
                    w.Line($"ref float row = ref {UnsafeTypeRef}.Add(ref {Input}, {Index.Mul(Index.Mul(Index.Add(Index.Mul(channel, input.Height), y), input.Width), l)});");
                    // Positions x to x + count - 1: source column x + i of kernel row ky is tap kx = i - u of position x + u.
                    void Pass(int count)
                    {
                        for (int u = 0; u < count; u++)
                            w.Line($"{lanes.Type} d{u} = {(fused ? BlockText.WeightedSumDelta(layer, lanes, "deltas", "outputs", Format.Int(u)) : lanes.Load("deltas", Format.Int(u)))};");
                        if (fused)
                            for (int u = 0; u < count; u++)
                                w.Line($"bias += d{u};");
                        for (int ky = 0; ky < k; ky++)
                            for (int i = 0; i < count + k - 1; i++)
                            {
                                string source = $"s{ky}x{i}";
                                w.Line($"{lanes.Type} {source} = {lanes.Load("row", Format.Int(ky * input.Width + i))};");
                                for (int u = System.Math.Max(0, i - k + 1); u <= System.Math.Min(count - 1, i); u++)
                                    w.Line($"g{ky}x{i - u} = {lanes.Fma($"d{u}", source, $"g{ky}x{i - u}")};");
                            }
                        w.Line($"deltas = ref {UnsafeTypeRef}.Add(ref deltas, {Format.Int(count * l)});");
                        if (fused) w.Line($"outputs = ref {UnsafeTypeRef}.Add(ref outputs, {Format.Int(count * l)});");
                        w.Line($"row = ref {UnsafeTypeRef}.Add(ref row, {Format.Int(count * l)});");
                    }
                    int whole = output.Width / TapPositions * TapPositions;
                    Index.For(w, "x", 0, whole, TapPositions, _ => Pass(TapPositions));
                    if (whole < output.Width)
                        using (w.Block($"// The last {Format.Int(output.Width - whole)} positions of the row."))
                            Pass(output.Width - whole);
                });
                string Weight(int ky, int kx) => Index.Add(Index.Add($"{layer.Label}.Weights", KernelOffset(layer, "map", channel)), Format.Int(ky * k + kx));
                var sums = Enumerable.Range(0, k * k)
                    .Select(tap => ($"g{tap / k}x{tap % k}", $"{UnsafeTypeRef}.Add(ref {Accumulator}, {Weight(tap / k, tap % k)})"))
                    .ToList();
                if (fused) sums.Add(("bias", $"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Biases + map)"));
                Simd.AddSums(w, l, sums);
            }
        }, scoped: false);
    }
}
