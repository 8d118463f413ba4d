using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Writes {Class}.Forward.g.cs: the public forward entry points (one sample, a batch), which check
/// buffer lengths once, then one region per layer with its kernel.
/// </summary>
internal static class ForwardFileEmitter
{
    public static string Emit(NetworkSpec spec)
    {
        var w = new IndentedTextWriter();
        using (SourceHeader.Open(w, spec, "forward pass"))
        {
            WriteEntryPoints(w, spec);
            foreach (LayerSpec layer in spec.Layers)
            {
                w.Line();
                w.Line($"#region {layer.Describe()}");
                w.Line();
                WriteLayer(w, spec, layer);
                w.Line();
                w.Line("#endregion");
            }
        }
        return w.ToString();
    }

    private static void WriteEntryPoints(IndentedTextWriter w, NetworkSpec spec)
    {
        WriteEntryPoint(w, spec, training: false);
        if (spec.HasDropout)
        {
            w.Line();
            WriteEntryPoint(w, spec, training: true);
        }
        w.Line();
        w.Line("/// <summary>The layers in order; each reads the previous layer's outputs from the activations.</summary>");
        using (w.Block($"private static void ForwardSample(ref float {Parameters}, ref float {Input}, ref float activations{DropoutEmitter.StepParameter(spec)})"))
        {
            string previous = $"ref {Input}";
            foreach (LayerSpec layer in spec.Layers)
            {
                string current = $"ref {UnsafeTypeRef}.Add(ref activations, {layer.Label}.Output)";
                w.Line($"{GeneratedNames.ForwardKernel(layer.Label)}(ref {Parameters}, {previous}, {current}{DropoutEmitter.StepArgument(layer)});");
                previous = current;
            }
        }
    }

    /// <summary>The public one-sample forward pass: an evaluation pass, or, <paramref name="training"/>, one that takes a TrainingStep.</summary>
    private static void WriteEntryPoint(IndentedTextWriter w, NetworkSpec spec, bool training)
    {
        w.Line(training
            ? "/// <summary>Runs one sample forward as <paramref name=\"step\"/> says (training draws dropout masks), writing every layer's outputs into <paramref name=\"activations\"/>.</summary>"
            : "/// <summary>Runs one sample forward, writing every layer's outputs into <paramref name=\"activations\"/>.</summary>");
        using (w.Block($"public static void {(training ? "ForwardTraining" : "Forward")}({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {SpanTypeRef}<float> activations{(training ? DropoutEmitter.StepParameter(spec) : "")})"))
        {
            FlavourChain.SettleKernelPath(w);
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(parameters), parameters.Length, ParameterCount);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(input), input.Length, InputSize);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(activations), activations.Length, ActivationCount);");
            w.Line($"ForwardSample(ref {MemoryMarshalTypeRef}.GetReference(parameters), ref {MemoryMarshalTypeRef}.GetReference(input), ref {MemoryMarshalTypeRef}.GetReference(activations){DropoutEmitter.StepValue(spec, training)});");
        }
    }

    private static void WriteLayer(IndentedTextWriter w, NetworkSpec spec, LayerSpec layer)
    {
        ILayerEmitter emitter = LayerEmitters.For(layer);
        KernelMethod.Write(w, spec, GeneratedNames.ForwardKernel(layer.Label), $"ref float {Parameters}, ref float {Input}, ref float {Output}{DropoutEmitter.StepParameter(layer)}",
            emitter.Vectorised(layer), widest => emitter.Forward(w, layer, widest));
    }
}
