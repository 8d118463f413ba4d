namespace LeNet.Training;

/// <summary>
/// Updates the parameters from a (batch-averaged) gradient. Each optimizer keeps its own per-parameter
/// state, allocated once; a step allocates nothing. A step is <see cref="BeginStep"/> once, then
/// <see cref="Update"/> over slices that cover the parameters, which several threads may update at
/// once (each parameter depends only on its own gradient and state).
/// </summary>
public interface IOptimizer
{
    /// <summary>Short name for logs ("sgd", "adam", "sdlm").</summary>
    string Name { get; }

    /// <summary>Starts a step: advances whatever state the whole step shares (Adam's step count).</summary>
    void BeginStep();

    /// <summary>
    /// Moves parameters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>)
    /// of <paramref name="parameters"/> in place using the same slice of <paramref name="gradient"/>
    /// (dE/dparameters, whole vectors both) and the current <paramref name="learningRate"/>.
    /// </summary>
    void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate, int start, int count);
}

/// <summary>Whole steps of an <see cref="IOptimizer"/>.</summary>
internal static class OptimizerSteps
{
    /// <summary>One step over all parameters on the calling thread: <see cref="IOptimizer.BeginStep"/>, then one <see cref="IOptimizer.Update"/>.</summary>
    public static void Step(this IOptimizer optimizer, Span<float> parameters, ReadOnlySpan<float> gradient, float learningRate)
    {
        optimizer.BeginStep();
        optimizer.Update(parameters, gradient, learningRate, 0, parameters.Length);
    }
}
