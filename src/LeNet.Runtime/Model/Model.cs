using LeNet.Checkpoints;
using LeNet.Training;

namespace LeNet;

/// <summary>Makes and loads <see cref="Model{TNet}"/>s: a network of any <c>[Network]</c> class with its parameters.</summary>
public static class Model
{
    /// <summary>
    /// A new, untrained model of <typeparamref name="TNet"/>: its parameters drawn by <paramref name="initialization"/> from
    /// <paramref name="seed"/>, its <see cref="Model{TNet}.Data"/> MNIST-style digits (classes by number, digit preprocessing).
    /// </summary>
    /// <typeparam name="TNet">A <c>[Network]</c> class (the generator makes it an <see cref="INetwork"/> with a parameterless constructor).</typeparam>
    /// <param name="seed">Seeds the draw: the same seed gives the same parameters.</param>
    /// <param name="initialization">How the parameters are drawn.</param>
    public static Model<TNet> Create<TNet>(int seed = 1, InitializationScheme initialization = InitializationScheme.Default)
        where TNet : INetwork, new()
    {
        var network = new TNet();
        return new Model<TNet>(network, ParameterInitializer.Create(network.Description, initialization, seed), DataInfo.Mnist with { ClassNames = DataInfo.Numbered(network.Description.Output.Size) });
    }

    /// <summary>The model saved at <paramref name="path"/> by <see cref="Model{TNet}.Save"/>: its parameters and the data it was trained on (<see cref="Model{TNet}.Data"/>).</summary>
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
        int outputs = network.Description.Output.Size, classes = checkpoint.Data.ClassNames.Count;
        if (classes > outputs)
            throw new CheckpointException(checkpoint.Path, $"names {classes} classes, but network '{network.Description.Name}' has {outputs} outputs.");
        return new Model<TNet>(network, parameters, checkpoint.Data);
    }
}
