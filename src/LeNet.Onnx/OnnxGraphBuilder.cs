using Google.Protobuf;
using Onnx;

namespace LeNet.Export;

/// <summary>Accumulates the nodes and initializers of one ONNX graph; every value is named after the node or tensor that makes it.</summary>
internal sealed class OnnxGraphBuilder(string name)
{
    private readonly GraphProto _graph = new() { Name = name };

    /// <summary>Adds a node of operator <paramref name="op"/> that computes the value <paramref name="output"/> from <paramref name="inputs"/>; returns <paramref name="output"/>.</summary>
    public string Node(string op, string output, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach ((string key, object value) in attributes)
            node.Attribute.Add(value switch
            {
                long i => new AttributeProto { Name = key, Type = AttributeProto.Types.AttributeType.Int, I = i },
                long[] ints => WithInts(new AttributeProto { Name = key, Type = AttributeProto.Types.AttributeType.Ints }, ints),
                _ => throw new ArgumentException($"Unsupported attribute type {value.GetType()}."),
            });
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds a float initializer of shape <paramref name="dims"/>; returns its name.</summary>
    public string Floats(string tensor, float[] values, long[] dims)
    {
        var proto = new TensorProto { Name = tensor, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims);
        proto.FloatData.AddRange(values);
        _graph.Initializer.Add(proto);
        return tensor;
    }

    /// <summary>Adds a float scalar initializer; returns its name.</summary>
    public string Scalar(string tensor, float value) => Floats(tensor, [value], []);

    /// <summary>Adds a one-dimensional int64 initializer (shapes, axes); returns its name.</summary>
    public string Int64s(string tensor, long[] values)
    {
        var proto = new TensorProto { Name = tensor, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        _graph.Initializer.Add(proto);
        return tensor;
    }

    /// <summary>The graph with its input and output declared: the given input [batch, dims...], float [batch, units] out, batch dynamic.</summary>
    public GraphProto Finish(NetworkDescription network, (string Name, TensorProto.Types.DataType Type, int[] Dims) input)
    {
        _graph.Input.Add(Value(input.Name, input.Type, input.Dims));
        _graph.Output.Add(Value(OnnxExport.OutputName, TensorProto.Types.DataType.Float, [network.Output.Size]));
        return _graph;
    }

    private static AttributeProto WithInts(AttributeProto attribute, long[] ints)
    {
        attribute.Ints.AddRange(ints);
        return attribute;
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, int[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (int dim in dims)
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
