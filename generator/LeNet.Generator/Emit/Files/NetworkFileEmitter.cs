using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Helpers;
using LeNet.Generator.Model;
using static LeNet.Generator.Emit.TypeRefs;

namespace LeNet.Generator.Emit;

/// <summary>
/// Writes {Class}.Network.g.cs: the layout table, shape and offset constants per layer, the
/// connection tables, the layer list as runtime metadata, and the INetwork implementation that
/// routes the runtime's calls to the static kernels.
/// </summary>
internal static class NetworkFileEmitter
{
    private const string Runtime = RuntimeNamespaceRef;

    public static string Emit(NetworkSpec spec, string version)
    {
        var w = new IndentedTextWriter();
        void BeforeClass()
        {
            WriteRemarks(w, spec);
            w.Line($"[{GeneratedCodeTypeRef}(\"LeNet.Generator\", \"{version}\")]");
        }
        string contract = spec.Replica is null ? $"{Runtime}.INetwork" : $"{Runtime}.IReplicatedNetwork";
        using (SourceHeader.Open(w, spec, "shapes, parameter layout and metadata", $"partial class {Format.Identifier(spec.ClassName)} : {contract}, {Runtime}.IFusedSgdStep", BeforeClass))
        {
            WriteConstants(w, spec);
            if (spec.Replica is { } replica)
                WriteReplica(w, replica);
            foreach (LayerSpec layer in spec.Layers)
                WriteLayerClass(w, layer);
            foreach (LayerSpec layer in spec.Layers.Where(l => l.HasTable))
                WriteTables(w, layer);
            WriteDescription(w, spec);
            WriteInterface(w, spec);
            if (spec.Replica is { } replicated)
                WriteReplicaInterface(w, replicated);
        }
        return w.ToString();
    }

    private static void WriteReplica(IndentedTextWriter w, ReplicaSpec replica)
    {
        string what = replica.Rows == 1 ? "strip" : "page", between = replica.Rows == 1 ? "columns between neighbouring positions" : "columns and rows between neighbouring windows";
        w.Line($"/// <summary>The field network this {what} replicates, as declared for one window: its parameters are this network's, same layout.</summary>");
        w.Line($"public static {Runtime}.NetworkDescription Field => {replica.FieldType}.Description;");
        w.Line($"/// <summary>Input {between} (the product of the field's subsampling windows).</summary>");
        w.Line($"public const int Step = {Format.Int(replica.Step)};");
        if (replica.Rows == 1)
        {
            w.Line($"/// <summary>Positions along the strip: position p reads input columns [p * Step, p * Step + {Format.Int(replica.FieldWidth)}); its output unit u is at u * Positions + p.</summary>");
            w.Line($"public const int Positions = {Format.Int(replica.Positions)};");
            return;
        }
        w.Line($"/// <summary>Positions along each row of windows: position p reads input columns [p * Step, p * Step + {Format.Int(replica.FieldWidth)}).</summary>");
        w.Line($"public const int Positions = {Format.Int(replica.Positions)};");
        w.Line($"/// <summary>Rows of windows: row r reads input rows [r * Step, r * Step + {Format.Int(replica.FieldHeight)}); output unit u of the window at row r, position p is at (u * Rows + r) * Positions + p.</summary>");
        w.Line($"public const int Rows = {Format.Int(replica.Rows)};");
    }

    private static void WriteReplicaInterface(IndentedTextWriter w, ReplicaSpec replica)
    {
        const string I = Runtime + ".IReplicatedNetwork";
        w.Line($"{Runtime}.NetworkDescription {I}.Field => Field;");
        w.Line($"int {I}.Width => InputWidth;");
        w.Line($"int {I}.Step => Step;");
        w.Line($"int {I}.Positions => Positions;");
        if (replica.Rows == 1)
            return;
        w.Line($"int {I}.Height => InputHeight;");
        w.Line($"int {I}.Rows => Rows;");
    }

    private static void WriteRemarks(IndentedTextWriter w, NetworkSpec spec)
    {
        w.Line("/// <remarks>");
        w.Line($"/// Network \"{Format.CommentText(spec.NetworkName)}\": {Format.Int(spec.Layers.Count)} layers, {Format.Count(spec.ParameterCount)} parameters, input {spec.Input}.");
        if (spec.Replica is { } replica)
        {
            if (replica.Rows == 1)
            {
                w.Line($"/// The field network \"{Format.CommentText(replica.FieldName)}\" replicated along {Format.Int(spec.Input.Width)} columns: {Format.Int(replica.Positions)} positions,");
                w.Line($"/// {Format.Int(replica.Step)} columns apart, each the field applied to {Format.Int(replica.FieldWidth)} columns; its fully connected layers");
                w.Line("/// run as convolutions over the strip and its output layer at every position, with the field's parameters.");
            }
            else
            {
                w.Line($"/// The field network \"{Format.CommentText(replica.FieldName)}\" replicated over {Format.Int(spec.Input.Height)}x{Format.Int(spec.Input.Width)}: {Format.Int(replica.Rows)} rows of {Format.Int(replica.Positions)} positions,");
                w.Line($"/// {Format.Int(replica.Step)} rows and columns apart, each the field applied to {Format.Int(replica.FieldHeight)}x{Format.Int(replica.FieldWidth)}; its fully connected layers");
                w.Line("/// run as convolutions over the page and its output layer at every position, with the field's parameters;");
                w.Line("/// the output is class-major, then row, then column.");
            }
        }
        w.Line("/// <code>");
        int kind = spec.Layers.Max(layer => Kind(layer).Length) + 2;
        int shape = spec.Layers.Max(layer => System.Math.Max(layer.Input.ToString().Length, layer.Output.ToString().Length)) + 2;
        string Row(string label, string what, string input, string output, string count, string offset) =>
            "/// " + label.PadRight(8) + what.PadRight(kind) + input.PadRight(shape) + output.PadRight(shape) + count.PadLeft(12) + offset.PadLeft(9);
        w.Line(Row("layer", "kind", "input", "output", "parameters", "offset"));
        foreach (LayerSpec layer in spec.Layers)
            w.Line(Row(layer.Label, Kind(layer), layer.Input.ToString(), layer.Output.ToString(), Format.Count(layer.ParameterCount), Format.Int(layer.ParameterOffset)));
        w.Line(Row("total", "", "", "", Format.Count(spec.ParameterCount), ""));
        w.Line("/// </code>");
        w.Line("/// Parameters are one contiguous float buffer, layer after layer: convolution weights");
        w.Line("/// [output map][connected input map, in table order][ky][kx] then one bias per map; trainable");
        w.Line("/// subsampling one coefficient then one bias per map; fully connected weights [unit][input] then");
        w.Line("/// one bias per unit; trainable RBF centres [unit][input]. A sample's activations hold every");
        w.Line("/// layer's outputs, layer after layer, each [map][row][column].");
        w.Line("/// </remarks>");
    }

    private static string Kind(LayerSpec layer)
    {
        string text = layer.Describe();
        int colon = text.IndexOf(':');
        int shapes = text.IndexOf(", " + layer.Input, System.StringComparison.Ordinal);
        return text.Substring(colon + 2, (shapes < 0 ? text.Length : shapes) - colon - 2);
    }

    private static void WriteConstants(IndentedTextWriter w, NetworkSpec spec)
    {
        w.Line($"/// <summary>The network's name in checkpoints and on the command line.</summary>");
        w.Line($"public const string NetworkName = {Format.StringLiteral(spec.NetworkName)};");
        w.Line($"/// <summary>Input: {Format.Int(spec.Input.Channels)} map(s) of {Format.Int(spec.Input.Height)}x{Format.Int(spec.Input.Width)}.</summary>");
        w.Line($"public const int InputChannels = {Format.Int(spec.Input.Channels)}, InputHeight = {Format.Int(spec.Input.Height)}, InputWidth = {Format.Int(spec.Input.Width)}, InputSize = {Format.Int(spec.Input.Size)};");
        w.Line($"/// <summary>Units of the last layer ({spec.OutputLayer.Label}).</summary>");
        w.Line($"public const int OutputSize = {Format.Int(spec.OutputLayer.Output.Size)};");
        w.Line("/// <summary>Length of the flat parameter buffer.</summary>");
        w.Line($"public const int ParameterCount = {Format.Int(spec.ParameterCount)};");
        w.Line("/// <summary>Floats of one sample's activations (every layer's outputs).</summary>");
        w.Line($"public const int ActivationCount = {Format.Int(spec.ActivationCount)};");
        w.Line("/// <summary>Floats of scratch a backward call needs: one delta per activation, then room for a convolution's zero-padded deltas.</summary>");
        w.Line($"public const int ScratchSize = {Format.Int(spec.ScratchSize)};");
    }

    private static void WriteLayerClass(IndentedTextWriter w, LayerSpec layer)
    {
        w.Line();
        w.Line($"/// <summary>{layer.Describe()}.</summary>");
        using (w.Block($"public static class {layer.Label}"))
        {
            Shape o = layer.Output;
            w.Line($"public const int Maps = {Format.Int(o.Channels)}, Height = {Format.Int(o.Height)}, Width = {Format.Int(o.Width)}, Size = {Format.Int(o.Size)};");
            w.Line("/// <summary>Where this layer's outputs start in a sample's activations.</summary>");
            w.Line($"public const int Output = {Format.Int(layer.ActivationOffset)};");
            w.Line($"public const int ParameterOffset = {Format.Int(layer.ParameterOffset)}, ParameterCount = {Format.Int(layer.ParameterCount)};");
            ParameterSegment[] segments = layer.Segments;
            if (segments.Length > 0)
                w.Line($"public const int {string.Join(", ", segments.Select(s => $"{s.Role} = {Format.Int(layer.ParameterOffset + s.Start)}"))};");
        }
    }

    private static void WriteTables(IndentedTextWriter w, LayerSpec layer)
    {
        WriteConsumerTables(w, layer);
        var sources = layer.Connections.SelectMany(set => set).Select(Format.Int);
        int first = 0;
        var firsts = new[] { 0 }.Concat(layer.Connections.Select(set => first += set.Count)).Select(Format.Int);
        w.Line();
        w.Line($"/// <summary>{layer.Label}'s connection table: the input map of each connected pair, pairs grouped by output map.</summary>");
        w.Line($"private static {ReadOnlySpanTypeRef}<int> {ConvolutionEmitter.SourcesTable(layer)} => [{string.Join(", ", sources)}];");
        w.Line($"/// <summary>Index of each {layer.Label} output map's first pair; the last entry is the pair count.</summary>");
        w.Line($"private static {ReadOnlySpanTypeRef}<int> {ConvolutionEmitter.FirstPairTable(layer)} => [{string.Join(", ", firsts)}];");
    }

    /// <summary>The table inverted: for each input map, the pairs that read it (the backward pass gathers over them).</summary>
    private static void WriteConsumerTables(IndentedTextWriter w, LayerSpec layer)
    {
        var pairs = new List<int>[layer.Input.Channels];
        for (int i = 0; i < pairs.Length; i++) pairs[i] = new List<int>();
        int pair = 0;
        foreach (var set in layer.Connections)
            foreach (int source in set)
                pairs[source].Add(pair++);
        int first = 0;
        var firsts = new[] { 0 }.Concat(pairs.Select(list => first += list.Count)).Select(Format.Int);
        w.Line();
        w.Line($"/// <summary>{layer.Label}'s pairs grouped by input map (the connection table inverted), for the backward pass.</summary>");
        w.Line($"private static {ReadOnlySpanTypeRef}<int> {ConvolutionEmitter.ConsumersTable(layer)} => [{string.Join(", ", pairs.SelectMany(list => list).Select(Format.Int))}];");
        w.Line($"/// <summary>Index of each {layer.Label} input map's first entry in {ConvolutionEmitter.ConsumersTable(layer)}; the last entry is the pair count.</summary>");
        w.Line($"private static {ReadOnlySpanTypeRef}<int> {ConvolutionEmitter.FirstConsumerTable(layer)} => [{string.Join(", ", firsts)}];");
        var owners = layer.Connections.SelectMany((set, map) => set.Select(_ => Format.Int(map)));
        w.Line($"/// <summary>The output map of each {layer.Label} pair.</summary>");
        w.Line($"private static {ReadOnlySpanTypeRef}<int> {ConvolutionEmitter.OwnerTable(layer)} => [{string.Join(", ", owners)}];");
    }

    private static void WriteDescription(IndentedTextWriter w, NetworkSpec spec)
    {
        w.Line();
        w.Line("/// <summary>The layer list as declared; the runtime derives shapes and offsets from it independently.</summary>");
        w.Line($"public static {Runtime}.NetworkDescription Description {{ get; }} = new(");
        using (w.Indent())
        {
            w.Line("NetworkName,");
            w.Line($"new {Runtime}.Shape({Format.Int(spec.Input.Channels)}, {Format.Int(spec.Input.Height)}, {Format.Int(spec.Input.Width)}),");
            w.Line("[");
            using (w.Indent())
                foreach (LayerSpec layer in spec.Layers)
                    w.Line(Declaration(layer) + ",");
            w.Line("]);");
        }
    }

    private static string Declaration(LayerSpec layer)
    {
        string text = $"new({Runtime}.LayerKind.{layer.Kind}, \"{layer.Label}\", {Format.Int(layer.Size)}";
        if (layer.Kernel > 0) text += $", Kernel: {Format.Int(layer.Kernel)}";
        if (layer.Activation != Activation.Identity) text += $", Activation: {Runtime}.Activation.{layer.Activation}";
        if (layer.Pooling != Pooling.Average) text += $", Pooling: {Runtime}.Pooling.{layer.Pooling}";
        if (layer.Trainable) text += ", Trainable: true";
        if (layer.Kind == LayerKind.RadialBasis) text += $", Centres: {Runtime}.RbfCentres.{layer.Centres}";
        if (layer.PerPosition) text += ", PerPosition: true";
        if (layer.Padding != 0) text += $", Padding: {Format.Int(layer.Padding)}";
        if (layer.Stride != 1) text += $", Stride: {Format.Int(layer.Stride)}";
        if (layer.Floor) text += ", Floor: true";
        if (layer.Kind == LayerKind.Dropout) text += $", Rate: {Format.Float(layer.Rate)}";
        if (layer.HasTable)
            text += ", Connections: [" + string.Join(", ", layer.Connections.Select(set => "[" + string.Join(", ", set.Select(Format.Int)) + "]")) + "]";
        return text + ")";
    }

    private static void WriteInterface(IndentedTextWriter w, NetworkSpec spec)
    {
        const string I = Runtime + ".INetwork";
        w.Line();
        w.Line($"// The runtime sees this network through {I}; each member forwards to the static code.");
        w.Line($"{Runtime}.NetworkDescription {I}.Description => Description;");
        w.Line($"int {I}.ScratchLength => ScratchSize;");
        w.Line($"void {I}.Forward({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {SpanTypeRef}<float> activations) =>");
        w.Line("    Forward(parameters, input, activations);");
        w.Line($"void {I}.Backward({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {ReadOnlySpanTypeRef}<float> activations, {ReadOnlySpanTypeRef}<float> outputGradient, {SpanTypeRef}<float> gradient, {SpanTypeRef}<float> scratch) =>");
        w.Line("    Backward(parameters, input, activations, outputGradient, gradient, scratch);");
        w.Line($"int {I}.BlockSize => BlockSize;");
        w.Line($"int {I}.BlockScratchLength => BlockScratchSize;");
        w.Line($"void {I}.ForwardBlock({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> inputs, {SpanTypeRef}<float> activations) =>");
        w.Line("    ForwardBlock(parameters, inputs, activations);");
        if (spec.HasDropout)
        {
            w.Line($"void {I}.ForwardTraining({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {SpanTypeRef}<float> activations{DropoutEmitter.StepParameter(spec)}) =>");
            w.Line("    ForwardTraining(parameters, input, activations, step);");
            w.Line($"void {I}.ForwardBlockTraining({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> inputs, {SpanTypeRef}<float> activations{DropoutEmitter.StepParameter(spec)}) =>");
            w.Line("    ForwardBlockTraining(parameters, inputs, activations, step);");
        }
        w.Line($"void {I}.BackwardBlock({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> inputs, {ReadOnlySpanTypeRef}<float> activations, {ReadOnlySpanTypeRef}<float> outputGradients, {SpanTypeRef}<float> gradient, {SpanTypeRef}<float> scratch) =>");
        w.Line("    BackwardBlock(parameters, inputs, activations, outputGradients, gradient, scratch);");
        w.Line($"void {Runtime}.IFusedSgdStep.SgdStep({SpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {ReadOnlySpanTypeRef}<float> activations, {ReadOnlySpanTypeRef}<float> outputGradient, float learningRate, {SpanTypeRef}<float> scratch) =>");
        w.Line("    SgdStep(parameters, input, activations, outputGradient, learningRate, scratch);");
        w.Line($"void {I}.BackwardCurvature({ReadOnlySpanTypeRef}<float> parameters, {ReadOnlySpanTypeRef}<float> input, {ReadOnlySpanTypeRef}<float> activations, {ReadOnlySpanTypeRef}<float> outputCurvature, {SpanTypeRef}<float> curvature, {SpanTypeRef}<float> scratch) =>");
        w.Line("    BackwardCurvature(parameters, input, activations, outputCurvature, curvature, scratch);");
    }
}
