using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;

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
                WriteLayer(w, layer, pass);
                w.Line();
                w.Line("#endregion");
            }
        }
        return w.ToString();
    }

    private static string Sample(Pass pass) => pass == Pass.Gradient ? "BackwardSample" : "CurvatureSample";
    private static string LayerMethod(Pass pass, LayerSpec layer) => (pass == Pass.Gradient ? "Backward" : "Curvature") + layer.Label;

    private static void WriteEntryPoints(IndentedTextWriter w, NetworkSpec spec, Pass pass)
    {
        string outputDelta = pass == Pass.Gradient ? "outputGradient" : "outputCurvature";
        string accumulator = pass == Pass.Gradient ? "gradient" : "curvature";
        string last = spec.OutputLayer.Label;
        w.Line(pass == Pass.Gradient
            ? "/// <summary>Back-propagates dE/dy of the outputs through one sample and adds dE/dw into <paramref name=\"gradient\"/>.</summary>"
            : "/// <summary>Back-propagates the diagonal Gauss-Newton curvature of the outputs through one sample and adds d2E/dw2 into <paramref name=\"curvature\"/>.</summary>");
        using (w.Block($"public static void {pass.Method()}(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations, ReadOnlySpan<float> {outputDelta}, Span<float> {accumulator}, Span<float> scratch)"))
        {
            FlavourChain.SettleKernelPath(w);
            WriteChecks(w, accumulator, outputDelta, "input", "batch: false");
            w.Line($"{outputDelta}.Slice(0, OutputSize).CopyTo(scratch.Slice({last}.Output, OutputSize));");
            w.Line($"{Sample(pass)}(ref MemoryMarshal.GetReference(parameters), ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(activations), ref MemoryMarshal.GetReference({accumulator}), ref MemoryMarshal.GetReference(scratch));");
        }
        if (pass == Pass.Gradient)
        {
            w.Line();
            w.Line("/// <summary>Back-propagates a batch; every sample's dE/dw is added into the one <paramref name=\"gradient\"/>.</summary>");
            using (w.Block("public static void BackwardBatch(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> activations, ReadOnlySpan<float> outputGradients, Span<float> gradient, Span<float> scratch, int batch)"))
            {
                FlavourChain.SettleKernelPath(w);
                w.Line("Guard.Batch(NetworkName, batch);");
                WriteChecks(w, "gradient", "outputGradients", "inputs", "batch: true");
                using (w.Block("for (int sample = 0; sample < batch; sample++)"))
                {
                    w.Line($"outputGradients.Slice(sample * OutputSize, OutputSize).CopyTo(scratch.Slice({last}.Output, OutputSize));");
                    w.Line("BackwardSample(ref MemoryMarshal.GetReference(parameters), ref Unsafe.Add(ref MemoryMarshal.GetReference(inputs), sample * InputSize),");
                    w.Line("    ref Unsafe.Add(ref MemoryMarshal.GetReference(activations), sample * ActivationCount), ref MemoryMarshal.GetReference(gradient), ref MemoryMarshal.GetReference(scratch));");
                }
            }
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
                string input = i == 0 ? $"ref {Input}" : $"ref Unsafe.Add(ref activations, {spec.Layers[i - 1].Label}.Output)";
                string inputDelta = i == 0 ? "" : $", ref Unsafe.Add(ref {Delta}, {spec.Layers[i - 1].Label}.Output)";
                string padding = layer.PaddedDeltaSize > 0 ? $", ref Unsafe.Add(ref {Delta}, ActivationCount)" : "";
                w.Line($"{LayerMethod(pass, layer)}(ref {Parameters}, {input}, ref Unsafe.Add(ref activations, {layer.Label}.Output), ref Unsafe.Add(ref {Delta}, {layer.Label}.Output){inputDelta}{padding}, ref {Accumulator});");
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
        using (w.Block("public static void SgdStep(Span<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations, ReadOnlySpan<float> outputGradient, float learningRate, Span<float> scratch)"))
        {
            FlavourChain.SettleKernelPath(w);
            WriteChecks(w, "parameters", "outputGradient", "input", "batch: false");
            w.Line($"Span<float> seed = scratch.Slice({last}.Output, OutputSize);");
            using (w.Block("for (int unit = 0; unit < OutputSize; unit++)"))
                w.Line("seed[unit] = -learningRate * outputGradient[unit];");
            w.Line("ref float weights = ref MemoryMarshal.GetReference(parameters);");
            w.Line("BackwardSample(ref weights, ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(activations), ref weights, ref MemoryMarshal.GetReference(scratch));");
        }
    }

    private static void WriteChecks(IndentedTextWriter w, string accumulator, string outputDelta, string input, string batch)
    {
        string times = batch == "batch: true" ? "batch * " : "";
        w.Line("Guard.Length(NetworkName, nameof(parameters), parameters.Length, ParameterCount);");
        w.Line($"Guard.Length(NetworkName, nameof({input}), {input}.Length, {times}InputSize);");
        w.Line($"Guard.Length(NetworkName, nameof(activations), activations.Length, {times}ActivationCount);");
        w.Line($"Guard.Length(NetworkName, nameof({outputDelta}), {outputDelta}.Length, {times}OutputSize);");
        if (accumulator != "parameters")
            w.Line($"Guard.Length(NetworkName, nameof({accumulator}), {accumulator}.Length, ParameterCount);");
        w.Line("Guard.Length(NetworkName, nameof(scratch), scratch.Length, ScratchSize);");
    }

    private static void WriteLayer(IndentedTextWriter w, LayerSpec layer, Pass pass)
    {
        ILayerEmitter emitter = LayerEmitters.For(layer);
        bool first = layer.Index == 0;
        string inputDelta = first ? "" : $", ref float {InputDelta}";
        string padding = layer.PaddedDeltaSize > 0 ? $", ref float {Padded}" : "";
        // Kernels go straight to optimised code: tiered compilation would run them unoptimised for the first calls.
        w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (w.Block($"private static void {LayerMethod(pass, layer)}(ref float {Parameters}, ref float {Input}, ref float {Output}, ref float {Delta}{inputDelta}{padding}, ref float {Accumulator})"))
            FlavourChain.Write(w, emitter.Vectorised, widest => emitter.Backward(w, layer, widest, pass, first));
    }
}
