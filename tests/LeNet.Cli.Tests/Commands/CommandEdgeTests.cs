using System.Reflection;
using System.Text.RegularExpressions;
using LeNet.Checkpoints;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;
using LeNet.Models;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// The command line's rough edges, each pinned: the program's name in help, suggestions for a mistyped word,
/// a checkpoint named by its folder, where files go by default, stale strips, and the exit codes for a
/// diverged and an interrupted run and for export's and serve's failures.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandEdgeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-edges-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>A copy of the trained checkpoint at <paramref name="relative"/> under the test's folder.</summary>
    private string CopyCheckpoint(string relative)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(TrainedModel.CheckpointPath, path);
        return path;
    }

    private static void AssertFails(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: {result}");
        Assert.StartsWith("lenet: ", result.LastError);
        foreach (string fragment in fragments) Assert.Contains(fragment, result.LastError);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Help_names_the_tool_and_a_program_of_its_own_by_its_own_name()
    {
        CliResult tool = CliRunner.Run("train", "--help");
        Assert.Equal(ExitCodes.Success, tool.ExitCode);
        Assert.Contains("Usage:\n  lenet train [options]", tool.Out.ReplaceLineEndings("\n"));

        string program = Assembly.GetEntryAssembly()?.GetName().Name ?? Program.ToolName;
        CliResult own = CliRunner.RunAsProgram("eval", "--help");
        Assert.Contains($"Usage:\n  {program} eval [<checkpoint>] [options]", own.Out.ReplaceLineEndings("\n"));
        CliResult mistyped = CliRunner.RunAsProgram("evl");
        Assert.Equal($"{program}: 'evl' is not a command (did you mean 'eval'?); the commands are train, eval, predict, strings, read, envelopes, cheques, find, info, show, sweep, serve, figures, bench, check, export, models (see '{program} --help').",
            Assert.Single(mistyped.ErrorLines));
    }

    [Fact]
    public void A_word_near_nothing_gets_no_suggestion()
    {
        Assert.DoesNotContain("did you mean", CliRunner.Run("train", "--bogus").Error);
        Assert.DoesNotContain("did you mean", CliRunner.Run("train", "-x").Error);
        Assert.DoesNotContain("did you mean", CliRunner.Run("zzzzzz").Error);
    }

    [Fact]
    public void Threads_help_states_one_default()
    {
        foreach (string command in new[] { "eval", "sweep", "figures" })
        {
            string line = Assert.Single(CliRunner.Run(command, "--help").OutLines, l => l.StartsWith("--threads", StringComparison.Ordinal));
            Assert.Equal(1, line.Split("default").Length - 1);
            Assert.Contains("(default: every core)", line);
        }
    }

    [Fact]
    public void A_folder_holding_one_checkpoint_stands_for_it_in_every_command()
    {
        string checkpoint = CopyCheckpoint(Path.Combine("run", "anything.ckpt"));
        string folder = Path.GetDirectoryName(checkpoint)!;
        File.WriteAllText(Path.Combine(folder, "history.csv"), "notes");
        Assert.Equal(checkpoint, CheckpointArgument.Resolve(folder));

        CliResult eval = CliRunner.Run("eval", folder, "--data", TrainedModel.DataFolder);
        Assert.True(eval.ExitCode == ExitCodes.Success, eval.ToString());
        string digit = PathOf("digit.png");
        LeNet.Imaging.ImageFile.SaveDigitPng(digit, TrainedModel.Data.Test.Image(0));
        CliResult predict = CliRunner.Run("predict", folder, digit);
        Assert.True(predict.ExitCode == ExitCodes.Success, predict.ToString());
    }

    [Fact]
    public void A_folder_with_several_checkpoints_takes_the_one_named_after_it_or_lists_them()
    {
        string named = CopyCheckpoint(Path.Combine("lenet5", "lenet5.ckpt"));
        CopyCheckpoint(Path.Combine("lenet5", "older.ckpt"));
        Assert.Equal(named, CheckpointArgument.Resolve(PathOf("lenet5")));

        CopyCheckpoint(Path.Combine("mixed", "a.ckpt"));
        CopyCheckpoint(Path.Combine("mixed", "b.ckpt"));
        string mixed = PathOf("mixed");
        AssertFails(CliRunner.Run("eval", mixed), ExitCodes.UserError, $"{mixed} is a folder holding 2 checkpoints (a.ckpt, b.ckpt) and none named mixed.ckpt");

        string other = Directory.CreateDirectory(PathOf("other")).FullName;
        File.WriteAllText(Path.Combine(other, "notes.txt"), "");
        File.WriteAllText(Path.Combine(other, "lenet5.onnx"), "");
        foreach (string[] command in new[] { ["eval"], ["predict", "x.png"], ["show", "--index", "0"], ["sweep"], ["figures"], ["export"], ["serve", "--port", "0"], new[] { "read", "--eval", "x" } })
            AssertFails(CliRunner.Run([command[0], other, .. command[1..]]), ExitCodes.UserError, $"{other} is a folder with no checkpoint (*.ckpt) in it; it holds lenet5.onnx, notes.txt.");

        string empty = Directory.CreateDirectory(PathOf("empty")).FullName;
        AssertFails(CliRunner.Run("predict", empty, "x.png"), ExitCodes.UserError, $"{empty} is an empty folder, not a checkpoint.");
    }

    [Fact]
    public void Show_sweep_and_export_write_beside_the_checkpoint_by_default()
    {
        string checkpoint = CopyCheckpoint(Path.Combine("run", "lenet5.ckpt"));
        string run = Path.GetDirectoryName(checkpoint)!;

        CliResult show = CliRunner.Run("show", run, "--index", "3", "--data", TrainedModel.DataFolder);
        Assert.True(show.ExitCode == ExitCodes.Success, show.ToString());
        Assert.Equal([Path.Combine(run, "show-3.png")], show.OutLines);
        Assert.True(File.Exists(Path.Combine(run, "show-3.png")));

        CliResult sweep = CliRunner.Run("sweep", checkpoint, "--data", TrainedModel.DataFolder);
        Assert.True(sweep.ExitCode == ExitCodes.Success, sweep.ToString());
        Assert.All(sweep.OutLines, line => Assert.StartsWith(Path.Combine(run, "sweep-"), line));
        Assert.NotEmpty(Directory.GetFiles(run, "sweep-*.png"));

        CliResult export = CliRunner.Run("export", checkpoint);
        Assert.True(export.ExitCode == ExitCodes.Success, export.ToString());
        Assert.StartsWith(Path.Combine(run, "lenet5.onnx") + ": lenet5 ", export.Out);
        Assert.True(new FileInfo(Path.Combine(run, "lenet5.onnx")).Length > 100_000);
    }

    [Fact]
    public void Export_refuses_a_bad_checkpoint_and_an_output_it_cannot_write()
    {
        string bad = PathOf("bad.ckpt");
        File.WriteAllText(bad, "not a checkpoint\n");
        AssertFails(CliRunner.Run("export", bad, PathOf("never.onnx")), ExitCodes.UserError, bad);
        AssertFails(CliRunner.Run("export", PathOf("missing.ckpt")), ExitCodes.UserError, "missing.ckpt");
        Assert.False(File.Exists(PathOf("never.onnx")));

        string taken = Directory.CreateDirectory(PathOf("taken.onnx")).FullName; // a folder where the file would go
        AssertFails(CliRunner.Run("export", TrainedModel.CheckpointPath, taken), ExitCodes.UserError, taken, "could not be written");
        Assert.Empty(Directory.GetFileSystemEntries(taken));

        AssertFails(CliRunner.Run("export", TrainedModel.CheckpointPath, PathOf("a.onnx"), PathOf("b.onnx")), ExitCodes.Usage, "'lenet export'");
    }

    [Fact]
    public void Serve_refuses_a_bad_or_missing_checkpoint()
    {
        string bad = PathOf("bad.ckpt");
        File.WriteAllBytes(bad, File.ReadAllBytes(TrainedModel.CheckpointPath)[..1000]);
        AssertFails(CliRunner.Run("serve", bad, "--port", "0", "--data", TrainedModel.DataFolder), ExitCodes.UserError, bad);
        AssertFails(CliRunner.Run("serve", PathOf("missing.ckpt"), "--port", "0"), ExitCodes.UserError, "missing.ckpt");
        AssertFails(CliRunner.Run("serve", TrainedModel.CheckpointPath, "--reader", bad, "--port", "0", "--data", TrainedModel.DataFolder), ExitCodes.UserError, bad);
    }

    [Fact]
    public void Strings_into_a_used_folder_removes_the_earlier_strips_and_nothing_else()
    {
        string folder = Directory.CreateDirectory(PathOf("set")).FullName;
        string[] earlier = [.. Enumerable.Range(0, 8).Select(i => Path.Combine(folder, $"strip-{i:00000}.png"))];
        foreach (string file in earlier) File.WriteAllText(file, "old");
        string[] theirs = [Path.Combine(folder, "strip-photo.png"), Path.Combine(folder, "notes.txt"), Path.Combine(folder, "strip-1.png")];
        foreach (string file in theirs) File.WriteAllText(file, "mine");

        CliResult result = CliRunner.Run("strings", "--out", folder, "--count", "3", "--data", TrainedModel.DataFolder);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("removed 5 strips of an earlier set", result.Out);
        string[] strips = [.. StripSetFile.Read(folder).Select(e => Path.Combine(folder, e.File))];
        Assert.Equal(earlier[..3], strips);
        string[] expected = [.. strips, .. theirs, Path.Combine(folder, StripSetFile.FileName)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Order(StringComparer.Ordinal));
        Assert.All(strips, s => Assert.NotEqual("old", File.ReadAllText(s)));
        Assert.All(theirs, s => Assert.Equal("mine", File.ReadAllText(s)));
    }

    [Fact]
    public void The_epoch_table_and_the_history_write_rates_in_one_notation()
    {
        string run = PathOf("rates");
        CliResult result = CliRunner.Run("train", "--epochs", "2", "--limit", "300", "--threads", "1", "--data", TrainedModel.DataFolder, "--out", run);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        string[] rows = [.. result.OutLines.Where(l => Regex.IsMatch(l, @"^[12] "))];
        Assert.Equal(2, rows.Length);
        Assert.All(rows, row => Assert.Matches(@" \d\.\d\de[+-]\d\d ", row));
        string[] history = File.ReadAllLines(Path.Combine(run, "history.csv"));
        int rate = Array.IndexOf(history[0].Split(','), "learning_rate");
        Assert.All(history.Skip(1), line => Assert.Matches(@"^\d(\.\d+)?e[+-]\d\d$", line.Split(',')[rate]));
    }

    [Fact]
    public void A_diverging_run_exits_3_and_saves_nothing()
    {
        string run = PathOf("diverged");
        CliResult result = CliRunner.Run("train", "--lr", "1e30", "--schedule", "constant", "--warmup", "0", "--epochs", "1", "--limit", "300",
            "--threads", "1", "--data", TrainedModel.DataFolder, "--out", run);
        AssertFails(result, ExitCodes.Diverged, "diverged", "Nothing was saved");
        Assert.False(File.Exists(Path.Combine(run, ModelCatalog.Default.Name + Checkpoint.Extension)));
    }

    [Fact]
    public void An_interrupted_run_exits_130_and_says_what_it_saved()
    {
        string run = PathOf("interrupted");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel(); // Ctrl+C before the first step
        CliResult result = CliRunner.Run(cancellation.Token, "train", "--epochs", "2", "--limit", "300", "--threads", "1",
            "--data", TrainedModel.DataFolder, "--out", run);
        Assert.True(result.ExitCode == ExitCodes.Interrupted, result.ToString());
        Assert.Equal("lenet: interrupted before this run saved a checkpoint; nothing was written.", result.LastError);
        Assert.False(File.Exists(Path.Combine(run, ModelCatalog.Default.Name + Checkpoint.Extension)));
    }

    [Fact]
    public void Info_names_what_a_pooling_layer_computes()
    {
        string modern = CliRunner.Run("info").Out, classic = CliRunner.Run("info", "--model", "lenet5-classic").Out, paper = CliRunner.Run("info", "--model", "lenet5-paper").Out;
        Assert.Matches(@"\nS2 +max pool 2x2 +max ", modern);
        Assert.Matches(@"\nS2 +average pool 2x2 +mean ", classic);
        Assert.Matches(@"\nS2 +average pool 2x2 \(coef\+bias\) +ScaledTanh ", paper);
        Assert.DoesNotMatch(@"pool[^\n]*Identity", modern + classic + paper);
    }

    [Fact]
    public void Info_gives_a_string_readers_global_recipe_and_no_other_models()
    {
        string wide = CliRunner.Run("info", "--model", "lenet5-strings-wide").Out, modern = CliRunner.Run("info").Out;
        Assert.Contains("through the reader's graph (lenet train --model lenet5-strings-wide --global N): ", wide);
        Assert.Contains("a pool of 200,000, batches of 32, Adam at 0.00003, penalties at 0.01, one thread", wide);
        Assert.DoesNotContain("through the reader's graph", modern);
    }

    [Fact]
    public void Bench_help_says_how_long_it_takes()
    {
        Assert.Contains("about a minute", CliRunner.Run("bench", "--help").Out);
        Assert.DoesNotContain("a few seconds", CliRunner.Run("--help").Out);
    }
}
