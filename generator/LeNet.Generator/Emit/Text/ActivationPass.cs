using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;

namespace LeNet.Generator.Emit;

/// <summary>The element-wise passes over a whole layer: squash the outputs; turn dE/dy into dE/da.</summary>
internal static class ActivationPass
{
    /// <summary>output = f(output) over the layer, in place (nothing for the identity).</summary>
    public static void Squash(IndentedTextWriter w, LayerSpec layer, int widest)
    {
        if (layer.Activation == Activation.Identity) return;
        w.Line($"// Squash all {Format.Int(layer.Output.Size)} outputs in place with {layer.Activation}.");
        Ladder.ForEach(w, layer.Output.Size, widest, "i", (width, offset) =>
            w.Line(Simd.Store(width, ActivationText.Apply(layer.Activation, Simd.Load(width, Output, offset)), Output, offset)));
    }

    /// <summary>delta = delta * f'(a) (squared for the curvature pass), f' computed from the stored outputs.</summary>
    public static void DeltaToWeightedSums(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass)
    {
        if (layer.Activation == Activation.Identity) return;
        w.Line(pass == Pass.Gradient
            ? $"// dE/da = dE/dy * f'(a), with f'(a) from the outputs y ({layer.Activation})."
            : $"// d2E/da2 = d2E/dy2 * f'(a)^2, with f'(a) from the outputs y ({layer.Activation}).");
        Ladder.ForEach(w, layer.Output.Size, widest, "i", (width, offset) =>
        {
            string slope = ActivationText.Derivative(layer.Activation, Simd.Load(width, Output, offset))!;
            if (pass == Pass.Gradient)
            {
                w.Line(Simd.Store(width, $"{Simd.Load(width, Delta, offset)} * {slope}", Delta, offset));
                return;
            }
            using (w.Block(""))
            {
                w.Line($"{Simd.Type(width)} slope = {slope};");
                w.Line(Simd.Store(width, $"{Simd.Load(width, Delta, offset)} * {pass.Factor("slope")}", Delta, offset));
            }
        });
    }
}
