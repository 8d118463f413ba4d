using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>A trained network read from a checkpoint: which model it is, its engine and parameters.</summary>
/// <param name="Entry">The catalog entry the checkpoint names.</param>
/// <param name="Network">The generated engine.</param>
/// <param name="Parameters">The trained parameters.</param>
/// <param name="Checkpoint">The checkpoint as read (name, signature, metadata).</param>
internal sealed record LoadedModel(ModelEntry Entry, INetwork Network, float[] Parameters, CheckpointData Checkpoint)
{
    /// <summary>The criterion that turns outputs into a prediction and probabilities.</summary>
    public ILoss Loss { get; } = Losses.ForOutput(Entry.Description);

    /// <summary>The class names the checkpoint records (<see cref="DataInfo.ClassNames"/>), or null when they are just the numbers "0", "1", ...</summary>
    public IReadOnlyList<string>? ClassNames { get; } =
        Checkpoint.Data.ClassNames.SequenceEqual(DataInfo.Numbered(Checkpoint.Data.ClassNames.Count)) ? null : Checkpoint.Data.ClassNames;

    /// <summary>Whether pictures are fitted whole into 28x28 (image-folder models) rather than normalised as MNIST digits.</summary>
    public bool ResizesPictures { get; } = Checkpoint.Data.Preprocessing == LeNet.Data.Preprocessing.FitWhole;

    /// <summary>The name of class <paramref name="label"/>: its class name, or its number.</summary>
    public string ClassName(int label) => LeNet.Data.ClassNames.Of(ClassNames, label);

    /// <summary>A picture file as the 28x28 image this model reads: fitted whole for image-folder models, normalised as an MNIST digit otherwise.</summary>
    public byte[] PictureFromFile(string path)
    {
        if (!ResizesPictures) return PredictCommand.DigitFromFile(path);
        try
        {
            return ImageFolderSource.ReadResized(path);
        }
        catch (LeNet.Data.DataFormatException error)
        {
            throw new UserError(error.Message);
        }
    }

    /// <summary>
    /// Reads <paramref name="path"/>, finds its model and probes the network (<see cref="NetworkProbe"/>); every failure is a
    /// one-line <see cref="UserError"/>, and a network whose outputs are not finite is refused as a usage error.
    /// </summary>
    public static LoadedModel From(string path)
    {
        (CheckpointData data, ModelEntry entry) = Read(path);
        return Of(data, entry);
    }

    /// <summary>The pretrained model called <paramref name="name"/> (<see cref="PretrainedModels"/>); an unknown name is a usage error listing the known ones.</summary>
    public static LoadedModel Pretrained(string name)
    {
        CheckpointData data;
        try
        {
            data = PretrainedModels.Find(name).Read();
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message, ExitCodes.Usage);
        }
        catch (CheckpointException error)
        {
            throw new UserError(error.Message);
        }
        return Of(data, FindEntry(data, data.Path));
    }

    /// <summary>
    /// Reads <paramref name="path"/> (a checkpoint, or a folder holding one: <see cref="CheckpointArgument.Resolve"/>) and finds its
    /// model, without putting the network to use; every failure is a one-line <see cref="UserError"/>.
    /// </summary>
    public static (CheckpointData Checkpoint, ModelEntry Entry) Read(string path)
    {
        path = CheckpointArgument.Resolve(path);
        CheckpointData data;
        try
        {
            data = LeNet.Checkpoints.Checkpoint.Read(path);
        }
        catch (CheckpointException error)
        {
            throw new UserError(error.Message);
        }
        return (data, FindEntry(data, path));
    }

    private static ModelEntry FindEntry(CheckpointData data, string path)
    {
        try
        {
            return ToolModels.Find(data.NetworkName);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{path}: the checkpoint is for network '{data.NetworkName}', which this tool does not know. {error.Message} A program of your own adds its networks with LeNetTool.Run(args, typeof(YourNetwork)).");
        }
    }

    /// <summary>The network of <paramref name="entry"/> with the checkpoint's parameters, probed.</summary>
    private static LoadedModel Of(CheckpointData data, ModelEntry entry)
    {
        try
        {
            INetwork network = entry.Create();
            float[] parameters = data.ParametersFor(entry.Description);
            if (!NetworkProbe.OutputsAreFinite(network, parameters))
                throw new UserError($"checkpoint {data.Path}: the network's outputs are not finite on a probe input; the weights are likely corrupt.", ExitCodes.Usage);
            return new LoadedModel(entry, network, parameters, data);
        }
        catch (CheckpointException error)
        {
            throw new UserError(error.Message);
        }
    }
}
