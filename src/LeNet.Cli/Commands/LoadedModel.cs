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

    /// <summary>Reads <paramref name="path"/> and finds its model; every failure is a one-line <see cref="UserError"/>.</summary>
    public static LoadedModel From(string path)
    {
        try
        {
            CheckpointData data = LeNet.Checkpoints.Checkpoint.Read(path);
            ModelEntry entry;
            try
            {
                entry = ToolModels.Find(data.NetworkName);
            }
            catch (ArgumentException error)
            {
                throw new UserError($"{path}: the checkpoint is for network '{data.NetworkName}', which this tool does not know. {error.Message} A program of your own adds its networks with LeNetTool.Run(args, typeof(YourNetwork)).");
            }
            return new LoadedModel(entry, entry.Create(), data.ParametersFor(entry.Description), data);
        }
        catch (CheckpointException error)
        {
            throw new UserError(error.Message);
        }
    }
}
