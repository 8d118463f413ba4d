using System.CommandLine;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet info [CHECKPOINT | --model NAME | --all]</c>: the layer table with shapes, parameters and connections;
/// for a checkpoint also what it was trained with and on, its classes, and the pass it keeps with its accuracies.
/// </summary>
internal static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = new Argument<string?>("checkpoint") { Description = "A checkpoint to describe, or the folder holding it: its network, recipe, data, preprocessing, class names and accuracy.", Arity = ArgumentArity.ZeroOrOne };
        var model = CommonOptions.Model();
        var all = new Option<bool>("--all") { Description = "List every known model instead of one." };
        var command = new Command("info", "Print a network's layers (shapes, parameter and connection counts) and its training recipe; for a checkpoint, also its data, preprocessing, class names and accuracy.") { checkpoint, model, all };
        command.Validators.Add(result =>
        {
            int given = (result.GetValue(checkpoint) is null ? 0 : 1) + (result.GetResult(model) is { Implicit: false } ? 1 : 0) + (result.GetValue(all) ? 1 : 0);
            if (given > 1) result.AddError("give a checkpoint, --model NAME or --all, not more than one.");
        });
        command.SetAction(result =>
        {
            if (result.GetValue(all))
            {
                var table = new TextTable("model", "parameters", "multiply-adds", "summary");
                foreach (ModelEntry entry in ToolModels.All)
                    table.Add(entry.Name, entry.Description.ParameterCount, entry.Description.MultiplyAdds, entry.Summary);
                Console.WriteLine(table);
                return ExitCodes.Success;
            }
            if (result.GetValue(checkpoint) is { } path)
            {
                (CheckpointData data, ModelEntry entry) = LoadedModel.Read(path);
                Console.WriteLine(Describe(data, entry));
                return ExitCodes.Success;
            }
            Console.WriteLine(Describe(CommonOptions.FindModel(result.GetValue(model))));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The model's name, summary and layer table.</summary>
    public static string Describe(ModelEntry entry)
    {
        NetworkDescription d = entry.Description;
        var table = new TextTable("layer", "kind", "activation", "input", "output", "parameters", "connections");
        foreach (LayerInfo layer in d.Layers)
        {
            table.Add(layer.Label, layer.Describe(), LayerCaption.Function(layer), layer.Input.ToString(), layer.Output.ToString(), layer.ParameterCount, layer.Connections);
        }
        table.Add("total", "", "", d.Input.ToString(), d.Output.ToString(), d.ParameterCount, d.Connections);
        return $"{d.Name}: {entry.Summary}\n\n{table}\n\nmultiply-adds per forward pass: {d.MultiplyAdds:N0}\nsignature: {d.Signature}\nrecipe (lenet train --model {d.Name}): {entry.Recipe.Summary()}" +
            (entry.GlobalRecipe is { } global ? $"\nthrough the reader's graph (lenet train --model {d.Name} --global N): {GlobalPhase.Describe(global, d)}" : "");
    }

    /// <summary>A checkpoint's network (<see cref="Describe(ModelEntry)"/>), then what it records: the training options, data, preprocessing, classes and the chosen pass.</summary>
    public static string Describe(CheckpointData checkpoint, ModelEntry entry)
    {
        DataInfo data = checkpoint.Data;
        string notRecorded = checkpoint.FormatVersion < 2 ? "not recorded (v1)" : "not recorded";
        var lines = new List<string>
        {
            Describe(entry),
            "",
            $"checkpoint: {checkpoint.Path} (format version {checkpoint.FormatVersion})",
            $"trained with: {checkpoint.Get(CheckpointKeys.Options) ?? "not recorded"}",
            checkpoint.DataRecorded ? $"data: {data.Describe()}" : $"data: {notRecorded}; {data.Describe()} assumed",
            $"preprocessing: {Describe(data.Preprocessing)}",
            $"classes ({data.ClassNames.Count}): {string.Join(", ", data.ClassNames.Select((name, label) => name == label.ToString(System.Globalization.CultureInfo.InvariantCulture) ? name : $"{label} {name}"))}",
            checkpoint.Chosen is { } chosen
                ? $"pass: {chosen.Pass}, validation accuracy {Recorded(chosen.ValidationAccuracy)}, test accuracy {Recorded(chosen.TestAccuracy)}"
                : "pass: not recorded",
        };
        if (checkpoint.Get(CheckpointKeys.Created) is { } created) lines.Add($"created: {created}");
        try
        {
            float[] parameters = checkpoint.ParametersFor(entry.Description);
            if (!NetworkProbe.OutputsAreFinite(entry.Create(), parameters))
                lines.Add("warning: the network's outputs are not finite on a probe input; the weights are likely corrupt, and eval, predict and serve refuse it.");
        }
        catch (CheckpointException error)
        {
            lines.Add($"warning: {error.Message}");
        }
        return string.Join('\n', lines);
    }

    private static string Recorded(double? accuracy) => accuracy is null ? "not recorded" : Percent.Of(accuracy);

    private static string Describe(Preprocessing preprocessing) => preprocessing == Preprocessing.Digit
        ? "digit (as MNIST's digits: cropped to the ink, scaled into 20x20, centred by mass in 28x28)"
        : "fit-whole (the whole picture fitted into 28x28, no crop)";
}
