using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Writes {Class}.Block.g.cs: the batched entry points, which run one block of samples with one
/// sample per vector lane (<see cref="Lanes"/>), and one region per layer with its forward and
/// backward block kernels (each kind's unit, <see cref="ILayerEmitter"/>). Without vectors a block is one sample and
/// the entry points run the one-sample kernels.
/// </summary>
internal static class BlockFileEmitter
{
    public static string Emit(NetworkSpec spec)
    {
        var w = new IndentedTextWriter();
        using (SourceHeader.Open(w, spec, "batched forward and backward passes, one sample per vector lane"))
        {
            WriteSizes(w, spec);
            WriteForward(w, spec);
            WriteBackward(w, spec);
            foreach (LayerSpec layer in spec.Layers)
            {
                w.Line();
                w.Line($"#region {layer.Describe()}, one block");
                w.Line();
                WriteLayer(w, spec, layer);
                w.Line();
                w.Line("#endregion");
            }
        }
        return w.ToString();
    }

    /// <summary>Floats of block scratch past the deltas, per lane: the largest need of any layer's backward kernel.</summary>
    private static int WorkUnits(NetworkSpec spec) => spec.Layers.Max(layer => LayerEmitters.For(layer).BlockWorkUnits(layer));

    private static void WriteSizes(IndentedTextWriter w, NetworkSpec spec)
    {
        int activations = spec.ActivationCount, work = WorkUnits(spec);
        w.Line("/// <summary>Samples per block: the lanes of the widest vector on the kernel path in use, or 1 without vectors.</summary>");
        w.Line($"public static int BlockSize => {KernelPathTypeRef}.Vector512 ? 16 : {KernelPathTypeRef}.Vector256 ? 8 : 1;");
        w.Line();
        w.Line($"/// <summary>Floats of scratch a <see cref=\"BackwardBlock\"/> call needs: the deltas of every activation of the block, then {Format.Int(work)} per sample of work space (padded deltas, transposed inputs).</summary>");
        w.Line($"public static int BlockScratchSize => BlockSize == 1 ? ScratchSize : BlockSize * {Format.Int(activations + work)};");
    }

    private static void WriteForward(IndentedTextWriter w, NetworkSpec spec)
    {
        WriteForward(w, spec, training: false);
        if (spec.HasDropout)
            WriteForward(w, spec, training: true);
    }

    private static void WriteForward(IndentedTextWriter w, NetworkSpec spec, bool training)
    {
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs one block of <see cref=\"BlockSize\"/> samples forward: <paramref name=\"inputs\"/> and <paramref name=\"activations\"/>");
        w.Line("/// hold unit after unit, each unit one value per sample (<c>[unit * BlockSize + sample]</c>).");
        if (training)
            w.Line("/// Training draws dropout masks from <paramref name=\"step\"/>, lane l being sample <c>step.FirstSample + l</c>.");
        w.Line("/// </summary>");
        using (w.Block($"public static void {(training ? "ForwardBlockTraining" : "ForwardBlock")}({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> inputs, {SpanTypeRef}<float> activations{(training ? DropoutEmitter.StepParameter(spec) : "")})"))
        {
            FlavourChain.SettleKernelPath(w);
            w.Line("int lanes = BlockSize;");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(parameters), parameters.Length, ParameterCount);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(inputs), inputs.Length, lanes * InputSize);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(activations), activations.Length, lanes * ActivationCount);");
            w.Line($"ref float weights = ref {MemoryMarshalTypeRef}.GetReference(parameters);");
            w.Line($"ref float block = ref {MemoryMarshalTypeRef}.GetReference(activations);");
            using (w.Block("if (lanes == 1)"))
            {
                w.Line($"ForwardSample(ref weights, ref {MemoryMarshalTypeRef}.GetReference(inputs), ref block{DropoutEmitter.StepValue(spec, training)});");
                w.Line("return;");
            }
            string previous = $"ref {MemoryMarshalTypeRef}.GetReference(inputs)";
            foreach (LayerSpec layer in spec.Layers)
            {
                string current = $"ref {UnsafeTypeRef}.Add(ref block, {layer.Label}.Output * lanes)";
                w.Line($"{GeneratedNames.ForwardBlockKernel(layer.Label)}(ref weights, {previous}, {current}{DropoutEmitter.BlockStepArgument(layer, training)});");
                previous = current;
            }
        }
    }

    private static void WriteBackward(IndentedTextWriter w, NetworkSpec spec)
    {
        string last = spec.OutputLayer.Label;
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Back-propagates one block whose <see cref=\"ForwardBlock\"/> left <paramref name=\"activations\"/> and adds the sum of its");
        w.Line("/// samples' dE/dw into <paramref name=\"gradient\"/>; <paramref name=\"outputGradients\"/> is in the block layout.");
        w.Line("/// </summary>");
        using (w.Block($"public static void BackwardBlock({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> inputs, {ReadOnlySpanTypeRef}<float> activations, {ReadOnlySpanTypeRef}<float> outputGradients, {SpanTypeRef}<float> gradient, {SpanTypeRef}<float> scratch)"))
        {
            FlavourChain.SettleKernelPath(w);
            w.Line("int lanes = BlockSize;");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(parameters), parameters.Length, ParameterCount);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(inputs), inputs.Length, lanes * InputSize);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(activations), activations.Length, lanes * ActivationCount);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(outputGradients), outputGradients.Length, lanes * OutputSize);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(gradient), gradient.Length, ParameterCount);");
            w.Line($"{GuardTypeRef}.Length(NetworkName, nameof(scratch), scratch.Length, BlockScratchSize);");
            w.Line($"outputGradients.Slice(0, lanes * OutputSize).CopyTo(scratch.Slice({last}.Output * lanes, lanes * OutputSize));");
            w.Line($"ref float weights = ref {MemoryMarshalTypeRef}.GetReference(parameters);");
            w.Line($"ref float {Input} = ref {MemoryMarshalTypeRef}.GetReference(inputs);");
            w.Line($"ref float block = ref {MemoryMarshalTypeRef}.GetReference(activations);");
            w.Line($"ref float {Accumulator} = ref {MemoryMarshalTypeRef}.GetReference(gradient);");
            w.Line($"ref float deltas = ref {MemoryMarshalTypeRef}.GetReference(scratch);");
            using (w.Block("if (lanes == 1)"))
            {
                w.Line($"BackwardSample(ref weights, ref {Input}, ref block, ref {Accumulator}, ref deltas);");
                w.Line("return;");
            }
            w.Line($"ref float {BlockText.Work} = ref {UnsafeTypeRef}.Add(ref deltas, ActivationCount * lanes);");
            for (int i = spec.Layers.Count - 1; i >= 0; i--)
            {
                LayerSpec layer = spec.Layers[i];
                string input = i == 0 ? $"ref {Input}" : $"ref {UnsafeTypeRef}.Add(ref block, {spec.Layers[i - 1].Label}.Output * lanes)";
                string inputDelta = i == 0 ? "" : $", ref {UnsafeTypeRef}.Add(ref deltas, {spec.Layers[i - 1].Label}.Output * lanes)";
                w.Line($"{GeneratedNames.BackwardBlockKernel(layer.Label)}(ref weights, {input}, ref {UnsafeTypeRef}.Add(ref block, {layer.Label}.Output * lanes), ref {UnsafeTypeRef}.Add(ref deltas, {layer.Label}.Output * lanes){inputDelta}, ref {BlockText.Work}, ref {Accumulator});");
            }
        }
    }

    private static void WriteLayer(IndentedTextWriter w, NetworkSpec spec, LayerSpec layer)
    {
        ILayerEmitter emitter = LayerEmitters.For(layer);
        bool first = layer.Index == 0;
        KernelMethod.Write(w, spec, GeneratedNames.ForwardBlockKernel(layer.Label), $"ref float {Parameters}, ref float {Input}, ref float {Output}{DropoutEmitter.StepParameter(layer)}",
            lanes => emitter.BlockForward(w, layer, lanes));
        w.Line();
        string inputDelta = first ? "" : $", ref float {InputDelta}";
        KernelMethod.Write(w, spec, GeneratedNames.BackwardBlockKernel(layer.Label), $"ref float {Parameters}, ref float {Input}, ref float {Output}, ref float {Delta}{inputDelta}, ref float {BlockText.Work}, ref float {Accumulator}",
            lanes =>
            {
                if (!emitter.FusesBlockDerivative(layer, lanes, first)) BlockText.ActivationDerivative(w, layer, lanes);
                emitter.BlockBackward(w, layer, lanes, first);
            });
    }
}
