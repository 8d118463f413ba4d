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
    /// <summary>Every shipped model, the default first.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new(LeNet5Modern.NetworkName, "LeNet-5, modern: ReLU, max pooling, softmax (default)", LeNet5Modern.Description, () => new LeNet5Modern()),
        new(LeNet5.NetworkName, "LeNet-5 as in the 1998 paper: C3 table, trainable subsampling, scaled tanh, RBF output", LeNet5.Description, () => new LeNet5()),
        new(LeNet5Classic.NetworkName, "LeNet-5, classic: tanh, average pooling, softmax (the PyTorch benchmark model)", LeNet5Classic.Description, () => new LeNet5Classic()),
    ];

    /// <summary>The model <c>lenet train</c> uses when none is named.</summary>
    public static ModelEntry Default => All[0];

    /// <summary>The model called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such model; the message lists the known names.</exception>
    public static ModelEntry Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", All.Select(m => m.Name))}.");
}
