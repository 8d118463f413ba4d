namespace LeNet.Checkpoints.Tests;

/// <summary>
/// A checkpoint names its network's declaration through <see cref="NetworkDescription.Signature"/>:
/// padding, stride, floor pooling and the dropout rate are part of it, and a declaration without them
/// keeps the text (and so the signature) checkpoints saved before them were made for.
/// </summary>
public sealed class LayerOptionSignatureTests : IDisposable
{
    private readonly CheckpointFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static NetworkDescription Network(int padding = 0, int stride = 1, bool floor = false, float rate = 0.5f) =>
        new("options", new Shape(1, 10, 10),
        [
            new(LayerKind.Convolution, "C1", 2, 3, Activation.Tanh, Padding: padding, Stride: stride),
            new(LayerKind.Subsampling, "S2", 2, Floor: floor || ((10 + 2 * padding - 3) / stride + 1) % 2 != 0),
            new(LayerKind.Dropout, "D3", 0, Rate: rate),
            new(LayerKind.FullyConnected, "F4", 3),
            new(LayerKind.Softmax, "OUT", 3),
        ]);

    [Fact]
    public void ADeclarationWithoutTheOptions_KeepsTheTextOlderCheckpointsWereMadeFor()
    {
        NetworkDescription old = TinyNetworkText();
        Assert.Equal(
            "input 1x8x8\nConvolution 4 3 Tanh Average False DigitBitmaps []\nSubsampling 2 0 Identity Max False DigitBitmaps []\n"
            + "FullyConnected 10 0 ScaledTanh Average False DigitBitmaps []\nSoftmax 10 0 Identity Average False DigitBitmaps []\n",
            old.CanonicalText());
    }

    private static NetworkDescription TinyNetworkText() => new("tiny", new Shape(1, 8, 8),
    [
        new(LayerKind.Convolution, "C1", 4, 3, Activation.Tanh),
        new(LayerKind.Subsampling, "S2", 2, Pooling: Pooling.Max),
        new(LayerKind.FullyConnected, "F3", 10, Activation: Activation.ScaledTanh),
        new(LayerKind.Softmax, "OUT", 10),
    ]);

    [Fact]
    public void EveryOption_IsRecorded_AndChangesTheSignature()
    {
        NetworkDescription plain = Network(), padded = Network(padding: 1), strided = Network(stride: 2), floored = Network(floor: true),
            otherRate = Network(rate: 0.25f);
        Assert.Contains(" padding 1", padded.CanonicalText());
        Assert.Contains(" stride 2", strided.CanonicalText());
        Assert.Contains(" floor", floored.CanonicalText());
        Assert.Contains(" rate 0.5", plain.CanonicalText());
        Assert.Contains(" rate 0.25", otherRate.CanonicalText());
        string[] signatures = [plain.Signature, padded.Signature, strided.Signature, floored.Signature, otherRate.Signature];
        Assert.Equal(signatures.Length, signatures.Distinct().Count());
    }

    [Fact]
    public void ACheckpoint_ReadsBackForItsOptions_AndIsRefusedForOthers()
    {
        NetworkDescription network = Network(padding: 1, stride: 2);
        float[] parameters = Enumerable.Range(0, network.ParameterCount).Select(i => MathF.Cos(i)).ToArray();
        string path = _files.PathOf("options.ckpt");
        Checkpoint.Save(path, network, parameters, null);
        CheckpointData data = Checkpoint.Read(path);
        Assert.Equal(parameters, data.ParametersFor(network));
        var error = Assert.Throws<CheckpointException>(() => data.ParametersFor(Network(padding: 1, stride: 2, rate: 0.25f)));
        Assert.Contains("different declaration", error.Message);
    }

    [Fact]
    public void BadOptions_AreRefusedWithTheLayerAndTheRule()
    {
        Assert.Contains("padding 3 must be less than the kernel 3", Refused(padding: 3));
        Assert.Contains("stride must be 1 or more", Refused(stride: 0));
        Assert.Contains("rate must be at least 0 and below 1", Refused(rate: 1f));
        var error = Assert.Throws<ArgumentException>(() => new NetworkDescription("odd", new Shape(1, 9, 9),
            [new(LayerKind.Subsampling, "S1", 2), new(LayerKind.Softmax, "OUT", 16)]));
        Assert.Contains("Layer S1: a 2x2 window does not divide its 9x9 input", error.Message);
    }

    private static string Refused(int padding = 0, int stride = 1, float rate = 0.5f) =>
        Assert.Throws<ArgumentException>(() => Network(padding, stride, floor: true, rate)).Message;
}
