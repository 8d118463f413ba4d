using System.Reflection;
using LeNet.Checkpoints;

namespace LeNet.Models;

/// <summary>
/// The trained checkpoints that ship inside this assembly, each named after its network:
/// <c>lenet5</c> (MNIST digits), <c>lenet5-strings</c> and <c>lenet5-strings-wide</c> (the string reader's field networks, the
/// smaller and the wider), <c>lenet5-amounts</c> (the amounts reader's), <c>lenet5-locator</c> (the page reader's detector) and <c>lenet5-verifier</c> (its verifier);
/// and the page reader's string readers, named after their network and <see cref="PagesSuffix"/>:
/// <c>lenet5-strings-wide-pages</c> and <c>lenet5-amounts-wide-pages</c>, trained further on fields cut from pages.
/// </summary>
/// <example>
/// <code>
/// CheckpointData checkpoint = PretrainedModels.Find("lenet5").Read();
/// float[] parameters = checkpoint.ParametersFor(LeNet5.Description);
/// </code>
/// </example>
public static class PretrainedModels
{
    private const string ResourcePrefix = "LeNet.Models.Pretrained.";

    /// <summary>The end of the name of a string reader's checkpoint trained further on fields cut from pages (<c>lenet train --global-pages</c>), after its network's name.</summary>
    public const string PagesSuffix = "-pages";

    /// <summary>Every pretrained model, in name order.</summary>
    public static IReadOnlyList<PretrainedModel> All { get; } =
    [
        .. typeof(PretrainedModels).Assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) && resource.EndsWith(Checkpoint.Extension, StringComparison.Ordinal))
            .Select(resource => new PretrainedModel(resource[ResourcePrefix.Length..^Checkpoint.Extension.Length], resource))
            .OrderBy(model => model.Name, StringComparer.Ordinal),
    ];

    /// <summary>The pretrained model called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such model; the message lists the pretrained ones.</exception>
    public static PretrainedModel Find(string name) =>
        All.FirstOrDefault(model => string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No pretrained model is called '{name}'; the pretrained models are {string.Join(", ", All.Select(m => m.Name))}.");

    /// <summary>The checkpoint file of the pretrained model called <paramref name="name"/>, as a read-only stream.</summary>
    /// <exception cref="ArgumentException">No such model.</exception>
    public static Stream Open(string name) => Find(name).Open();
}

/// <summary>A trained checkpoint shipped inside LeNet.Models (<see cref="PretrainedModels"/>).</summary>
public sealed class PretrainedModel
{
    private readonly string _resource;

    internal PretrainedModel(string name, string resource)
    {
        Name = name;
        _resource = resource;
        using Stream stream = Open();
        Size = stream.Length;
    }

    /// <summary>Its name: the name of the network it was trained for, followed by <see cref="PretrainedModels.PagesSuffix"/> for a page reader's string reader.</summary>
    public string Name { get; }

    /// <summary>Size of its checkpoint file in bytes.</summary>
    public long Size { get; }

    /// <summary>The checkpoint file, as a read-only stream (the format of <see cref="Checkpoint"/>).</summary>
    public Stream Open() =>
        typeof(PretrainedModel).Assembly.GetManifestResourceStream(_resource)
        ?? throw new InvalidOperationException($"The pretrained model '{Name}' is missing from {typeof(PretrainedModel).Assembly.GetName().Name}.");

    /// <summary>The checkpoint, read and checked; its <see cref="CheckpointData.Path"/> is <c>pretrained:NAME</c>.</summary>
    /// <exception cref="CheckpointException">The embedded checkpoint is damaged (never for a build that passed its tests).</exception>
    public CheckpointData Read()
    {
        using Stream stream = Open();
        return Checkpoint.Read(stream, $"pretrained:{Name}");
    }
}
