namespace LeNet.Generator.Model;

// These mirror the runtime's enums (LeNet.LayerKind, LeNet.Activation, LeNet.Pooling,
// LeNet.RbfCentres) value for value: the generator reads attribute arguments as integers and must
// not reference the runtime assembly. Names are emitted as global::LeNet.<Enum>.<Name>.

/// <summary>The layer kinds the generator understands.</summary>
internal enum LayerKind { Convolution, Subsampling, FullyConnected, RadialBasis, Softmax, Dropout }

/// <summary>Squashing functions, numbered as LeNet.Activation.</summary>
internal enum Activation { Identity = 0, ScaledTanh = 1, Tanh = 2, ReLU = 3, Sigmoid = 4 }

/// <summary>Pooling kinds, numbered as LeNet.Pooling.</summary>
internal enum Pooling { Average = 0, Max = 1 }

/// <summary>RBF centre sources, numbered as LeNet.RbfCentres.</summary>
internal enum RbfCentres { DigitBitmaps = 0, Random = 1 }
