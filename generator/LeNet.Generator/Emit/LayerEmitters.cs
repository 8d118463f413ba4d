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

    /// <summary>
    /// The unit of <paramref name="layer"/>'s kind; a convolution whose kernel covers its whole input
    /// is a dot product per map and runs as a fully connected layer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A kind with no unit: every kind must have one.</exception>
    public static ILayerEmitter For(LayerSpec layer) => layer.Kind switch
    {
        LayerKind.Convolution => layer.IsDense ? Dense : Convolution,
        LayerKind.Subsampling => Subsampling,
        LayerKind.FullyConnected => Dense,
        LayerKind.RadialBasis => RadialBasis,
        LayerKind.Softmax => Softmax,
        _ => throw LayerKinds.Unknown(layer.Kind),
    };
}
