namespace LeNet.Training;

/// <summary>Builds and names optimizers.</summary>
internal static class Optimizers
{
    /// <summary>The optimizer <paramref name="options"/> ask for, sized for <paramref name="network"/>.</summary>
    public static IOptimizer Create(TrainingOptions options, NetworkDescription network) => options.Optimizer switch
    {
        OptimizerKind.Sgd => new SgdOptimizer(network, options.Momentum, options.WeightDecay),
        OptimizerKind.Adam => new AdamOptimizer(network, options.WeightDecay),
        OptimizerKind.Sdlm => new SdlmOptimizer(network, options.SdlmMu, options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };

    /// <summary>Parses "sgd", "adam" or "sdlm" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static OptimizerKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "sgd" => OptimizerKind.Sgd,
        "adam" => OptimizerKind.Adam,
        "sdlm" or "lm" or "paper" => OptimizerKind.Sdlm,
        _ => throw new ArgumentException($"Unknown optimizer '{name}'. Known: sgd, adam, sdlm."),
    };
}
