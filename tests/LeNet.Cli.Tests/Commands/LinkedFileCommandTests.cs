using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Files;
using LeNet.Imaging;
using LeNet.Models;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// Commands given symbolic links: a link to a checkpoint or a picture works as the file does; a link to
/// a pipe is refused with one line, like the pipe itself, and never waits for a writer; a run that keeps
/// the checkpoint it found still clears the temporary files a killed run left beside it.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LinkedFileCommandTests : IDisposable
{
    /// <summary>Longest a command is given before it is taken to be waiting on the pipe.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(120);

    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-links-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Link(string name, string target)
    {
        File.CreateSymbolicLink(PathOf(name), target);
        return PathOf(name);
    }

    [Fact]
    public void Predict_follows_links_to_a_checkpoint_and_a_picture()
    {
        if (OperatingSystem.IsWindows()) return;
        string picture = PathOf("digit.png");
        ImageFile.SaveDigitPng(picture, TrainedModel.Data.Test.Image(0));

        CliResult direct = CliRunner.Run("predict", TrainedModel.CheckpointPath, picture);
        CliResult linked = CliRunner.Run("predict", Link("model.ckpt", TrainedModel.CheckpointPath), Link("linked.png", picture));

        Assert.True(linked.ExitCode == ExitCodes.Success, linked.ToString());
        Assert.Equal(direct.Out.Replace(picture, "PICTURE"), linked.Out.Replace(PathOf("linked.png"), "PICTURE"));
    }

    [Fact]
    public async Task Every_command_refuses_a_link_to_a_pipe_with_one_line_without_waiting()
    {
        if (OperatingSystem.IsWindows()) return;
        string pipe = PathOf("pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        string checkpoint = Link("model.ckpt", pipe), picture = Link("digit.png", pipe);
        string data = Directory.CreateDirectory(PathOf("data")).FullName;
        foreach (string name in Mnist.FileNames)
            File.CreateSymbolicLink(Path.Combine(data, name), name == Mnist.TestImagesFile ? pipe : Path.Combine(TrainedModel.DataFolder, name));
        string output = Directory.CreateDirectory(PathOf("run")).FullName;
        File.CreateSymbolicLink(Path.Combine(output, ModelCatalog.Default.Name + Checkpoint.Extension), pipe);

        string[][] commands =
        [
            ["predict", checkpoint, TrainedModel.CheckpointPath],
            ["predict", TrainedModel.CheckpointPath, picture],
            ["eval", checkpoint],
            ["eval", TrainedModel.CheckpointPath, "--data", data],
            ["read", checkpoint, picture],
            ["train", "--epochs", "1", "--limit", "10", "--data", TrainedModel.DataFolder, "--out", output],
        ];
        foreach (string[] command in commands)
        {
            Task<CliResult> run = Task.Run(() => CliRunner.Run(command));
            if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(HangGuard))
            {
                using (new FileStream(pipe, FileMode.Open, FileAccess.Write)) { }
                Assert.Fail($"lenet {string.Join(' ', command)} waited on the pipe");
            }
            CliResult result = await run;
            Assert.True(result.ExitCode == ExitCodes.UserError, $"lenet {string.Join(' ', command)}: {result}");
            Assert.Contains($"is a link to '{pipe}', which is empty or not a regular file", result.LastError);
        }
    }

    [Fact]
    public void Train_clears_stale_temporary_files_and_keeps_the_checkpoint_it_found()
    {
        string output = Directory.CreateDirectory(PathOf("run")).FullName;
        string checkpoint = Path.Combine(output, ModelCatalog.Default.Name + Checkpoint.Extension);
        CheckpointData trained = Checkpoint.Read(TrainedModel.CheckpointPath);
        Checkpoint.Save(checkpoint, ModelCatalog.Default.Description, trained.Parameters,
            new Dictionary<string, string>(trained.Metadata) { [CheckpointKeys.TestAccuracy] = "0.9999" });
        string[] stale = [$".history.csv.{Guid.NewGuid():N}{AtomicFile.TemporaryExtension}", $".{Path.GetFileName(checkpoint)}.{Guid.NewGuid():N}{AtomicFile.TemporaryExtension}"];
        foreach (string name in stale)
        {
            File.WriteAllText(Path.Combine(output, name), "left by a run killed mid-save");
            File.SetLastWriteTimeUtc(Path.Combine(output, name), DateTime.UtcNow.AddHours(-1));
        }

        CliResult result = CliRunner.Run("train", "--epochs", "1", "--limit", "50", "--data", TrainedModel.DataFolder, "--out", output, "--threads", "1");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("the folder's earlier runs are kept", result.Out);
        Assert.Equal(["history-2.csv", "lenet5-2.ckpt", Path.GetFileName(checkpoint)], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
