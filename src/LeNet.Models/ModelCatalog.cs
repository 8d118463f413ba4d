using LeNet.Engine;
using LeNet.Training;

namespace LeNet.Models;

/// <summary>A declared network the tools know by name.</summary>
/// <param name="Name">Name on the command line and in checkpoints.</param>
/// <param name="Summary">One line for listings.</param>
/// <param name="Description">The layer list with shapes and offsets.</param>
/// <param name="Create">Makes the network's fast engine (the generated code).</param>
/// <param name="Recipe">How <c>lenet train</c> trains it unless told otherwise.</param>
public sealed record ModelEntry(string Name, string Summary, NetworkDescription Description, Func<INetwork> Create, TrainingOptions Recipe)
{
    /// <summary>Makes the generic (runtime-shaped) engine for the same declaration: the oracle and the benchmark baseline.</summary>
    public INetwork CreateGeneric() => new GenericNetwork(Description);
}

/// <summary>The networks this project ships, by name.</summary>
public static class ModelCatalog
{
    /// <summary>
    /// Minibatch SGD with momentum, a short warm-up, cosine decay and a little weight decay: the
    /// softmax models reach 99% MNIST test accuracy with it in a few passes.
    /// </summary>
    private static readonly TrainingOptions Modern = new()
    {
        Epochs = 12,
        BatchSize = 64,
        LearningRate = 0.05f,
        Optimizer = OptimizerKind.Sgd,
        Momentum = 0.9f,
        WeightDecay = 5e-4f,
        Schedule = ScheduleKind.Cosine,
        WarmupSteps = 200,
    };

    /// <summary>
    /// The paper's recipe (section III.B, Appendix C): 20 passes of one update per sample in a random
    /// order (the trainer draws a fresh order each pass; the paper kept one), stochastic diagonal Levenberg-Marquardt with mu = 0.02 and h_kk re-estimated
    /// on 500 samples before each pass, eta 0.0005, 0.0002, 0.0001, 0.00005, 0.00001 by the paper's
    /// table, its initialisation (read as +-2.4/sqrt(F), see <see cref="ParameterInitializer"/>) and its
    /// discriminative RBF criterion (j = 1).
    /// </summary>
    /// <remarks>
    /// Measured with <c>lenet train --model lenet5-paper --seed N</c> (10,000 test images): see the
    /// README's paper table. One thread, so the run is the same on any machine.
    /// </remarks>
    private static readonly TrainingOptions PaperRecipe = TrainingOptions.Paper with { Threads = 1 };

    /// <summary>Every shipped model, the default first.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new(LeNet5Modern.NetworkName, "LeNet-5, modern: ReLU, max pooling, softmax (default)", LeNet5Modern.Description, () => new LeNet5Modern(), Modern),
        new(LeNet5.NetworkName, "LeNet-5 as in the 1998 paper: C3 table, trainable subsampling, scaled tanh, RBF output", LeNet5.Description, () => new LeNet5(), PaperRecipe),
        new(LeNet5Classic.NetworkName, "LeNet-5, classic: tanh, average pooling, softmax (the PyTorch benchmark model)", LeNet5Classic.Description, () => new LeNet5Classic(), Modern),
    ];

    /// <summary>The model <c>lenet train</c> uses when none is named.</summary>
    public static ModelEntry Default => All[0];

    /// <summary>The model called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such model; the message lists the known names.</exception>
    public static ModelEntry Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", All.Select(m => m.Name))}.");
}
