using System;
using LeNet.Generator.Model;

namespace LeNet.Generator.Emit;

/// <summary>Picks the unit that writes a layer's kernels: one per layer kind.</summary>
internal static class LayerEmitters
{
    private static readonly ILayerEmitter Convolution = new ConvolutionEmitter();
    private static readonly ILayerEmitter Dense = new DenseEmitter();
    private static readonly ILayerEmitter Subsampling = new SubsamplingEmitter();
    private static readonly ILayerEmitter RadialBasis = new RadialBasisEmitter();
    private static readonly ILayerEmitter Softmax = new SoftmaxEmitter();
    private static readonly ILayerEmitter Dropout = new DropoutEmitter();
    private static readonly ILayerEmitter Window = new WindowEmitter();

    /// <summary>
    /// The unit of <paramref name="layer"/>'s kind; a convolution whose kernel covers its whole input
    /// is a dot product per map and runs as a fully connected layer; a convolution with padding or a
    /// stride, or a pooling whose windows leave a remainder, runs as loops over its windows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A kind with no unit: every kind must have one.</exception>
    public static ILayerEmitter For(LayerSpec layer) => layer.Kind switch
    {
        LayerKind.Convolution => layer.IsWindowed ? Window : layer.IsDense ? Dense : Convolution,
        LayerKind.Subsampling => layer.IsWindowed ? Window : Subsampling,
        LayerKind.FullyConnected => Dense,
        LayerKind.RadialBasis => RadialBasis,
        LayerKind.Softmax => Softmax,
        LayerKind.Dropout => Dropout,
        _ => throw LayerKinds.Unknown(layer.Kind),
    };
}
