namespace LeNet;

/// <summary>The kinds of layer a network declaration can hold.</summary>
public enum LayerKind
{
    /// <summary>See <see cref="ConvolutionAttribute"/>.</summary>
    Convolution,
    /// <summary>See <see cref="SubsamplingAttribute"/>.</summary>
    Subsampling,
    /// <summary>See <see cref="FullyConnectedAttribute"/>.</summary>
    FullyConnected,
    /// <summary>See <see cref="RadialBasisAttribute"/>.</summary>
    RadialBasis,
    /// <summary>See <see cref="SoftmaxAttribute"/>.</summary>
    Softmax,
    /// <summary>See <see cref="DropoutAttribute"/>.</summary>
    Dropout,
}
