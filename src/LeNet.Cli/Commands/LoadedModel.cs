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
public sealed record LoadedModel(ModelEntry Entry, INetwork Network, float[] Parameters, CheckpointData Checkpoint)
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

    /// <summary>Fails when the data's classes are not this model's: another number of classes, or other names.</summary>
    public void CheckClasses(LeNet.Data.MnistSplit data)
    {
        if (data.ClassNames is { } names && ClassNames is { } ours && !names.SequenceEqual(ours, StringComparer.Ordinal))
            throw new UserError($"{Checkpoint.Path}: the model's classes ({string.Join(", ", ours)}) are not the data's ({string.Join(", ", names)}).");
        DataSource.CheckClasses(data, Entry.Description);
    }

    /// <summary>Reads <paramref name="path"/> (a checkpoint, or a folder holding one: <see cref="CheckpointArgument.Resolve"/>) and finds its model; every failure is a one-line <see cref="UserError"/>.</summary>
    public static LoadedModel From(string path)
    {
        path = CheckpointArgument.Resolve(path);
        try
        {
            return Of(LeNet.Checkpoints.Checkpoint.Read(path));
        }
        catch (CheckpointException error)
        {
            throw new UserError(error.Message);
        }
    }

    /// <summary>The pretrained model called <paramref name="name"/> (<see cref="PretrainedModels"/>); an unknown name is a usage error listing the known ones.</summary>
    public static LoadedModel Pretrained(string name)
    {
        try
        {
            return Of(PretrainedModels.Find(name).Read());
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message, ExitCodes.Usage);
        }
        catch (CheckpointException error)
        {
            throw new UserError(error.Message);
        }
    }

    private static LoadedModel Of(CheckpointData data)
    {
        ModelEntry entry;
        try
        {
            entry = ToolModels.Find(data.NetworkName);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{data.Path}: the checkpoint is for network '{data.NetworkName}', which this tool does not know. {error.Message} A program of your own adds its networks with LeNetTool.Run(args, typeof(YourNetwork)).");
        }
        return new LoadedModel(entry, entry.Create(), data.ParametersFor(entry.Description), data);
    }
}
