using System;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// The block passes of a fully connected layer: a tile of units whose weights are broadcast to
/// every sample; the weight gradient is a matrix product over the block's samples, made of
/// broadcasts by reading the layer's input transposed.
/// </summary>
internal sealed partial class DenseEmitter
{
    /// <summary>The transposed input of the block.</summary>
    public int BlockWorkUnits(LayerSpec layer) => layer.Input.Size;

    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes)
    {
        int inputs = layer.Input.Size;
        w.Line($"// Tiles of up to {Format.Int(BlockText.UnitTile(lanes))} units: each input vector (one input of every sample) feeds every unit of the tile.");
        BlockText.UnitTiles(w, layer.Output.Size, BlockText.UnitTile(lanes), (count, j) =>
        {
            for (int t = 0; t < count; t++)
                w.Line($"{lanes.Type} a{t} = {lanes.Splat($"{UnsafeTypeRef}.Add(ref {Parameters}, {layer.Label}.Biases + {Index.Add(j, t)})")};");
            // The input and the tile's weights walk references, so every load has a constant offset: an index
            // computed per load costs integer instructions that Intel cores issue on the FMA ports.
            w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {Index.Add($"{layer.Label}.Weights", Index.Mul(j, inputs))});");
            w.Line($"ref float unit = ref {Input};");
            using (w.Block($"for (int i = 0; i < {Format.Int(inputs)}; i++)"))
            {
                w.Line($"{lanes.Type} x = {lanes.Api}.LoadUnsafe(ref unit);");
                for (int t = 0; t < count; t++)
                    w.Line($"a{t} = {lanes.Fma("x", lanes.Splat(Walked("weights", t * inputs)), $"a{t}")};");
                w.Line($"weights = ref {UnsafeTypeRef}.Add(ref weights, 1);");
                w.Line($"unit = ref {UnsafeTypeRef}.Add(ref unit, {Format.Int(lanes.Count)});");
            }
            for (int t = 0; t < count; t++)
                w.Line(lanes.Store(ActivationText.Apply(layer.Activation, $"a{t}"), Output, Index.Add(j, t)));
        });
    }

    public bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first) => false;

    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first)
    {
        int inputs = layer.Input.Size, units = layer.Output.Size, l = lanes.Count;
        if (!first)
        {
            w.Line($"// Input deltas in tiles of inputs: each unit's delta vector feeds every input of the tile.");
            BlockText.UnitTiles(w, inputs, BlockText.UnitTile(lanes), (count, i) =>
            {
                for (int t = 0; t < count; t++) w.Line($"{lanes.Type} a{t} = {lanes.Zero};");
                w.Line($"ref float weights = ref {UnsafeTypeRef}.Add(ref {Parameters}, {Index.Add($"{layer.Label}.Weights", i)});");
                w.Line($"ref float unit = ref {Delta};");
                using (w.Block($"for (int u = 0; u < {Format.Int(units)}; u++)"))
                {
                    w.Line($"{lanes.Type} d = {lanes.Api}.LoadUnsafe(ref unit);");
                    for (int t = 0; t < count; t++)
                        w.Line($"a{t} = {lanes.Fma("d", lanes.Splat(Walked("weights", t)), $"a{t}")};");
                    w.Line($"weights = ref {UnsafeTypeRef}.Add(ref weights, {Format.Int(inputs)});");
                    w.Line($"unit = ref {UnsafeTypeRef}.Add(ref unit, {Format.Int(lanes.Count)});");
                }
                for (int t = 0; t < count; t++)
                    w.Line(lanes.Store($"a{t}", InputDelta, Index.Add(i, t)));
            });
        }

        w.Line($"// The input transposed, sample after sample, so the weight gradient is broadcast deltas times input vectors.");
        w.Line($"{LanesTypeRef}.Transpose(ref {Input}, {Format.Int(inputs)}, {Format.Int(l)}, ref {BlockText.Work});");

        int rows = l == 16 ? 4 : 3, vectors = l == 16 ? 4 : 3;
        int chunk = vectors * l, chunks = inputs / chunk * chunk, whole = inputs / l * l;
        w.Line($"// Weight gradients in tiles of {Format.Int(rows)} units x {Format.Int(vectors)} input vectors, summed over the block's samples.");
        void Tile(int count, string j, int width, string i)
        {
            for (int t = 0; t < count; t++)
                w.Line($"{lanes.Type} {string.Join(", ", Enumerable.Range(0, width).Select(v => $"g{t}x{v} = {lanes.Zero}"))};");
            // Each sample's inputs and the tile's deltas walk references, so every load has a constant offset.
            w.Line($"ref float inputs = ref {UnsafeTypeRef}.Add(ref {BlockText.Work}, {i});");
            w.Line($"ref float deltas = ref {UnsafeTypeRef}.Add(ref {Delta}, {Index.Mul(j, l)});");
            using (w.Block($"for (int s = 0; s < {Format.Int(l)}; s++)"))
            {
                for (int v = 0; v < width; v++)
                    w.Line($"{lanes.Type} x{v} = {lanes.Api}.LoadUnsafe(ref inputs, ({NativeUIntTypeRef}){Format.Int(v * l)});");
                for (int t = 0; t < count; t++)
                {
                    w.Line($"{lanes.Type} d{t} = {lanes.Splat(Walked("deltas", t * l))};");
                    for (int v = 0; v < width; v++)
                        w.Line($"g{t}x{v} = {lanes.Fma($"d{t}", $"x{v}", $"g{t}x{v}")};");
                }
                w.Line($"inputs = ref {UnsafeTypeRef}.Add(ref inputs, {Format.Int(inputs)});");
                w.Line($"deltas = ref {UnsafeTypeRef}.Add(ref deltas, 1);");
            }
            for (int t = 0; t < count; t++)
            {
                w.Line($"ref float slots{t} = ref {UnsafeTypeRef}.Add(ref {Accumulator}, {Index.Add(Index.Add($"{layer.Label}.Weights", Index.Mul(Index.Add(j, t), inputs)), i)});");
                for (int v = 0; v < width; v++)
                    w.Line($"{lanes.Api}.StoreUnsafe({lanes.Api}.LoadUnsafe(ref slots{t}, ({NativeUIntTypeRef}){Format.Int(v * l)}) + g{t}x{v}, ref slots{t}, ({NativeUIntTypeRef}){Format.Int(v * l)});");
            }
        }
        BlockText.UnitTiles(w, units, rows, (count, j) =>
        {
            Index.For(w, "i", 0, chunks, chunk, i => Tile(count, j, vectors, i));
            if (whole > chunks)
                using (w.Block(""))
                    Tile(count, j, (whole - chunks) / l, Format.Int(chunks));
        });
        if (whole < inputs)
        {
            w.Line("// The inputs past the last whole vector: one dot product over the lanes each.");
            using (w.Block($"for (int u = 0; u < {Format.Int(units)}; u++)"))
            {
                w.Line($"{lanes.Type} d = {lanes.Load(Delta, "u")};");
                using (w.Block($"for (int i = {Format.Int(whole)}; i < {Format.Int(inputs)}; i++)"))
                    w.Line($"{UnsafeTypeRef}.Add(ref {Accumulator}, {layer.Label}.Weights + u * {Format.Int(inputs)} + i) += {lanes.Sum($"d * {lanes.Load(Input, "i")}")};");
            }
        }
        BlockText.BiasGradient(w, layer, lanes, units, 1);
    }

    /// <summary>The float <paramref name="offset"/> floats past the walked reference <paramref name="reference"/>.</summary>
    private static string Walked(string reference, int offset) =>
        offset == 0 ? reference : $"{UnsafeTypeRef}.Add(ref {reference}, {Format.Int(offset)})";
}
