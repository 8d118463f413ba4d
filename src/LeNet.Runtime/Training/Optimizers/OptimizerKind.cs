namespace LeNet.Training;

/// <summary>The optimizers the trainer can build.</summary>
public enum OptimizerKind
{
    /// <summary><see cref="SgdOptimizer"/>: stochastic gradient descent with momentum.</summary>
    Sgd = 0,
    /// <summary><see cref="AdamOptimizer"/>.</summary>
    Adam = 1,
    /// <summary><see cref="SdlmOptimizer"/>: the paper's stochastic diagonal Levenberg-Marquardt.</summary>
    Sdlm = 2,
}
