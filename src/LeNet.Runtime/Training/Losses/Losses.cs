using System.Globalization;

namespace LeNet.Training;

/// <summary>Chooses and names the training criteria.</summary>
public static class Losses
{
    /// <summary>Separates a criterion's name from its parameter in the names <see cref="Parse"/> reads: "rbf-map:2.5".</summary>
    public const char ParameterSeparator = ':';

    /// <summary>The names <see cref="Parse"/> accepts; "[:j]" marks rbf-map's optional parameter.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "ce", "mse", "rbf-map[:j]"];

    /// <summary>
    /// The natural criterion for <paramref name="network"/>'s output layer: cross-entropy after a
    /// softmax, the paper's discriminative criterion after radial-basis units, squared error otherwise.
    /// </summary>
    public static ILoss ForOutput(NetworkDescription network) => network.OutputKind switch
    {
        LayerKind.Softmax => new CrossEntropy(),
        LayerKind.RadialBasis => new RbfDiscriminative(),
        _ => new MeanSquaredError(network.OutputKind),
    };

    /// <summary>
    /// The criterion called <paramref name="name"/> (case-insensitive) for <paramref name="network"/>:
    /// "auto" (<see cref="ForOutput"/>); "ce", "cross-entropy" or "nll"; "mse" or "ml"
    /// (<see cref="MeanSquaredError"/>; for radial-basis outputs the paper's maximum-likelihood
    /// criterion); "rbf-map", "map" or "paper", optionally followed by ":j" to set the rubbish-class penalty.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, bad j, or a criterion the output layer cannot feed.</exception>
    public static ILoss Parse(string name, NetworkDescription network)
    {
        string text = name.Trim().ToLowerInvariant();
        string? parameter = null;
        int separator = text.IndexOf(ParameterSeparator);
        if (separator >= 0)
        {
            parameter = text[(separator + 1)..];
            text = text[..separator];
        }
        ILoss loss = text switch
        {
            "auto" or "default" => ForOutput(network),
            "ce" or "cross-entropy" or "crossentropy" or "nll" => new CrossEntropy(),
            "mse" or "ml" or "squared" => new MeanSquaredError(network.OutputKind),
            "rbf-map" or "map" or "paper" or "rbf" => new RbfDiscriminative(ParseJ(name, parameter)),
            _ => throw new ArgumentException($"Unknown loss '{name}'. Known losses: {string.Join(", ", Names)}."),
        };
        if (parameter is not null && loss is not RbfDiscriminative)
            throw new ArgumentException($"Loss '{name}': only rbf-map takes a parameter (its rubbish-class penalty j, as in rbf-map:1.5).");
        CheckFits(loss, network);
        return loss;
    }

    /// <summary>Fails when <paramref name="loss"/> cannot read <paramref name="network"/>'s outputs.</summary>
    /// <exception cref="ArgumentException">The pairing makes no sense; the message says what would.</exception>
    public static void CheckFits(ILoss loss, NetworkDescription network)
    {
        LayerKind output = network.OutputKind;
        if (loss is CrossEntropy && output != LayerKind.Softmax)
            throw new ArgumentException($"Loss 'ce' needs a softmax output layer, but network '{network.Name}' ends in a {output} layer; use '{ForOutput(network).Name}' or 'mse'.");
        if (loss is RbfDiscriminative && output != LayerKind.RadialBasis)
            throw new ArgumentException($"Loss 'rbf-map' needs a radial-basis output layer, but network '{network.Name}' ends in a {output} layer; use '{ForOutput(network).Name}' or 'mse'.");
        if (loss is MeanSquaredError mse && mse.OutputKind != output)
            throw new ArgumentException($"This 'mse' loss was made for a {mse.OutputKind} output, but network '{network.Name}' ends in a {output} layer.");
    }

    private static float ParseJ(string name, string? parameter)
    {
        if (parameter is null) return RbfDiscriminative.DefaultJ;
        if (float.TryParse(parameter, NumberStyles.Float, CultureInfo.InvariantCulture, out float j) && float.IsFinite(j))
            return j;
        throw new ArgumentException($"Loss '{name}': the rubbish-class penalty j must be a number, not '{parameter}'.");
    }
}
