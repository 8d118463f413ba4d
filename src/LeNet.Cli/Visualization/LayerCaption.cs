namespace LeNet.Cli.Visualization;

/// <summary>The words a picture writes beside a layer: "C1 convolution 5x5, ReLU — 6@28x28".</summary>
internal static class LayerCaption
{
    /// <summary>The layer's kind in words, with its squashing function when it has one.</summary>
    public static string Kind(LayerInfo layer) =>
        layer.Declaration.Activation == Activation.Identity || layer.Kind is LayerKind.Softmax or LayerKind.RadialBasis
            ? layer.Describe()
            : $"{layer.Describe()}, {Name(layer.Declaration.Activation)}";

    /// <summary>
    /// What a layer's outputs are made with, for a table's activation column: its squashing function
    /// ("ReLU", "ScaledTanh"), "max" or "mean" for a pooling layer without one (what the window gives), nothing for
    /// softmax and RBF outputs.
    /// </summary>
    public static string Function(LayerInfo layer) => layer switch
    {
        { Kind: LayerKind.Softmax or LayerKind.RadialBasis } => "",
        { Kind: LayerKind.Subsampling, Declaration.Activation: Activation.Identity } => layer.Declaration.Pooling == Pooling.Max ? "max" : "mean",
        _ => layer.Declaration.Activation.ToString(),
    };

    /// <summary>"6@28x28" for maps, "120 units" for flat layers.</summary>
    public static string Shape(Shape shape) =>
        shape.Height == 1 && shape.Width == 1 ? $"{shape.Channels} units" : $"{shape.Channels}@{shape.Height}x{shape.Width}";

    /// <summary>Label, kind and shape on one line.</summary>
    public static string Full(LayerInfo layer) => $"{layer.Label}  {Kind(layer)} — {Shape(layer.Output)}";

    private static string Name(Activation activation) => activation switch
    {
        Activation.ScaledTanh => "1.7159 tanh(2x/3)",
        Activation.ReLU => "ReLU",
        _ => activation.ToString().ToLowerInvariant(),
    };
}
