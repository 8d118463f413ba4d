using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Writes {Class}.Backward.g.cs (back-propagation of dE/dy into dE/dw) or {Class}.Curvature.g.cs
/// (the paper's diagonal Gauss-Newton pass): public entry points that check buffer lengths once,
/// then one region per layer, last layer first. Deltas live in the caller's scratch at the same
/// offsets as the activations they belong to.
/// </summary>
internal static class BackwardFileEmitter
{
    public static string Emit(NetworkSpec spec, Pass pass)
    {
        var w = new IndentedTextWriter();
        using (SourceHeader.Open(w, spec, pass == Pass.Gradient ? "backward pass" : "second-order (curvature) backward pass"))
        {
            WriteEntryPoints(w, spec, pass);
            foreach (LayerSpec layer in spec.Layers.Reverse())
            {
                w.Line();
                w.Line($"#region {layer.Describe()}");
                w.Line();
                WriteLayer(w, spec, layer, pass);
                w.Line();
                w.Line("#endregion");
            }
        }
        return w.ToString();
    }

    private static string Sample(Pass pass) => pass == Pass.Gradient ? "BackwardSample" : "CurvatureSample";
    private static string LayerMethod(Pass pass, LayerSpec layer) => GeneratedNames.BackwardKernel(layer.Label, pass);

    private static void WriteEntryPoints(IndentedTextWriter w, NetworkSpec spec, Pass pass)
    {
        string outputDelta = pass == Pass.Gradient ? "outputGradient" : "outputCurvature";
        string accumulator = pass == Pass.Gradient ? "gradient" : "curvature";
        string last = spec.OutputLayer.Label;
        w.Line(pass == Pass.Gradient
            ? "/// <summary>Back-propagates dE/dy of the outputs through one sample and adds dE/dw into <paramref name=\"gradient\"/>.</summary>"
            : "/// <summary>Back-propagates the diagonal Gauss-Newton curvature of the outputs through one sample and adds d2E/dw2 into <paramref name=\"curvature\"/>.</summary>");
        using (w.Block($"public static void {pass.Method()}({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {ReadOnlySpanTypeRef}<float> activations, {ReadOnlySpanTypeRef}<float> {outputDelta}, {SpanTypeRef}<float> {accumulator}, {SpanTypeRef}<float> scratch)"))
        {
            FlavourChain.SettleKernelPath(w);
            WriteChecks(w, accumulator, outputDelta);
            w.Line($"{outputDelta}.Slice(0, OutputSize).CopyTo(scratch.Slice({last}.Output, OutputSize));");
            w.Line($"{Sample(pass)}(ref {MemoryMarshalTypeRef}.GetReference(parameters), ref {MemoryMarshalTypeRef}.GetReference(input), ref {MemoryMarshalTypeRef}.GetReference(activations), ref {MemoryMarshalTypeRef}.GetReference({accumulator}), ref {MemoryMarshalTypeRef}.GetReference(scratch));");
        }
        if (pass == Pass.Gradient)
            WriteSgdStep(w, last);
        w.Line();
        w.Line("/// <summary>The layers from last to first; each turns its output delta into its input delta.</summary>");
        using (w.Block($"private static void {Sample(pass)}(ref float {Parameters}, ref float {Input}, ref float activations, ref float {Accumulator}, ref float {Delta})"))
        {
            for (int i = spec.Layers.Count - 1; i >= 0; i--)
            {
                LayerSpec layer = spec.Layers[i];
                string input = i == 0 ? $"ref {Input}" : $"ref {UnsafeTypeRef}.Add(ref activations, {spec.Layers[i - 1].Label}.Output)";
                string inputDelta = i == 0 ? "" : $", ref {UnsafeTypeRef}.Add(ref {Delta}, {spec.Layers[i - 1].Label}.Output)";
                string padding = layer.PaddedDeltaSize > 0 ? $", ref {UnsafeTypeRef}.Add(ref {Delta}, ActivationCount)" : "";
                w.Line($"{LayerMethod(pass, layer)}(ref {Parameters}, {input}, ref {UnsafeTypeRef}.Add(ref activations, {layer.Label}.Output), ref {UnsafeTypeRef}.Add(ref {Delta}, {layer.Label}.Output){inputDelta}{padding}, ref {Accumulator});");
            }
        }
    }

    /// <summary>
    /// One plain SGD step fused into the backward pass: the output gradient is scaled by -rate and the
    /// parameters themselves are the accumulator. Exact because every layer kernel reads its
    /// parameters before adding into them.
    /// </summary>
    private static void WriteSgdStep(IndentedTextWriter w, string last)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One SGD step for one sample, fused into the backward pass: parameters -= learningRate * dE/dw,");
        w.Line("/// with the parameters as the accumulator (every layer reads its parameters before adding into them).");
        w.Line("/// </summary>");
        using (w.Block($"public static void SgdStep({SpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {ReadOnlySpanTypeRef}<float> activations, {ReadOnlySpanTypeRef}<float> outputGradient, float learningRate, {SpanTypeRef}<float> scratch)"))
        {
            FlavourChain.SettleKernelPath(w);
            WriteChecks(w, "parameters", "outputGradient");
            w.Line($"{SpanTypeRef}<float> seed = scratch.Slice({last}.Output, OutputSize);");
            using (w.Block("for (int unit = 0; unit < OutputSize; unit++)"))
                w.Line("seed[unit] = -learningRate * outputGradient[unit];");
            w.Line($"ref float weights = ref {MemoryMarshalTypeRef}.GetReference(parameters);");
            w.Line($"BackwardSample(ref weights, ref {MemoryMarshalTypeRef}.GetReference(input), ref {MemoryMarshalTypeRef}.GetReference(activations), ref weights, ref {MemoryMarshalTypeRef}.GetReference(scratch));");
        }
    }

    private static void WriteChecks(IndentedTextWriter w, string accumulator, string outputDelta)
    {
        w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(parameters), parameters.Length, ParameterCount);");
        w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(input), input.Length, InputSize);");
        w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(activations), activations.Length, ActivationCount);");
        w.Line($"{GuardTypeRef}.Length(NetworkName, nameof({outputDelta}), {outputDelta}.Length, OutputSize);");
        if (accumulator != "parameters")
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof({accumulator}), {accumulator}.Length, ParameterCount);");
        w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(scratch), scratch.Length, ScratchSize);");
    }

    private static void WriteLayer(IndentedTextWriter w, NetworkSpec spec, LayerSpec layer, Pass pass)
    {
        ILayerEmitter emitter = LayerEmitters.For(layer);
        bool first = layer.Index == 0;
        string inputDelta = first ? "" : $", ref float {InputDelta}";
        string padding = layer.PaddedDeltaSize > 0 ? $", ref float {Padded}" : "";
        KernelMethod.Write(w, spec, LayerMethod(pass, layer), $"ref float {Parameters}, ref float {Input}, ref float {Output}, ref float {Delta}{inputDelta}{padding}, ref float {Accumulator}",
            emitter.Vectorised(layer), widest => emitter.Backward(w, layer, widest, pass, first));
    }
}
