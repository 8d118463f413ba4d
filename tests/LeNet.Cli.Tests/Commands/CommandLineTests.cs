using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Models;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// Every command line that cannot be run exits with code 2 and one plain line on stderr, before any
/// work starts; a hostile file exits with code 1 and one line; `train` keeps a better checkpoint.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-line-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name) => Path.Combine(_folder, name);

    public static TheoryData<string, string> BadCommandLines => new()
    {
        { "train --epochs 0", "--epochs must be at least 1, not 0" },
        { "train --epochs abc", "--epochs: 'abc' is not a whole number" },
        { "train --lr fast", "--lr: 'fast' is not a number" },
        { "train --batch -3", "--batch must be at least 1, not -3" },
        { "train --warmup -1", "--warmup must be at least 0, not -1" },
        { "train --average 1", "The averaging decay must be in [0, 1), not 1." },
        { "train --copies 9", "9 distorted copies of each image need a distortion to make them." },
        { "train --distort --copies -1", "--copies must be at least 0, not -1" },
        { "train --model lenet7", "there is no model 'lenet7'; the models are lenet5, lenet5-paper, lenet5-wide, lenet5-classic, lenet5-strings" },
        { "train --optimizer rmsprop", "Unknown optimizer 'rmsprop'" },
        { "train --bogus", "'--bogus' is not an option or argument of 'lenet train'" },
        { "info --model lenet7", "there is no model 'lenet7'" },
        { "serve x.ckpt --port 99999", "--port must be in 0..65535, not 99999" },
        { "eval x.ckpt --threads 0", "--threads must be at least 1, not 0" },
        { "foo", "'foo' is not a command; the commands are train, eval, predict" },
        { "trian", "'trian' is not a command (did you mean 'train'?); the commands are train, eval, predict" },
        { "exprot x.ckpt", "'exprot' is not a command (did you mean 'export'?)" },
        { "train --epoch 3", "'--epoch' is not an option or argument of 'lenet train' (did you mean '--epochs'?) (see 'lenet train --help')" },
        { "eval x.ckpt --thread 1", "(did you mean '--threads'?)" },
        { "serve x.ckpt --prot 80", "(did you mean '--port'?)" },
        { "", "no command given; the commands are train" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void A_bad_command_line_exits_2_with_one_plain_line(string commandLine, string expected)
    {
        CliResult result = CliRunner.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Empty(result.Out);
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("lenet: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("System.", line);
        Assert.DoesNotContain("Required command was not provided", line);
    }

    [Fact]
    public void Train_help_shows_every_default()
    {
        CliResult result = CliRunner.Run("train", "--help");
        Assert.Equal(ExitCodes.Success, result.ExitCode);
        foreach (string option in new[] { "--epochs", "--batch", "--lr", "--optimizer", "--schedule", "--warmup", "--momentum", "--weight-decay", "--order", "--seed", "--threads", "--copies", "--out", "--limit", "--overwrite" })
        {
            // Help may wrap a description over several lines; the option's text runs up to the next option.
            int at = result.Out.IndexOf(option + " ", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{option} is not in the help");
            int next = result.Out.IndexOf("\n  -", at, StringComparison.Ordinal);
            Assert.Contains("default", result.Out[at..(next < 0 ? result.Out.Length : next)]);
        }
        Assert.Contains("lenet5 12, lenet5-paper 20", result.Out);
        Assert.Contains("lenet5 200", result.Out); // the warm-up steps
    }

    [Fact]
    public void Eval_with_a_lying_8_byte_label_file_is_one_line_and_exit_1()
    {
        string data = Directory.CreateDirectory(File("data")).FullName;
        foreach (string name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte" })
            System.IO.File.Copy(Path.Combine(TrainedModel.DataFolder, FindIn(TrainedModel.DataFolder, name)), Path.Combine(data, name));
        string labels = Path.Combine(data, "t10k-labels-idx1-ubyte");
        System.IO.File.WriteAllBytes(labels, [0x00, 0x00, 0x08, 0x01, 0x7f, 0xff, 0xff, 0xff]);

        CliResult result = CliRunner.Run("eval", TrainedModel.CheckpointPath, "--data", data);

        Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
        Assert.Equal($"lenet: {labels}: truncated labels: the header announces 2147483647 bytes, found 0.", result.LastError);
        Assert.All(result.ErrorLines.SkipLast(1), l => Assert.Matches("^lenet: (loading|loaded) ", l));
    }

    private static string FindIn(string folder, string name) =>
        LeNet.Data.Mnist.Candidates(name).First(candidate => System.IO.File.Exists(Path.Combine(folder, candidate)));

    [Fact]
    public void A_checkpoint_with_NaN_weights_is_refused_by_eval_and_serve()
    {
        // The trained checkpoint with one weight made NaN and the checksum recomputed, as a hostile file would be.
        byte[] bytes = System.IO.File.ReadAllBytes(TrainedModel.CheckpointPath);
        int count = ModelCatalog.Default.Description.ParameterCount, hashAt = bytes.Length - 32;
        BitConverter.TryWriteBytes(bytes.AsSpan(hashAt - 4 * count + 4 * 100), float.NaN);
        System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, hashAt), bytes.AsSpan(hashAt));
        string path = File("nan.ckpt");
        System.IO.File.WriteAllBytes(path, bytes);

        foreach (string[] command in new[] { new[] { "eval", path }, ["serve", path, "--port", "0"], ["predict", path, "x.png"] })
        {
            CliResult result = CliRunner.Run(command);
            Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
            Assert.Equal($"lenet: Checkpoint '{path}': parameter 100 is NaN; a usable checkpoint holds finite numbers only (was it saved from a run that diverged?).", Assert.Single(result.ErrorLines));
        }
    }

    [Fact]
    public void Predict_refuses_a_pipe_and_a_lying_header_with_one_line()
    {
        if (OperatingSystem.IsWindows()) return;
        string pipe = File("digit.png");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        CliResult piped = CliRunner.Run("predict", TrainedModel.CheckpointPath, pipe);
        Assert.True(piped.ExitCode == ExitCodes.UserError, piped.ToString());
        Assert.Contains("not a regular file", Assert.Single(piped.ErrorLines));

        // A 54-byte BMP header claiming 30000x30000 pixels.
        var bmp = new byte[54];
        "BM"u8.CopyTo(bmp);
        BitConverter.TryWriteBytes(bmp.AsSpan(10), 54);
        BitConverter.TryWriteBytes(bmp.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bmp.AsSpan(18), 30_000);
        BitConverter.TryWriteBytes(bmp.AsSpan(22), 30_000);
        BitConverter.TryWriteBytes(bmp.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bmp.AsSpan(28), (short)24);
        string lying = File("lying.bmp");
        System.IO.File.WriteAllBytes(lying, bmp);
        foreach (string[] command in new[] { new[] { "predict", TrainedModel.CheckpointPath, lying }, ["show", TrainedModel.CheckpointPath, "--image", lying, "--out", File("never.png")] })
        {
            CliResult result = CliRunner.Run(command);
            Assert.True(result.ExitCode == ExitCodes.UserError, result.ToString());
            Assert.Contains("is 30000x30000 pixels by its BMP header", Assert.Single(result.ErrorLines));
        }
        Assert.False(System.IO.File.Exists(File("never.png")));
    }

    [Fact]
    public void Train_into_a_folder_with_an_earlier_run_keeps_both_unless_told_to_overwrite()
    {
        string output = File("run");
        string[] train = ["train", "--epochs", "1", "--limit", "300", "--data", TrainedModel.DataFolder, "--out", output, "--threads", "1"];
        CliResult first = CliRunner.Run(train);
        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        string checkpoint = Path.Combine(output, ModelCatalog.Default.Name + Checkpoint.Extension), history = Path.Combine(output, "history.csv");
        Assert.Contains($"Saved {checkpoint} (pass 1) and {history}.", first.Out);
        Assert.Contains("on 275 images of train-images-idx3-ubyte[..300], validating on 25 held out of them", first.Out);
        Assert.Contains("Warm-up: 1 steps, not 200", first.Out); // 275 images make 5 steps; a quarter of them is 1

        // Pretend the checkpoint there is far better than anything this run will reach.
        CheckpointData saved = Checkpoint.Read(checkpoint);
        Checkpoint.Save(checkpoint, ModelCatalog.Default.Description, saved.Parameters,
            new Dictionary<string, string>(saved.Metadata.Where(e => e.Key is CheckpointKeys.Epoch or CheckpointKeys.Options)) { [CheckpointKeys.ValidationAccuracy] = "0.9999" }, saved.Data);
        byte[] better = System.IO.File.ReadAllBytes(checkpoint), historyBefore = System.IO.File.ReadAllBytes(history);

        CliResult second = CliRunner.Run(train);
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        string numbered = Path.Combine(output, ModelCatalog.Default.Name + "-2" + Checkpoint.Extension), numberedHistory = Path.Combine(output, "history-2.csv");
        Assert.Contains($"Saved {numbered} (pass 1) and {numberedHistory}.", second.Out);
        Assert.Contains($"The earlier {checkpoint} has the better validation accuracy (99.99% against ", second.Out);
        Assert.Equal(better, System.IO.File.ReadAllBytes(checkpoint));
        Assert.Equal(historyBefore, System.IO.File.ReadAllBytes(history));
        Assert.True(System.IO.File.Exists(numberedHistory));

        CliResult third = CliRunner.Run([.. train, "--overwrite"]);
        Assert.True(third.ExitCode == ExitCodes.Success, third.ToString());
        Assert.Contains($"Saved {checkpoint} (pass 1)", third.Out);
        Assert.NotEqual(better, System.IO.File.ReadAllBytes(checkpoint));
        Assert.True(System.IO.File.Exists(numbered));
    }
}
