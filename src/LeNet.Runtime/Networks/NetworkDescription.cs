using System.Security.Cryptography;
using System.Text;

namespace LeNet;

/// <summary>
/// A network's layer list with shapes and offsets worked out: what the runtime prints, what the
/// generic engine is built from, and what a checkpoint's signature is computed over.
/// </summary>
/// <remarks>
/// The parameters sit layer after layer in one contiguous float buffer, each layer's in the
/// segments <see cref="LayerInfo.Segments"/> lists (weights, then biases; a trainable subsampling
/// layer's coefficients, then biases; trainable radial-basis centres; nothing for softmax).
/// A sample's activations hold every layer's output, layer after layer, each as [map][row][column].
/// Output shapes, parameter segments and option rules come from <see cref="LayoutRules"/>, the file the
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

        var declared = layers.Select(layer => new DeclaredLayer(layer.Kind, layer.Label, layer.Size, layer.Kernel, layer.Activation, layer.Pooling,
            layer.Trainable, layer.Centres, layer.Connections?.Select(set => string.Join(',', set)).ToArray(), layer.PerPosition)).ToArray();
        var infos = new List<LayerInfo>(layers.Count);
        Shape shape = input;
        long parameters = 0, activations = 0;
        foreach (LayoutStep step in LayoutRules.Walk(input, declared))
        {
            if (step.Problems.Count > 0)
                throw new ArgumentException($"Network '{name}': {step.Problems[0].Message}.");
            Shape output = step.Output!.Value;
            parameters = step.ParameterOffset + step.ParameterCount;
            activations = step.ActivationOffset + (long)output.Channels * output.Height * output.Width;
            if (parameters > int.MaxValue || activations > int.MaxValue)
                throw new ArgumentException($"Network '{name}': layer {step.Index + 1}'s parameters or activations take the network past int.MaxValue floats.");
            infos.Add(new LayerInfo(step.Index, layers[step.Index], step.Input, output, (int)step.ParameterOffset, (int)step.ParameterCount, (int)step.ActivationOffset));
            shape = output;
        }

        Layers = infos;
        ParameterCount = (int)parameters;
        ActivationCount = (int)activations;
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
}
