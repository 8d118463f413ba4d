namespace LeNet;

/// <summary>The non-linearity a layer applies to its weighted sums.</summary>
public enum Activation
{
    /// <summary>No squashing: the layer outputs its weighted sums.</summary>
    Identity = 0,
    /// <summary>The 1998 paper's squashing function f(a) = 1.7159 tanh(2a/3), so that f(+-1) = +-1.</summary>
    ScaledTanh = 1,
    /// <summary>The plain hyperbolic tangent.</summary>
    Tanh = 2,
    /// <summary>max(0, a).</summary>
    ReLU = 3,
    /// <summary>The logistic function 1 / (1 + e^-a).</summary>
    Sigmoid = 4,
}

/// <summary>How a subsampling layer combines the units of one window.</summary>
public enum Pooling
{
    /// <summary>The mean of the window (the paper's S2 and S4, optionally with a trainable coefficient and bias).</summary>
    Average = 0,
    /// <summary>The largest unit of the window.</summary>
    Max = 1,
}

/// <summary>Where the centres of a radial-basis output layer come from.</summary>
public enum RbfCentres
{
    /// <summary>
    /// The paper's fixed +-1 codes: a stylised 7x12 bitmap of each digit (84 components), see
    /// <see cref="DigitCodes"/>. Needs 10 units fed by 84 inputs.
    /// </summary>
    DigitBitmaps = 0,
    /// <summary>Random +-1 codes drawn when the parameters are initialised (trainable centres only).</summary>
    Random = 1,
}
