using Google.Protobuf;
using LeNet.Data;
using Onnx;

namespace LeNet.Export;

/// <summary>
/// Writes a network and its parameters as an ONNX model (opset 13, IR version 7) that takes grey
/// pictures as bytes and computes, layer for layer, what the generic engine (<c>LeNet.Engine</c>)
/// computes on them.
/// </summary>
/// <remarks>
/// <para>The model has one input, <c>pixels</c>: uint8 [batch, 1, rows, columns] with a dynamic batch
/// axis, 28x28 unless told otherwise; 0 is background, 255 full ink (white digit on black, as MNIST's
/// files hold it). The graph encodes the picture itself, as <see cref="InputEncoder"/> does before our
/// engines: <c>Cast</c> to float, scaled by <c>Mul</c>, <c>Div</c> and <c>Add</c> so background is -0.1
/// and full ink 1.175, then <c>Pad</c>ded with background to the network's input field (28x28 centred in
/// LeNet-5's 32x32). Pictures must be prepared as the training data was: for MNIST models a digit
/// fitted into 20x20 and centred by its centre of mass in 28x28 (what <c>lenet predict</c> does to a
/// picture with <c>DigitNormalizer</c>); the graph does not do that part. The uint8 type makes 0..1
/// floats impossible to pass by mistake. Its one output, <c>output</c>, is float [batch, units], the
/// last layer's outputs flattened: probabilities after a softmax, squared distances after a
/// radial-basis layer. The model's <c>doc_string</c> and metadata (<see cref="InputEncodingKey"/>) say
/// the same.</para>
/// <para>Layers map onto standard operators:</para>
/// <list type="bullet">
/// <item>convolution: <c>Conv</c> (stride 1, no padding) with bias; a connection table becomes a full
/// weight tensor whose missing (output map, input map) pairs hold zeros, which adds exact zeros;</item>
/// <item>subsampling: <c>AveragePool</c> or <c>MaxPool</c> (window = stride); trainable coefficient and
/// bias per map as <c>Mul</c> and <c>Add</c> with [1, maps, 1, 1] tensors;</item>
/// <item>fully connected: <c>Flatten</c> (map, row, column order, as ours) and <c>Gemm</c> with the
/// weights transposed;</item>
/// <item>activations: <c>Tanh</c>, <c>Relu</c>, <c>Sigmoid</c>; the paper's 1.7159 tanh(2a/3) as
/// <c>Mul</c>, <c>Tanh</c>, <c>Mul</c>;</item>
/// <item>radial basis: <c>Unsqueeze</c>, <c>Sub</c> of the centres [units, inputs], squared with
/// <c>Mul</c>, <c>ReduceSum</c> over the inputs: the squared distances as the engine sums them, not
/// expanded into x.x - 2x.c + c.c;</item>
/// <item>softmax: <c>Softmax</c> over axis 1.</item>
/// </list>
/// </remarks>
public static class OnnxExport
{
    /// <summary>The operator set the model imports.</summary>
    public const int Opset = 13;
    /// <summary>The ONNX IR version of the model (IR 7 is the one that came with opset 13).</summary>
    public const long IrVersion = 7;
    /// <summary>Name of the model's input: uint8 pixels [batch, 1, rows, columns].</summary>
    public const string InputName = "pixels";
    /// <summary>Name of the model's output.</summary>
    public const string OutputName = "output";
    /// <summary>Metadata key under which the class names are stored, one per line, when given.</summary>
    public const string ClassNamesKey = "class_names";
    /// <summary>Metadata key under which the input's encoding is stated in words.</summary>
    public const string InputEncodingKey = "input_encoding";

    /// <summary>Writes the ONNX model of <paramref name="network"/> with <paramref name="parameters"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The .onnx file to write; its folder is created when needed.</param>
    /// <param name="network">The network's layer list; its input must be one channel.</param>
    /// <param name="parameters">Its parameters, <see cref="NetworkDescription.ParameterCount"/> floats in the engine's layout.</param>
    /// <param name="classNames">Optional names of the output classes, stored in the model's metadata.</param>
    /// <param name="imageRows">Rows of the pictures the model takes (MNIST's 28 unless told otherwise); at most the input field's height.</param>
    /// <param name="imageColumns">Columns of the pictures the model takes (MNIST's 28 unless told otherwise); at most the input field's width.</param>
    /// <exception cref="ArgumentException">The parameter count does not match the network, there is not one class name per output, the input is not one channel or the pictures do not fit it.</exception>
    /// <exception cref="IOException">The file could not be written; any previous file there is unchanged.</exception>
    public static void Save(string path, NetworkDescription network, ReadOnlySpan<float> parameters, IReadOnlyList<string>? classNames = null,
        int imageRows = Mnist.Rows, int imageColumns = Mnist.Columns) =>
        Files.AtomicFile.WriteAllBytes(path, Serialize(network, parameters, classNames, imageRows, imageColumns));

    /// <summary>The ONNX model of <paramref name="network"/> with <paramref name="parameters"/>, as the bytes of a .onnx file; the arguments are <see cref="Save"/>'s.</summary>
    /// <exception cref="ArgumentException">As <see cref="Save"/>.</exception>
    public static byte[] Serialize(NetworkDescription network, ReadOnlySpan<float> parameters, IReadOnlyList<string>? classNames = null,
        int imageRows = Mnist.Rows, int imageColumns = Mnist.Columns) =>
        Build(network, parameters, classNames, new PictureSize(imageRows, imageColumns)).ToByteArray();

    /// <summary>Pictures of <paramref name="Rows"/> x <paramref name="Columns"/> bytes.</summary>
    internal readonly record struct PictureSize(int Rows, int Columns);

    /// <summary>
    /// The model. With <paramref name="picture"/> its input is the uint8 picture, encoded in the graph;
    /// without, the encoded input field itself, float [batch, channels, height, width], named <c>input</c>
    /// (the tests' way to reach networks of several input maps, which no picture fills).
    /// </summary>
    internal static ModelProto Build(NetworkDescription network, ReadOnlySpan<float> parameters, IReadOnlyList<string>? classNames, PictureSize? picture)
    {
        if (parameters.Length != network.ParameterCount)
            throw new ArgumentException($"Network '{network.Name}' has {network.ParameterCount} parameters, but {parameters.Length} were given.", nameof(parameters));
        if (classNames is not null && classNames.Count != network.Output.Size)
            throw new ArgumentException($"Network '{network.Name}' has {network.Output.Size} outputs, but {classNames.Count} class names were given.", nameof(classNames));
        if (network.Layers.FirstOrDefault(layer => layer.Declaration.PerPosition) is { } perPosition)
            throw new ArgumentException($"Network '{network.Name}', layer {perPosition.Label}: a replicated network's output at every position has no ONNX form here; export the field network, whose parameters these are.");
        Shape field = network.Input;
        if (picture is { } size && (field.Channels != 1 || size.Rows < 1 || size.Columns < 1 || size.Rows > field.Height || size.Columns > field.Width))
            throw new ArgumentException(field.Channels != 1
                ? $"Network '{network.Name}' takes {field.Channels} input maps; the ONNX model takes one grey picture."
                : $"Network '{network.Name}': pictures of {size.Rows}x{size.Columns} do not fit its {field.Height}x{field.Width} input field.");

        var graph = new OnnxGraphBuilder(network.Name);
        string x = picture is { } pixels ? Encode(graph, field, pixels) : EncodedInputName;
        bool flat = false;
        foreach (LayerInfo layer in network.Layers)
        {
            ReadOnlySpan<float> p = parameters.Slice(layer.ParameterOffset, layer.ParameterCount);
            string name = string.IsNullOrEmpty(layer.Label) ? $"layer{layer.Index}" : layer.Label;
            switch (layer.Kind)
            {
                case LayerKind.Convolution:
                    x = Convolution(graph, name, layer, p, AsMaps(graph, name, x, flat, layer.Input));
                    flat = false;
                    break;
                case LayerKind.Subsampling:
                    x = Subsampling(graph, name, layer, p, AsMaps(graph, name, x, flat, layer.Input));
                    flat = false;
                    break;
                case LayerKind.FullyConnected:
                    x = FullyConnected(graph, name, layer, p, AsVector(graph, name, x, flat));
                    flat = true;
                    break;
                case LayerKind.RadialBasis:
                    x = RadialBasis(graph, name, layer, p, AsVector(graph, name, x, flat));
                    flat = true;
                    break;
                case LayerKind.Softmax:
                    x = graph.Node("Softmax", $"{name}/softmax", [AsVector(graph, name, x, flat)], ("axis", 1L));
                    flat = true;
                    break;
                default:
                    throw new ArgumentException($"Network '{network.Name}', layer {layer.Label}: no ONNX form for layer kind {layer.Kind}.");
            }
        }
        graph.Node(flat ? "Identity" : "Flatten", OutputName, [x], flat ? [] : [("axis", 1L)]);

        string encoding = picture is { } s ? InputEncoding(field, s) : $"{EncodedInputName}: the encoded input field, float [batch, {field.Channels}, {field.Height}, {field.Width}].";
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "LeNet.Generated",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
            DocString = $"Network '{network.Name}' (signature {network.Signature}). Input {encoding} Output '{OutputName}': float [batch, {network.Output.Size}], {Describe(network.OutputKind)}.",
            Graph = picture is { } inputSize
                ? graph.Finish(network, (InputName, TensorProto.Types.DataType.Uint8, [1, inputSize.Rows, inputSize.Columns]))
                : graph.Finish(network, (EncodedInputName, TensorProto.Types.DataType.Float, [field.Channels, field.Height, field.Width])),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "network", Value = network.Name });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "signature", Value = network.Signature });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "output_kind", Value = network.OutputKind.ToString() });
        model.MetadataProps.Add(new StringStringEntryProto { Key = InputEncodingKey, Value = encoding });
        if (classNames is not null)
            model.MetadataProps.Add(new StringStringEntryProto { Key = ClassNamesKey, Value = string.Join('\n', classNames) });
        return model;
    }

    /// <summary>Name of the float input of a model built without the picture encoding (tests only).</summary>
    internal const string EncodedInputName = "input";

    /// <summary>What the input is, in words, for the doc string and metadata.</summary>
    private static string InputEncoding(Shape field, PictureSize picture) =>
        $"'{InputName}': uint8 [batch, 1, {picture.Rows}, {picture.Columns}], grey pixels, 0 = background, 255 = full ink (white on black, as MNIST's files); "
        + "for MNIST models a digit fitted into 20x20 and centred by its centre of mass, as MNIST's are. "
        + $"The graph scales each pixel p to {InputEncoder.Background} + {InputEncoder.Ink - InputEncoder.Background} * p / 255 "
        + $"(background {InputEncoder.Background}, full ink {InputEncoder.Ink}) and pads the picture with background, centred, to the {field.Height}x{field.Width} input field.";

    private static string Describe(LayerKind output) => output switch
    {
        LayerKind.Softmax => "probabilities",
        LayerKind.RadialBasis => "squared distances to the class centres, smallest wins",
        _ => "the last layer's outputs",
    };

    /// <summary>
    /// The picture as the input field, computed as <see cref="InputEncoder"/> computes it: each byte p to
    /// Background + (Ink - Background) * p / 255 in float, in that order, then padded with Background,
    /// the picture centred (the extra row or column, when odd, at the bottom and right).
    /// </summary>
    private static string Encode(OnnxGraphBuilder graph, Shape field, PictureSize picture)
    {
        string value = graph.Node("Cast", "encode/float", [InputName], ("to", (long)TensorProto.Types.DataType.Float));
        value = graph.Node("Mul", "encode/scaled", [value, graph.Scalar("encode/ink_minus_background", InputEncoder.Ink - InputEncoder.Background)]);
        value = graph.Node("Div", "encode/fraction", [value, graph.Scalar("encode/levels", 255f)]);
        value = graph.Node("Add", "encode/level", [value, graph.Scalar("encode/background", InputEncoder.Background)]);
        int top = (field.Height - picture.Rows) / 2, left = (field.Width - picture.Columns) / 2;
        int bottom = field.Height - picture.Rows - top, right = field.Width - picture.Columns - left;
        if (top == 0 && left == 0 && bottom == 0 && right == 0) return value;
        return graph.Node("Pad", "encode/field", [value, graph.Int64s("encode/pads", [0, 0, top, left, 0, 0, bottom, right]), graph.Scalar("encode/border", InputEncoder.Background)]);
    }

    /// <summary>The tensor <paramref name="x"/> as [batch, maps, rows, columns]: flat outputs of a full layer are reshaped back.</summary>
    private static string AsMaps(OnnxGraphBuilder graph, string name, string x, bool flat, Shape shape) =>
        flat ? graph.Node("Reshape", $"{name}/maps", [x, graph.Int64s($"{name}/maps_shape", [0, shape.Channels, shape.Height, shape.Width])]) : x;

    /// <summary>The tensor <paramref name="x"/> as [batch, units], flattened map by map, row by row, as the engine lays it out.</summary>
    private static string AsVector(OnnxGraphBuilder graph, string name, string x, bool flat) =>
        flat ? x : graph.Node("Flatten", $"{name}/flat", [x], ("axis", 1L));

    private static string Convolution(OnnxGraphBuilder graph, string name, LayerInfo layer, ReadOnlySpan<float> p, string x)
    {
        int outputs = layer.Output.Channels, inputs = layer.Input.Channels, k = layer.Declaration.Kernel, k2 = k * k;
        // The engine stores each output map's kernels for its connected input maps only, in table
        // order; the full tensor [output][input][ky][kx] holds zeros for the pairs the table leaves out.
        var weights = new float[outputs * inputs * k2];
        int at = layer.Segment(ParameterRole.Weights).Start;
        for (int o = 0; o < outputs; o++)
            foreach (int i in layer.InputsOf(o))
            {
                p.Slice(at, k2).CopyTo(weights.AsSpan((o * inputs + i) * k2, k2));
                at += k2;
            }
        string w = graph.Floats($"{name}/weights", weights, [outputs, inputs, k, k]);
        string b = graph.Floats($"{name}/bias", Values(p, layer.Segment(ParameterRole.Biases)), [outputs]);
        string a = graph.Node("Conv", $"{name}/sum", [x, w, b], ("kernel_shape", new long[] { k, k }));
        return Activate(graph, name, layer.Declaration.Activation, a);
    }

    private static string Subsampling(OnnxGraphBuilder graph, string name, LayerInfo layer, ReadOnlySpan<float> p, string x)
    {
        int s = layer.Declaration.Size, maps = layer.Output.Channels;
        string pooled = graph.Node(layer.Declaration.Pooling == Pooling.Max ? "MaxPool" : "AveragePool", $"{name}/pool", [x],
            ("kernel_shape", new long[] { s, s }), ("strides", new long[] { s, s }));
        if (layer.Declaration.Trainable)
        {
            string coefficient = graph.Floats($"{name}/coefficient", Values(p, layer.Segment(ParameterRole.Coefficients)), [1, maps, 1, 1]);
            string bias = graph.Floats($"{name}/bias", Values(p, layer.Segment(ParameterRole.Biases)), [1, maps, 1, 1]);
            pooled = graph.Node("Add", $"{name}/sum", [graph.Node("Mul", $"{name}/scaled", [pooled, coefficient]), bias]);
        }
        return Activate(graph, name, layer.Declaration.Activation, pooled);
    }

    private static string FullyConnected(OnnxGraphBuilder graph, string name, LayerInfo layer, ReadOnlySpan<float> p, string x)
    {
        int units = layer.Output.Size, inputs = layer.Input.Size;
        string w = graph.Floats($"{name}/weights", Values(p, layer.Segment(ParameterRole.Weights)), [units, inputs]);
        string b = graph.Floats($"{name}/bias", Values(p, layer.Segment(ParameterRole.Biases)), [units]);
        string a = graph.Node("Gemm", $"{name}/sum", [x, w, b], ("transB", 1L));
        return Activate(graph, name, layer.Declaration.Activation, a);
    }

    private static string RadialBasis(OnnxGraphBuilder graph, string name, LayerInfo layer, ReadOnlySpan<float> p, string x)
    {
        int units = layer.Output.Size, inputs = layer.Input.Size;
        float[] centres = layer.Declaration.Trainable ? Values(p, layer.Segment(ParameterRole.Centres)) : DigitCodes.All[..(units * inputs)].ToArray();
        string c = graph.Floats($"{name}/centres", centres, [units, inputs]);
        string column = graph.Node("Unsqueeze", $"{name}/column", [x, graph.Int64s($"{name}/axis1", [1])]);
        string residual = graph.Node("Sub", $"{name}/residual", [column, c]);
        string squared = graph.Node("Mul", $"{name}/squared", [residual, residual]);
        return graph.Node("ReduceSum", $"{name}/distance", [squared, graph.Int64s($"{name}/axis2", [2])], ("keepdims", 0L));
    }

    /// <summary>A segment's values out of the layer's parameters <paramref name="p"/>.</summary>
    private static float[] Values(ReadOnlySpan<float> p, ParameterSegment segment) => p.Slice(segment.Start, segment.Length).ToArray();

    private static string Activate(OnnxGraphBuilder graph, string name, Activation activation, string a) => activation switch
    {
        Activation.Identity => a,
        Activation.Tanh => graph.Node("Tanh", $"{name}/tanh", [a]),
        Activation.ReLU => graph.Node("Relu", $"{name}/relu", [a]),
        Activation.Sigmoid => graph.Node("Sigmoid", $"{name}/sigmoid", [a]),
        Activation.ScaledTanh => graph.Node("Mul", $"{name}/scaled_tanh", [
            graph.Node("Tanh", $"{name}/tanh", [graph.Node("Mul", $"{name}/slope", [a, graph.Scalar($"{name}/S", Activations.PaperSlope)])]),
            graph.Scalar($"{name}/A", Activations.PaperAmplitude)]),
        _ => throw new ArgumentException($"No ONNX form for activation {activation}."),
    };
}
