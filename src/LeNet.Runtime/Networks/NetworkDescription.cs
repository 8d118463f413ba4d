using System.Security.Cryptography;
using System.Text;

namespace LeNet;

/// <summary>
/// A network's layer list with shapes and offsets worked out: what the runtime prints, what the
/// generic engine is built from, and what a checkpoint's signature is computed over.
/// </summary>
/// <remarks>
/// Parameter layout, layer after layer in one contiguous float buffer:
/// <list type="bullet">
/// <item>convolution: weights [output map][connected input map, in table order][ky][kx], then one bias per output map;</item>
/// <item>trainable subsampling: one coefficient per map, then one bias per map (none otherwise);</item>
/// <item>fully connected: weights [unit][input unit, the previous output flattened as map, row, column], then one bias per unit;</item>
/// <item>radial basis with trainable centres: centres [unit][input unit] (fixed centres are not parameters);</item>
/// <item>softmax: nothing.</item>
/// </list>
/// A sample's activations hold every layer's output, layer after layer, each as [map][row][column].
/// Output shapes, parameter counts and option rules come from <see cref="LayoutRules"/>, the file the
/// generator is built with too, so generated and generic networks always agree.
/// </remarks>
public sealed class NetworkDescription
{
    /// <summary>Builds the layout of <paramref name="layers"/> fed by an input of shape <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The declaration is not a valid network; the message says which layer and why.</exception>
    public NetworkDescription(string name, Shape input, IReadOnlyList<LayerDeclaration> layers)
    {
        Name = name;
        Input = input;
        if (input.Channels <= 0 || input.Height <= 0 || input.Width <= 0)
            throw new ArgumentException($"Network '{name}': the input shape {input} must be positive.");
        if (layers.Count == 0)
            throw new ArgumentException($"Network '{name}' declares no layers.");

        var infos = new List<LayerInfo>(layers.Count);
        Shape shape = input;
        int parameters = 0, activations = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            LayerDeclaration layer = layers[i];
            bool isOutput = layer.Kind is LayerKind.RadialBasis or LayerKind.Softmax;
            if (isOutput && i != layers.Count - 1)
                throw new ArgumentException($"Network '{name}', layer {layer.Label}: an output layer ({layer.Kind}) must be the last layer.");
            Shape output = OutputShape(name, layer, shape);
            int count = ParameterCountOf(layer, shape, output);
            infos.Add(new LayerInfo(i, layer, shape, output, parameters, count, activations));
            parameters += count;
            activations += output.Size;
            shape = output;
        }

        Layers = infos;
        ParameterCount = parameters;
        ActivationCount = activations;
        Output = shape;
        LargestLayer = Math.Max(input.Size, infos.Max(layer => layer.Output.Size));
        Signature = ComputeSignature();
    }

    /// <summary>The network's name (checkpoints, model catalogues).</summary>
    public string Name { get; }
    /// <summary>Shape of one input sample.</summary>
    public Shape Input { get; }
    /// <summary>Shape of the last layer's output.</summary>
    public Shape Output { get; }
    /// <summary>The layers in order, with shapes and offsets.</summary>
    public IReadOnlyList<LayerInfo> Layers { get; }
    /// <summary>Length of the flat parameter buffer.</summary>
    public int ParameterCount { get; }
    /// <summary>Number of floats one sample's activations (every layer's output) take.</summary>
    public int ActivationCount { get; }
    /// <summary>Offset of the last layer's output in a sample's activations.</summary>
    public int OutputOffset => ActivationCount - Output.Size;
    /// <summary>Largest number of units any layer (or the input) holds: the size of one backward delta buffer.</summary>
    public int LargestLayer { get; }
    /// <summary>Total paper-style connections of the network.</summary>
    public long Connections => Layers.Sum(layer => layer.Connections);
    /// <summary>Multiply-adds of one forward pass.</summary>
    public long MultiplyAdds => Layers.Sum(layer => layer.MultiplyAdds);
    /// <summary>The output layer's kind.</summary>
    public LayerKind OutputKind => Layers[^1].Kind;

    /// <summary>
    /// A short hash of the canonical layer list (kinds, sizes, activations, tables) and input shape:
    /// two networks with the same signature have the same parameter layout and meaning.
    /// </summary>
    public string Signature { get; }

    /// <summary>The canonical text the signature is computed from, one line per layer.</summary>
    public string CanonicalText()
    {
        var text = new StringBuilder();
        text.Append("input ").Append(Input.Channels).Append('x').Append(Input.Height).Append('x').Append(Input.Width).Append('\n');
        foreach (LayerInfo layer in Layers)
        {
            LayerDeclaration d = layer.Declaration;
            text.Append(d.Kind).Append(' ').Append(d.Size).Append(' ').Append(d.Kernel).Append(' ').Append(d.Activation)
                .Append(' ').Append(d.Pooling).Append(' ').Append(d.Trainable).Append(' ').Append(d.Centres)
                .Append(" [").Append(d.ConnectionText).Append(']');
            // Only a replicated network's output says so: every other network keeps its signature.
            if (d.PerPosition) text.Append(" per-position");
            text.Append('\n');
        }
        return text.ToString();
    }

    private string ComputeSignature() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText())))[..16];

    private static Shape OutputShape(string name, LayerDeclaration layer, Shape input)
    {
        string where = $"Network '{name}', layer {layer.Label}";
        if (layer.Size <= 0)
            throw new ArgumentException($"{where}: the size must be positive, not {layer.Size}.");
        switch (layer.Kind)
        {
            case LayerKind.Convolution:
                if (layer.Kernel <= 0)
                    throw new ArgumentException($"{where}: the kernel must be positive, not {layer.Kernel}.");
                if (!LayoutRules.KernelFits(layer.Kernel, input.Height, input.Width))
                    throw new ArgumentException($"{where}: a {layer.Kernel}x{layer.Kernel} kernel does not fit its {input.Height}x{input.Width} input.");
                if (layer.Connections is { } table)
                {
                    if (table.Length != layer.Size)
                        throw new ArgumentException($"{where}: the connection table has {table.Length} entries, one per output map needs {layer.Size}.");
                    foreach (int[] set in table)
                        foreach (int map in set)
                            if (map < 0 || map >= input.Channels)
                                throw new ArgumentException($"{where}: the connection table names input map {map}, but the input has maps 0..{input.Channels - 1}.");
                }
                break;
            case LayerKind.Subsampling:
                if (!LayoutRules.WindowDivides(layer.Size, input.Height, input.Width))
                    throw new ArgumentException($"{where}: a {layer.Size}x{layer.Size} window does not divide its {input.Height}x{input.Width} input.");
                break;
            case LayerKind.FullyConnected or LayerKind.RadialBasis or LayerKind.Softmax:
                break;
            default:
                throw new ArgumentException($"{where}: unknown layer kind {layer.Kind}.");
        }
        if (layer.PerPosition && layer.Kind is not (LayerKind.RadialBasis or LayerKind.Softmax))
            throw new ArgumentException($"{where}: only an output layer (radial basis, softmax) can read its input per position.");
        long vector = LayoutRules.VectorLength(layer.PerPosition, input.Channels, input.Size);
        if (LayoutRules.OptionProblem(layer.Kind, layer.Size, vector, layer.Trainable, layer.Pooling, layer.Centres) is { } problem)
            throw new ArgumentException($"{where}: {problem}.");
        (int channels, int height, int width) = LayoutRules.OutputShape(layer.Kind, layer.Size, layer.Kernel, input.Channels, input.Height, input.Width, layer.PerPosition);
        return new Shape(channels, height, width);
    }

    private static int ParameterCountOf(LayerDeclaration layer, Shape input, Shape output) => checked((int)LayoutRules.ParameterCount(
        layer.Kind, layer.Connections?.Sum(set => (long)set.Length) ?? (long)output.Channels * input.Channels,
        layer.Kernel, output.Channels, input.Channels, input.Size, output.Size, layer.Trainable, layer.PerPosition));
}
