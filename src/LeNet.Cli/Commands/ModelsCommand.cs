using System.CommandLine;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet models</c>: the pretrained models shipped in the tool (<see cref="PretrainedModels"/>), which <c>--model NAME</c> names.</summary>
internal static class ModelsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("models", "List the pretrained models shipped in the tool: eval, predict, read and serve take one with --model NAME.");
        command.SetAction(_ =>
        {
            var table = new TextTable("name", "network", "parameters", "test accuracy", "size");
            foreach (PretrainedModel model in PretrainedModels.All)
            {
                CheckpointData checkpoint;
                try
                {
                    checkpoint = model.Read();
                }
                catch (CheckpointException error)
                {
                    throw new UserError(error.Message);
                }
                table.Add(model.Name, checkpoint.NetworkName, checkpoint.Parameters.Length, Accuracy(checkpoint), $"{model.Size / 1024.0:0} KB");
            }
            Console.WriteLine(table);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The test accuracy of the pass the checkpoint records, as a percentage, or a dash.</summary>
    private static string Accuracy(CheckpointData checkpoint) =>
        checkpoint.Chosen?.TestAccuracy is double accuracy ? Percent.Of(accuracy) : "-";
}
