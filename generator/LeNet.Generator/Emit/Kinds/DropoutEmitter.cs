using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.KernelNames;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Dropout: every pass of the kind, and the <c>TrainingStep</c> its forward kernels take. Forward,
/// y = x * step.DropoutFactor(unit, lane, rate) (the mask is drawn by the runtime, a hash of the
/// seed, the sample and the unit, so every path draws the same); backward, the delta times
/// TrainingStep.DropoutDerivative(x, y, rate), read from the activations, so the backward passes
/// need no mask. On a block, one lane at a time (<see cref="SampleUnits"/>).
/// </summary>
internal sealed class DropoutEmitter : ILayerEmitter
{
    private const string StepType = RuntimeNamespaceRef + ".TrainingStep";

    /// <summary>The pass that draws no masks, for the evaluation entry points.</summary>
    public const string Evaluation = StepType + ".Evaluation";

    /// <summary>The step parameter of a network's forward entry points and sample method, when it has dropout.</summary>
    public static string StepParameter(NetworkSpec spec) => spec.HasDropout ? $", {StepType} step" : "";

    /// <summary>The step parameter of a layer's forward kernels, for dropout.</summary>
    public static string StepParameter(LayerSpec layer) => layer.Kind == LayerKind.Dropout ? $", {StepType} step" : "";

    /// <summary>The step a sample method passes a layer's forward kernel, for dropout.</summary>
    public static string StepArgument(LayerSpec layer) => layer.Kind == LayerKind.Dropout ? ", step" : "";

    /// <summary>The step an entry point passes on: its own when <paramref name="training"/>, else evaluation; nothing without dropout.</summary>
    public static string StepValue(NetworkSpec spec, bool training) => !spec.HasDropout ? "" : training ? ", step" : ", " + Evaluation;

    /// <summary>The step a block entry point passes a layer's block forward kernel: its own when <paramref name="training"/>, else evaluation; nothing but for dropout.</summary>
    public static string BlockStepArgument(LayerSpec layer, bool training) =>
        layer.Kind != LayerKind.Dropout ? "" : training ? ", step" : ", " + Evaluation;

    public bool Vectorised(LayerSpec layer) => false;

    public void Forward(IndentedTextWriter w, LayerSpec layer, int widest) => WriteForward(w, layer, SampleUnits.One);

    public void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first) =>
        WriteBackward(w, layer, pass, first, SampleUnits.One);

    public int BlockWorkUnits(LayerSpec layer) => 0;

    /// <summary>The block forward kernel, lane by lane: lane l is sample step.FirstSample + l.</summary>
    public void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes) =>
        WriteForward(w, layer, new SampleUnits(lanes.Count));

    public bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first) => false;

    /// <summary>The block backward kernel (gradient pass), lane by lane.</summary>
    public void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first) =>
        WriteBackward(w, layer, Pass.Gradient, first, new SampleUnits(lanes.Count));

    private static void WriteForward(IndentedTextWriter w, LayerSpec layer, SampleUnits units)
    {
        w.Line($"// Kept units are scaled by 1 / (1 - {Format.Float(layer.Rate)}) in training, dropped ones are 0; evaluation copies.");
        using (units.OpenLanes(w))
        using (w.Block($"for (int u = 0; u < {Format.Int(layer.Output.Size)}; u++)"))
            w.Line($"{units.At(Output, "u")} = {units.At(Input, "u")} * step.DropoutFactor({layer.Label}.Output + u, {units.Lane}, {Format.Float(layer.Rate)});");
    }

    private static void WriteBackward(IndentedTextWriter w, LayerSpec layer, Pass pass, bool first, SampleUnits units)
    {
        if (first)
        {
            w.Line("// The first layer has no parameters and passes no delta on.");
            return;
        }
        string derivative = $"{StepType}.DropoutDerivative({units.At(Input, "u")}, {units.At(Output, "u")}, {Format.Float(layer.Rate)})";
        using (units.OpenLanes(w))
        using (w.Block($"for (int u = 0; u < {Format.Int(layer.Output.Size)}; u++)"))
            w.Line($"{units.At(InputDelta, "u")} = {units.At(Delta, "u")} * {pass.Factor(derivative)};");
    }
}
