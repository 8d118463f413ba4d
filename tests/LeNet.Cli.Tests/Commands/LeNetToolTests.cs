using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// A program of its own hands its networks to <see cref="LeNetTool.Run(string[], ModelEntry[])"/>: every
/// command then knows them by name, before the shipped models. Each test leaves the shipped list behind.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LeNetToolTests : IDisposable
{
    public void Dispose() => ToolModels.Use([]);

    /// <summary>"mine": the default model's layers under another name, with a recipe of its own.</summary>
    private static ModelEntry Mine()
    {
        ModelEntry lenet5 = ModelCatalog.Default;
        var description = new NetworkDescription("mine", lenet5.Description.Input, lenet5.Description.Layers.Select(l => l.Declaration).ToList());
        return new ModelEntry("mine", "a network of its own", description, lenet5.Create, Recipes.Modern with { Epochs = 3 });
    }

    [Fact]
    public void A_network_handed_to_the_tool_is_known_to_every_command()
    {
        ModelEntry mine = Mine();
        string path = Path.Combine(AppContext.BaseDirectory, "lenet-tool", "mine.ckpt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Checkpoint.Save(path, mine.Description, TrainedModel.Load().Parameters);

        CliResult unknown = CliRunner.Run("eval", path, "--data", TrainedModel.DataFolder);
        Assert.Equal(ExitCodes.UserError, unknown.ExitCode);
        Assert.Contains("LeNetTool.Run", unknown.LastError);

        ToolModels.Use([mine]);
        CliResult eval = CliRunner.Run("eval", path, "--data", TrainedModel.DataFolder);
        Assert.True(eval.ExitCode == ExitCodes.Success, eval.ToString());
        Assert.StartsWith("mine on ", eval.OutLines[0]);

        CliResult info = CliRunner.Run("info");
        Assert.True(info.ExitCode == ExitCodes.Success, info.ToString());
        Assert.StartsWith("mine: a network of its own", info.OutLines[0]);
        Assert.Contains("recipe (lenet train --model mine): sgd lr=0.05 batch=64 epochs=3 ", info.Out);
        Assert.Contains(CliRunner.Run("info", "--all").OutLines, line => line.StartsWith("lenet5-paper "));

        CliResult help = CliRunner.Run("train", "--help");
        Assert.Contains("mine: sgd lr=0.05 batch=64 epochs=3 ", help.Out);
        Assert.Contains("lenet5-paper: sdlm lr=0.00015 batch=10 epochs=20 ", help.Out);
    }

    [Fact]
    public void A_network_named_like_a_shipped_one_is_refused_before_any_command_runs()
    {
        var error = Assert.Throws<ArgumentException>(() => LeNetTool.Run(["info"], ModelCatalog.Find("lenet5-classic")));
        Assert.Contains("'lenet5-classic'", error.Message);
        Assert.Equal(ModelCatalog.All.Select(m => m.Name), ToolModels.All.Select(m => m.Name));
    }

    [Fact]
    public void A_type_that_is_not_a_generated_network_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LeNetTool.Run(["info"], typeof(string)));
        Assert.Contains("System.String is not a network", error.Message);
    }

    [Fact]
    public void An_entry_for_a_generated_class_takes_its_name_and_the_modern_recipe()
    {
        ModelEntry entry = ModelEntry.For(typeof(LeNet5Classic));
        Assert.Equal(LeNet5Classic.NetworkName, entry.Name);
        Assert.Same(LeNet5Classic.Description, entry.Description);
        Assert.Same(Recipes.Modern, entry.Recipe);
        Assert.IsType<LeNet5Classic>(entry.Create());
        Assert.Same(Recipes.Paper, ModelEntry.For<LeNet5>(recipe: Recipes.Paper).Recipe);
    }
}
