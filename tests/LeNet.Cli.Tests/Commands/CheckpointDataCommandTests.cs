using System.Security.Cryptography;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Cli.Tests.Web;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Models;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// A checkpoint knows its data: eval runs it on the data set it records, refuses data of other classes,
/// info describes it; a network whose outputs overflow is refused.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CheckpointDataCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>MNIST's four files copied into a folder called "fashion", and a checkpoint trained on them with --data.</summary>
    private (string Data, string Checkpoint) TrainOnACopyCalledFashion()
    {
        string data = Directory.CreateDirectory(Path.Combine(_folder, "fashion")).FullName;
        foreach (string name in Mnist.FileNames)
        {
            string found = Mnist.Candidates(name).First(candidate => File.Exists(Path.Combine(TrainedModel.DataFolder, candidate)));
            File.Copy(Path.Combine(TrainedModel.DataFolder, found), Path.Combine(data, found));
        }
        string run = Path.Combine(_folder, "run");
        CliResult train = CliRunner.Run("train", "--data", data, "--epochs", "1", "--limit", "600", "--out", run, "--threads", "1");
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        return (data, Path.Combine(run, ModelCatalog.Default.Name + Checkpoint.Extension));
    }

    [Fact]
    public void Eval_runs_on_the_recorded_data_and_says_what_to_do_when_it_is_gone()
    {
        (string data, string checkpoint) = TrainOnACopyCalledFashion();
        DataInfo recorded = Checkpoint.Read(checkpoint).Data;
        Assert.Equal(new DataInfo("fashion", DataSourceKind.Idx, data, Preprocessing.Digit, DataInfo.Digits), recorded);

        CliResult eval = CliRunner.Run("eval", checkpoint);
        Assert.True(eval.ExitCode == ExitCodes.Success, eval.ToString());
        Assert.Contains($"lenet: loading the IDX files in {data}", eval.ErrorLines);

        Directory.Move(data, data + "-moved");
        CliResult gone = CliRunner.Run("eval", checkpoint);
        Assert.True(gone.ExitCode == ExitCodes.Usage, gone.ToString());
        Assert.Equal($"lenet: {checkpoint}: trained on fashion (IDX files at {data}), which is not there; pass --data with that data set.", Assert.Single(gone.ErrorLines));

        // The same classes under another name run, with a warning.
        CliResult other = CliRunner.Run("eval", checkpoint, "--data", data + "-moved");
        Assert.True(other.ExitCode == ExitCodes.Success, other.ToString());
        Assert.Contains(other.ErrorLines, line => line.StartsWith($"lenet: warning: {checkpoint} was trained on fashion (IDX files at {data}), and is run on fashion-moved", StringComparison.Ordinal));
    }

    [Fact]
    public void Eval_refuses_data_of_other_classes_with_one_line()
    {
        (_, string checkpoint) = TrainOnACopyCalledFashion();
        string folder = Path.Combine(_folder, "three");
        foreach (string split in new[] { "train", "test" })
            for (int c = 0; c < 3; c++)
            {
                string classFolder = Directory.CreateDirectory(Path.Combine(folder, split, $"class{c}")).FullName;
                ImageFile.SaveDigitPng(Path.Combine(classFolder, "a.png"), TrainedModel.Data.Test.Image(c));
            }

        CliResult eval = CliRunner.Run("eval", checkpoint, "--data", folder);

        Assert.True(eval.ExitCode == ExitCodes.Usage, eval.ToString());
        Assert.Equal($"lenet: {checkpoint}: the model's 10 classes (0, 1, 2, 3, 4, 5, 6, 7, 8, 9) are not the 3 of three (image folder at {folder}): class0, class1, class2.", eval.LastError);
    }

    [Fact]
    public void Info_describes_a_checkpoint_its_data_classes_and_accuracy()
    {
        (string data, string checkpoint) = TrainOnACopyCalledFashion();

        CliResult info = CliRunner.Run("info", checkpoint);

        Assert.True(info.ExitCode == ExitCodes.Success, info.ToString());
        Assert.Contains("lenet5: ", info.Out);
        Assert.Contains("C1", info.Out);
        Assert.Contains($"checkpoint: {checkpoint} (format version 2)", info.OutLines);
        Assert.Contains("validation=50", info.Out);
        Assert.Contains($"data: fashion (IDX files at {data})", info.OutLines);
        Assert.Contains(info.OutLines, line => line.StartsWith("preprocessing: digit", StringComparison.Ordinal));
        Assert.Contains("classes (10): 0, 1, 2, 3, 4, 5, 6, 7, 8, 9", info.OutLines);
        Assert.Contains(info.OutLines, line => line.StartsWith("pass: 1, validation accuracy ", StringComparison.Ordinal) && line.Contains("%, test accuracy ") && line.EndsWith('%'));
    }

    [Fact]
    public void Info_says_when_a_checkpoint_does_not_record_its_data()
    {
        // A checkpoint written by format version 1 (the default model as first shipped), kept as a fixture.
        string fixture = Path.Combine(DemoPageTests.RepositoryRoot(), "tests", "LeNet.Cli.Tests", "Fixtures", "lenet5-v1.ckpt");
        CliResult v1 = CliRunner.Run("info", fixture);
        Assert.True(v1.ExitCode == ExitCodes.Success, v1.ToString());
        Assert.Contains("data: not recorded (v1); MNIST assumed", v1.OutLines);

        CliResult bare = CliRunner.Run("info", TrainedModel.CheckpointPath);
        Assert.Contains("data: not recorded; MNIST assumed", bare.OutLines);
        Assert.Contains("pass: not recorded", bare.OutLines);

        CliResult both = CliRunner.Run("info", TrainedModel.CheckpointPath, "--model", "lenet5");
        Assert.True(both.ExitCode == ExitCodes.Usage, both.ToString());
    }

    [Fact]
    public void A_network_whose_finite_weights_overflow_is_refused_at_load()
    {
        // The trained checkpoint with every weight times 1e30 and the checksum recomputed: finite numbers, outputs that are not.
        byte[] bytes = File.ReadAllBytes(TrainedModel.CheckpointPath);
        int count = ModelCatalog.Default.Description.ParameterCount, hashAt = bytes.Length - 32, first = hashAt - 4 * count;
        for (int i = 0; i < count; i++)
        {
            Span<byte> at = bytes.AsSpan(first + 4 * i, 4);
            BitConverter.TryWriteBytes(at, BitConverter.ToSingle(at) * 1e30f);
        }
        SHA256.HashData(bytes.AsSpan(0, hashAt), bytes.AsSpan(hashAt));
        string path = Path.Combine(_folder, "huge.ckpt");
        File.WriteAllBytes(path, bytes);
        Assert.All(Checkpoint.Read(path).Parameters, p => Assert.True(float.IsFinite(p)));
        string digit = Path.Combine(_folder, "seven.png");
        ImageFile.SaveDigitPng(digit, TrainedModel.Data.Test.Image(0));

        foreach (string[] command in new[] { new[] { "predict", path, digit }, ["eval", path], ["serve", path, "--port", "0"] })
        {
            CliResult result = CliRunner.Run(command);
            Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
            Assert.Equal($"lenet: checkpoint {path}: the network's outputs are not finite on a probe input; the weights are likely corrupt.", Assert.Single(result.ErrorLines));
        }
        Assert.Contains("warning: the network's outputs are not finite on a probe input", CliRunner.Run("info", path).Out);
    }

    [Fact]
    public void Train_with_no_validation_set_keeps_the_last_pass_and_records_no_validation_accuracy()
    {
        string run = Path.Combine(_folder, "all");
        CliResult train = CliRunner.Run("train", "--data", TrainedModel.DataFolder, "--epochs", "2", "--limit", "300", "--validation", "0", "--out", run, "--threads", "1");

        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        Assert.Contains("no validation set (the last pass is kept)", train.Out);
        Assert.Contains(train.OutLines, line => line.StartsWith("Chosen: pass 2, the last pass, as there is no validation set; its test accuracy ", StringComparison.Ordinal));
        Assert.Contains(train.OutLines, line => line.StartsWith("Last: pass 2, validation accuracy -, test accuracy ", StringComparison.Ordinal));
        Assert.Equal(new ChosenPass(2, null, Checkpoint.Read(Path.Combine(run, "lenet5.ckpt")).Chosen!.TestAccuracy), Checkpoint.Read(Path.Combine(run, "lenet5.ckpt")).Chosen);
        string[] history = File.ReadAllLines(Path.Combine(run, "history.csv"));
        Assert.Equal(TrainingHistoryHeader, history[0]);
        Assert.EndsWith(",", history[1]);
        Assert.EndsWith(",1", history[2]);

        CliResult tooMany = CliRunner.Run("train", "--data", TrainedModel.DataFolder, "--limit", "300", "--validation", "300", "--out", run);
        Assert.True(tooMany.ExitCode == ExitCodes.Usage, tooMany.ToString());
        Assert.Equal("lenet: --validation 300: the validation set must leave some of the 300 training images to train on.", tooMany.LastError);
    }

    private const string TrainingHistoryHeader = Cli.Commands.TrainingHistory.Header;
}
