using LeNet.Data;
using LeNet.Engine;
using LeNet.Strings;
using LeNet.Training;

namespace LeNet.Models;

/// <summary>A declared network the tools know by name.</summary>
/// <param name="Name">Name on the command line and in checkpoints.</param>
/// <param name="Summary">One line for listings.</param>
/// <param name="Description">The layer list with shapes and offsets.</param>
/// <param name="Create">Makes the network's fast engine (the generated code).</param>
/// <param name="Recipe">How <c>lenet train</c> trains it unless told otherwise.</param>
/// <param name="TrainingData">
/// How the loaded digits become the sets it trains and is tested on (the string reader's field trains on
/// windows cut from strips of them); null when it trains on the digits themselves.
/// </param>
public sealed record ModelEntry(string Name, string Summary, NetworkDescription Description, Func<INetwork> Create, TrainingOptions Recipe,
    TrainingMaterial? TrainingData = null)
{
    /// <summary>
    /// How <c>lenet train --global</c> trains it through the string reader's graph after the window passes
    /// (a digit-string reader's field only); null for <see cref="GlobalTrainingOptions"/>' defaults.
    /// </summary>
    public GlobalTrainingOptions? GlobalRecipe { get; init; }

    /// <summary>Makes the generic (runtime-shaped) engine for the same declaration: the oracle and the benchmark baseline.</summary>
    public INetwork CreateGeneric() => new GenericNetwork(Description);

    /// <summary>
    /// The entry for a generated network class (any <c>[Network]</c> partial class: it implements
    /// <see cref="INetwork"/> and has a public parameterless constructor).
    /// </summary>
    /// <param name="summary">One line for listings; by default the class name, layer and parameter counts.</param>
    /// <param name="recipe">How <c>lenet train</c> trains it; by default <see cref="Recipes.Modern"/>.</param>
    public static ModelEntry For<TNetwork>(string? summary = null, TrainingOptions? recipe = null)
        where TNetwork : INetwork, new() =>
        For(new TNetwork(), () => new TNetwork(), summary, recipe);

    /// <summary><see cref="For{TNetwork}"/> for a type known at run time (<c>typeof(MyNet)</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="networkType"/> is not a network class with a public parameterless constructor.</exception>
    public static ModelEntry For(Type networkType, string? summary = null, TrainingOptions? recipe = null)
    {
        ArgumentNullException.ThrowIfNull(networkType);
        if (!typeof(INetwork).IsAssignableFrom(networkType) || networkType.IsAbstract || networkType.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"{networkType.FullName} is not a network: declare it as a [Network] partial class with a public parameterless constructor.", nameof(networkType));
        INetwork Create() => (INetwork)Activator.CreateInstance(networkType)!;
        return For(Create(), Create, summary, recipe);
    }

    private static ModelEntry For(INetwork sample, Func<INetwork> create, string? summary, TrainingOptions? recipe)
    {
        NetworkDescription description = sample.Description;
        summary ??= $"{sample.GetType().Name}: {description.Layers.Count} layers, {description.ParameterCount:N0} parameters, input {description.Input}";
        return new ModelEntry(description.Name, summary, description, create, recipe ?? Recipes.Modern);
    }
}

/// <summary>How a model's training and test sets are made from the loaded digits, when they are not the digits themselves.</summary>
/// <param name="What">What is made, for progress lines ("strip windows").</param>
/// <param name="Images">How many images making them yields, training and test together.</param>
/// <param name="Make">Makes them from the digits, telling the progress, when given, how many images are made so far.</param>
public sealed record TrainingMaterial(string What, long Images, Func<MnistSplit, IProgress<long>?, MnistSplit> Make);

/// <summary>The networks this project ships, by name.</summary>
public static class ModelCatalog
{
    /// <summary>What the digit-string readers' fields train and are tested on: windows cut from strips of the digits.</summary>
    private static readonly TrainingMaterial StringWindows = new("strip windows", Recipes.StringTrainingWindows + Recipes.StringTestWindows, Recipes.StringWindows);

    /// <summary>What the amounts readers' fields train and are tested on: windows cut from synthetic amount strips.</summary>
    private static readonly TrainingMaterial AmountWindows = new("amount windows", Recipes.AmountTrainingWindows + Recipes.StringTestWindows, Recipes.AmountWindows);

    /// <summary>Every shipped model, the default first.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new(LeNet5Modern.NetworkName, "LeNet-5, modern: ReLU, max pooling, softmax (default)", LeNet5Modern.Description, () => new LeNet5Modern(), Recipes.Modern),
        new(LeNet5.NetworkName, "LeNet-5 as in the 1998 paper: C3 table, trainable subsampling, scaled tanh, RBF output", LeNet5.Description, () => new LeNet5(), Recipes.Paper),
        new(LeNet5Wide.NetworkName, "LeNet-5 with wider maps (32, 64, 256), ReLU, max pooling, softmax, trained on elastic distortions", LeNet5Wide.Description, () => new LeNet5Wide(), Recipes.Wide),
        new(LeNet5Classic.NetworkName, "LeNet-5, classic: tanh, average pooling, softmax (the PyTorch benchmark model)", LeNet5Classic.Description, () => new LeNet5Classic(), Recipes.Modern),
        new(LeNet5Strings.NetworkName, "LeNet-5 with a \"no digit\" answer: the 32x32 field of the digit-string reader, trained on windows of synthetic strips",
            LeNet5Strings.Description, () => new LeNet5Strings(), Recipes.Strings,
            StringWindows),
        new(LeNet5StringsWide.NetworkName, "LeNet-5 with twice the maps (12, 24, 128) and a \"no digit\" answer: the digit-string reader's wider 32x32 field, trained on the same windows, then through the reader's graph",
            LeNet5StringsWide.Description, () => new LeNet5StringsWide(), Recipes.StringsWide,
            StringWindows) { GlobalRecipe = Recipes.StringsWideGlobal },
        new(LeNet5Amounts.NetworkName, "LeNet-5 with the amount grammar's answers (digits, ',', '.', none): the 32x32 field of the amounts reader, trained on windows of synthetic amount strips",
            LeNet5Amounts.Description, () => new LeNet5Amounts(), Recipes.Amounts,
            AmountWindows) { GlobalRecipe = Recipes.AmountsGlobal },
        new(LeNet5AmountsWide.NetworkName, "LeNet-5 with twice the maps (12, 24, 128) and the amount grammar's answers: the amounts reader's wider 32x32 field, trained on the same windows distorted, then through the reader's graph",
            LeNet5AmountsWide.Description, () => new LeNet5AmountsWide(), Recipes.AmountsWide,
            AmountWindows) { GlobalRecipe = Recipes.AmountsWideGlobal },
        new(LeNet5Locator.NetworkName, "A small LeNet-5 saying whether a line of handwriting is centred in a 32x32 window of a page: the field of the page reader's detector, trained on windows of synthetic envelopes and cheques (by lenet train)",
            LeNet5Locator.Description, () => new LeNet5Locator(), Recipes.Locator),
        new(LeNet5Verifier.NetworkName, "A LeNet-5 telling the handwritten field from print that looks like it in a 32x32 window of a candidate line at MNIST size: the page reader's verifier, trained on the lines the pretrained page reader reads on synthetic envelopes and cheques (by lenet train)",
            LeNet5Verifier.Description, () => new LeNet5Verifier(), Recipes.Verifier),
    ];

    /// <summary>The model <c>lenet train</c> uses when none is named.</summary>
    public static ModelEntry Default => All[0];

    /// <summary>The model called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such model; the message lists the known names.</exception>
    public static ModelEntry Find(string name) => Find(All, name);

    /// <summary>The model called <paramref name="name"/> (case-insensitive) among <paramref name="models"/>.</summary>
    /// <exception cref="ArgumentException">No such model; the message lists the known names.</exception>
    public static ModelEntry Find(IReadOnlyList<ModelEntry> models, string name) =>
        models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'. Known models: {string.Join(", ", models.Select(m => m.Name))}.");
}
