namespace LeNet.Training;

/// <summary>How <see cref="ParameterInitializer"/> draws the starting parameters.</summary>
public enum InitializationScheme
{
    /// <summary>
    /// Today's defaults: weights uniform in +-1/sqrt(F) (PyTorch's default for convolutions and
    /// linear layers), or He-uniform +-sqrt(6/F) in ReLU layers; F is the receiving unit's fan-in.
    /// </summary>
    Default = 0,
    /// <summary>The 1998 paper's rule as printed (Appendix A): weights and biases uniform in +-2.4/F.</summary>
    Paper = 1,
    /// <summary>
    /// The paper's rule read as its stated aim requires: weights and biases uniform in +-2.4/sqrt(F),
    /// so every unit's weighted sum starts with the same spread (see <see cref="ParameterInitializer"/>).
    /// </summary>
    PaperSqrt = 2,
    /// <summary>
    /// The paper's aim with unit spread: weights and biases uniform in +-sqrt(3/F), a standard deviation
    /// of 1/sqrt(F), so a weighted sum of unit-variance inputs starts with unit variance (the rule of
    /// LeCun et al.'s "Efficient BackProp", 1998); trainable subsampling as the paper prints it.
    /// </summary>
    PaperUnit = 3,
}
