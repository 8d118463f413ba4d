namespace LeNet.Training.Tests;

/// <summary>Small networks declared by hand, fast enough on the generic engine to train in a test.</summary>
internal static class TinyNetworks
{
    public const int Side = 8;
    public const int Outputs = 10;

    /// <summary>1x8x8 -> conv 4@3x3 ReLU -> max pool 2 -> fc 10 -> softmax: 410 parameters.</summary>
    public static NetworkDescription Softmax(string name = "tiny-softmax") => new(name, new Shape(1, Side, Side),
    [
        new(LayerKind.Convolution, "C1", 4, 3, Activation.ReLU),
        new(LayerKind.Subsampling, "S2", 2, Pooling: Pooling.Max),
        new(LayerKind.FullyConnected, "F3", Outputs),
        new(LayerKind.Softmax, "OUT", Outputs),
    ]);

    /// <summary>1x8x8 -> conv 4@3x3 ReLU -> max pool 2 -> fc 10 identity: squared error on plain outputs.</summary>
    public static NetworkDescription Linear() => new("tiny-linear", new Shape(1, Side, Side),
    [
        new(LayerKind.Convolution, "C1", 4, 3, Activation.ReLU),
        new(LayerKind.Subsampling, "S2", 2, Pooling: Pooling.Max),
        new(LayerKind.FullyConnected, "F3", Outputs),
    ]);

    /// <summary>
    /// The paper's shape in miniature: conv 4@3x3 scaled tanh -> trainable average pool 2 -> fc 84
    /// scaled tanh -> 10 RBF units with the fixed digit codes.
    /// </summary>
    public static NetworkDescription RadialBasis() => new("tiny-rbf", new Shape(1, Side, Side),
    [
        new(LayerKind.Convolution, "C1", 4, 3, Activation.ScaledTanh),
        new(LayerKind.Subsampling, "S2", 2, Activation: Activation.ScaledTanh, Trainable: true),
        new(LayerKind.FullyConnected, "F3", DigitCodes.Length, Activation: Activation.ScaledTanh),
        new(LayerKind.RadialBasis, "OUT", Outputs),
    ]);

    /// <summary>A network touching every initialisation rule: a connection table, trainable pooling, trainable RBF centres.</summary>
    public static NetworkDescription Everything(RbfCentres centres) => new("tiny-everything", new Shape(1, 12, 12),
    [
        new(LayerKind.Convolution, "C1", 3, 3, Activation.ScaledTanh),
        new(LayerKind.Subsampling, "S2", 2, Activation: Activation.ScaledTanh, Trainable: true),
        new(LayerKind.Convolution, "C3", 3, 3, Activation.ReLU, Connections: [[0], [0, 1], [0, 1, 2]]),
        new(LayerKind.FullyConnected, "F4", DigitCodes.Length, Activation: Activation.Tanh),
        new(LayerKind.RadialBasis, "OUT", Outputs, Trainable: true, Centres: centres),
    ]);
}
