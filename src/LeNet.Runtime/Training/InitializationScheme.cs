namespace LeNet.Training;

/// <summary>How <see cref="ParameterInitializer"/> draws the starting parameters.</summary>
public enum InitializationScheme
{
    /// <summary>
    /// Today's defaults: weights uniform in +-1/sqrt(F) (PyTorch's default for convolutions and
    /// linear layers), or He-uniform +-sqrt(6/F) in ReLU layers; F is the receiving unit's fan-in.
    /// </summary>
    Default = 0,
    /// <summary>
    /// The 1998 paper's rule (Appendix A) as its stated purpose requires: weights and biases uniform in
    /// +-2.4/sqrt(F), trainable subsampling coefficients in +-2.4/(k x k) on the window's sum (see
    /// <see cref="ParameterInitializer"/> for why not the printed +-2.4/F).
    /// </summary>
    Paper = 1,
}
