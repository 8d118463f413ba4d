namespace LeNet.Training;

/// <summary>
/// Updates the parameters from a (batch-averaged) gradient. Each optimizer keeps its own per-parameter
/// state, allocated once; <see cref="Step"/> allocates nothing.
/// </summary>
public interface IOptimizer
{
    /// <summary>Short name for logs ("sgd", "adam", "sdlm").</summary>
    string Name { get; }

    /// <summary>Moves <paramref name="parameters"/> in place using <paramref name="gradient"/> (dE/dparameters) and the current <paramref name="learningRate"/>.</summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate);
}
