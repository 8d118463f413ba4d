using LeNet.Engine;

namespace LeNet.Models;

/// <summary>A declared network the tools know by name.</summary>
/// <param name="Name">Name on the command line and in checkpoints.</param>
/// <param name="Summary">One line for listings.</param>
/// <param name="Description">The layer list with shapes and offsets.</param>
/// <param name="Create">Makes the network's fast engine (the generated code).</param>
public sealed record ModelEntry(string Name, string Summary, NetworkDescription Description, Func<INetwork> Create)
{
    /// <summary>Makes the generic (runtime-shaped) engine for the same declaration: the oracle and the benchmark baseline.</summary>
    public INetwork CreateGeneric() => new GenericNetwork(Description);
}

/// <summary>The networks this project ships, by name.</summary>
public static class ModelCatalog
{
    // TEMPORARY until the generator lands: declarations written out by hand, generic engine.
    private static NetworkDescription Modern() => new("lenet5", new Shape(1, 32, 32),
    [
        new(LayerKind.Convolution, "C1", 6, 5, Activation.ReLU),
        new(LayerKind.Subsampling, "S2", 2, Pooling: Pooling.Max),
        new(LayerKind.Convolution, "C3", 16, 5, Activation.ReLU),
        new(LayerKind.Subsampling, "S4", 2, Pooling: Pooling.Max),
        new(LayerKind.FullyConnected, "C5", 120, Activation: Activation.ReLU),
        new(LayerKind.FullyConnected, "F6", 84, Activation: Activation.ReLU),
        new(LayerKind.FullyConnected, "F7", 10),
        new(LayerKind.Softmax, "OUTPUT", 10),
    ]);

    /// <summary>Every shipped model, the default first.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new("lenet5", "LeNet-5, modern: ReLU, max pooling, softmax (default)", Modern(), () => new GenericNetwork(Modern())),
    ];

    /// <summary>The model <c>lenet train</c> uses when none is named.</summary>
    public static ModelEntry Default => All[0];

    /// <summary>The model called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such model; the message lists the known names.</exception>
    public static ModelEntry Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", All.Select(m => m.Name))}.");
}
