using System.CommandLine;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet info [--model NAME]</c>: the layer table with shapes, parameters and connections.</summary>
public static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var all = new Option<bool>("--all") { Description = "List every known model instead of one." };
        var command = new Command("info", "Print a network's layers (shapes, parameter and connection counts) and its training recipe.") { model, all };
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
        return $"{d.Name}: {entry.Summary}\n\n{table}\n\nmultiply-adds per forward pass: {d.MultiplyAdds:N0}\nsignature: {d.Signature}\nrecipe (lenet train --model {d.Name}): {entry.Recipe.Summary()}";
    }
}
