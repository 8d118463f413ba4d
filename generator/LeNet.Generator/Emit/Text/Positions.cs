using System;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// A replicated network's output layer (RBF or softmax, <see cref="LayerSpec.PerPosition"/>) runs at
/// every position of its input, with unit i of position p at i * positions + p.
/// </summary>
internal static class Positions
{
    /// <summary>The loop over the positions.</summary>
    public static IndentedTextWriter.BlockScope Open(IndentedTextWriter w, LayerSpec layer) =>
        w.Block($"for (int position = 0; position < {Format.Int(layer.Positions)}; position++)");

    /// <summary>Unit <paramref name="unit"/> of the current position in <paramref name="reference"/> (one-sample kernels).</summary>
    public static string At(LayerSpec layer, string reference, string unit) =>
        $"{UnsafeTypeRef}.Add(ref {reference}, ({unit}) * {Format.Int(layer.Positions)} + position)";

    /// <summary>In a block kernel, the loop over the positions when the layer runs per position, else nothing.</summary>
    public static IDisposable? OpenBlock(IndentedTextWriter w, LayerSpec layer) => layer.PerPosition ? Open(w, layer) : null;

    /// <summary>Unit <paramref name="index"/> of an output layer's vector: of the current position when it runs per position.</summary>
    public static string Unit(LayerSpec layer, string index) =>
        layer.PerPosition ? $"({index}) * {Format.Int(layer.Positions)} + position" : index;
}
