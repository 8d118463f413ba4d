using LeNet.Generator.Model;

namespace LeNet.Generator.Emit;

/// <summary>Picks the emitter for a layer.</summary>
internal static class LayerEmitters
{
    private static readonly ILayerEmitter Convolution = new ConvolutionEmitter();
    private static readonly ILayerEmitter Dense = new DenseEmitter();
    private static readonly ILayerEmitter Subsampling = new SubsamplingEmitter();
    private static readonly ILayerEmitter RadialBasis = new RadialBasisEmitter();
    private static readonly ILayerEmitter Softmax = new SoftmaxEmitter();
    private static readonly ILayerEmitter PerPosition = new PerPositionEmitter();
    private static readonly ILayerEmitter Window = new WindowEmitter();
    private static readonly ILayerEmitter Dropout = new DropoutEmitter();

    public static ILayerEmitter For(LayerSpec layer) => layer.Kind switch
    {
        LayerKind.Dropout => Dropout,
        _ when layer.IsWindowed => Window,
        _ when layer.IsDense => Dense,
        _ when layer.PerPosition => PerPosition,
        LayerKind.Convolution => Convolution,
        LayerKind.Subsampling => Subsampling,
        LayerKind.RadialBasis => RadialBasis,
        LayerKind.FullyConnected => Dense,
        _ => Softmax,
    };
}
