using LeNet.Checkpoints;
using LeNet.Training;

namespace LeNet;

/// <summary>Makes and loads <see cref="Model{TNet}"/>s: a network of any <c>[Network]</c> class with its parameters.</summary>
public static class Model
{
    /// <summary>A new, untrained model of <typeparamref name="TNet"/>: its parameters drawn by <paramref name="initialization"/> from <paramref name="seed"/>.</summary>
    /// <typeparam name="TNet">A <c>[Network]</c> class (the generator makes it an <see cref="INetwork"/> with a parameterless constructor).</typeparam>
    /// <param name="seed">Seeds the draw: the same seed gives the same parameters.</param>
    /// <param name="initialization">How the parameters are drawn.</param>
    public static Model<TNet> Create<TNet>(int seed = 1, InitializationScheme initialization = InitializationScheme.Default)
        where TNet : INetwork, new()
    {
        var network = new TNet();
        return new Model<TNet>(network, ParameterInitializer.Create(network.Description, initialization, seed), classNames: null, Preprocessing.Digit);
    }

    /// <summary>The model saved at <paramref name="path"/> by <see cref="Model{TNet}.Save"/> (or <c>lenet train</c>): its parameters, class names and preprocessing.</summary>
    /// <exception cref="CheckpointException">The file is missing, damaged, not a checkpoint, or saved for another network or another declaration of <typeparamref name="TNet"/>; the message says which.</exception>
    public static Model<TNet> Load<TNet>(string path) where TNet : INetwork, new() =>
        From<TNet>(Checkpoint.Read(path));

    /// <summary>The model saved in <paramref name="stream"/> (read to its end), e.g. an embedded resource; <paramref name="name"/> stands for it in messages.</summary>
    /// <exception cref="CheckpointException">As <see cref="Load{TNet}(string)"/>.</exception>
    public static Model<TNet> Load<TNet>(Stream stream, string name = "(stream)") where TNet : INetwork, new() =>
        From<TNet>(Checkpoint.Read(stream, name));

    private static Model<TNet> From<TNet>(CheckpointData checkpoint) where TNet : INetwork, new()
    {
        var network = new TNet();
        float[] parameters = checkpoint.ParametersFor(network.Description);
        IReadOnlyList<string>? names = checkpoint.ClassNames;
        if (names is not null && names.Count > network.Description.Output.Size)
            throw new CheckpointException(checkpoint.Path, $"names {names.Count} classes, but network '{network.Description.Name}' has {network.Description.Output.Size} outputs.");
        Preprocessing preprocessing;
        try
        {
            preprocessing = checkpoint.Get(CheckpointKeys.Preprocessing) is { } name ? Preprocessing.Parse(name) : Preprocessing.Digit;
        }
        catch (ArgumentException error)
        {
            throw new CheckpointException(checkpoint.Path, $"corrupt metadata '{CheckpointKeys.Preprocessing}': {error.Message}");
        }
        return new Model<TNet>(network, parameters, names, preprocessing);
    }
}
