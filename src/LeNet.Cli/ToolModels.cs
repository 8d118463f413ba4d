using LeNet.Models;

namespace LeNet.Cli;

/// <summary>
/// The networks the commands know by name: the shipped ones (<see cref="ModelCatalog"/>), after the
/// networks a program of its own hands to <see cref="LeNetTool.Run(string[], ModelEntry[])"/>.
/// Every command resolves <c>--model</c> and a checkpoint's network name here.
/// </summary>
internal static class ToolModels
{
    /// <summary>Every known model; the first is the default.</summary>
    public static IReadOnlyList<ModelEntry> All { get; private set; } = Shipped;

    /// <summary>The shipped models, the page reader's detector and verifier given the material the tool composes for them.</summary>
    private static IReadOnlyList<ModelEntry> Shipped => Commands.VerifierTraining.Attach(Commands.LocatorTraining.Attach(ModelCatalog.All));

    /// <summary>The model <c>train</c>, <c>info</c> and <c>bench</c> use when none is named.</summary>
    public static ModelEntry Default => All[0];

    /// <summary>The model called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such model; the message lists the known names.</exception>
    public static ModelEntry Find(string name) => ModelCatalog.Find(All, name);

    /// <summary>Puts <paramref name="models"/> first (the first becomes the default), then the shipped models.</summary>
    /// <exception cref="ArgumentException">Two models share a name (names are case-insensitive).</exception>
    public static void Use(IReadOnlyList<ModelEntry> models)
    {
        List<ModelEntry> all = [.. models, .. Shipped];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ModelEntry model in all)
            if (!names.Add(model.Name))
                throw new ArgumentException($"Two networks are named '{model.Name}'; give one another name with [Network(Name = \"...\")]. Shipped: {string.Join(", ", ModelCatalog.All.Select(m => m.Name))}.", nameof(models));
        All = all;
    }
}
