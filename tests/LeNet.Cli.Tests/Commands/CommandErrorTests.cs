using System.Text;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Imaging;
using LeNet.Models;

namespace LeNet.Cli.Tests.Commands;

/// <summary>Every mistake a user can make with a file ends in one line on stderr, no stack trace, and a non-zero exit code.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name) => Path.Combine(_folder, name);

    private static void AssertOneLineError(CliResult result, int exitCode, params string[] fragments)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}: {result}");
        Assert.Empty(result.Out);
        string line = result.LastError;
        Assert.StartsWith("lenet: ", line);
        foreach (string fragment in fragments) Assert.Contains(fragment, line);
        // Only data-loading notes may come before the message, and nothing looks like a stack trace.
        Assert.All(result.ErrorLines.SkipLast(1), l => Assert.Matches("^lenet: (loading|loaded) ", l));
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public void Eval_with_a_missing_checkpoint_names_the_file()
    {
        string missing = File("nowhere.ckpt");
        AssertOneLineError(CliRunner.Run("eval", missing), ExitCodes.UserError, missing, "no such file");
        Assert.Single(CliRunner.Run("eval", missing).ErrorLines);
    }

    [Fact]
    public void Eval_with_a_corrupt_checkpoint_says_so()
    {
        byte[] good = System.IO.File.ReadAllBytes(TrainedModel.CheckpointPath);
        string truncated = File("truncated.ckpt"), flipped = File("flipped.ckpt"), text = File("text.ckpt");
        System.IO.File.WriteAllBytes(truncated, good[..(good.Length / 2)]);
        byte[] damaged = (byte[])good.Clone();
        damaged[damaged.Length / 2] ^= 0xFF;
        System.IO.File.WriteAllBytes(flipped, damaged);
        System.IO.File.WriteAllText(text, "these are not the weights you are looking for\n");

        foreach (string path in new[] { truncated, flipped, text })
        {
            CliResult result = CliRunner.Run("eval", path);
            AssertOneLineError(result, ExitCodes.UserError, path);
            Assert.Single(result.ErrorLines);
        }
    }

    [Fact]
    public void A_checkpoint_of_a_network_this_build_does_not_know_is_refused()
    {
        NetworkDescription classic = ModelCatalog.Find("lenet5-classic").Description;
        var unknown = new NetworkDescription("lenet7", classic.Input, classic.Layers.Select(l => l.Declaration).ToList());
        string path = File("lenet7.ckpt");
        Checkpoint.Save(path, unknown, new float[unknown.ParameterCount]);

        AssertOneLineError(CliRunner.Run("eval", path), ExitCodes.UserError, path, "'lenet7'", "lenet5");
    }

    [Fact]
    public void A_checkpoint_whose_layers_differ_from_the_named_network_is_refused()
    {
        // Named like the default model but declared as the classic one: the signature gives it away.
        NetworkDescription classic = ModelCatalog.Find("lenet5-classic").Description;
        var impostor = new NetworkDescription(ModelCatalog.Default.Name, classic.Input, classic.Layers.Select(l => l.Declaration).ToList());
        string path = File("impostor.ckpt");
        Checkpoint.Save(path, impostor, new float[impostor.ParameterCount]);

        AssertOneLineError(CliRunner.Run("eval", path), ExitCodes.UserError, path, "signature");
        AssertOneLineError(CliRunner.Run("show", path, "--index", "0"), ExitCodes.UserError, path, "signature");
    }

    [Fact]
    public void Predict_with_a_missing_image_names_it()
    {
        string missing = File("missing.png");
        AssertOneLineError(CliRunner.Run("predict", TrainedModel.CheckpointPath, missing), ExitCodes.UserError, missing, "does not exist");
    }

    [Fact]
    public void Predict_with_a_file_that_is_not_a_picture_lists_the_supported_formats()
    {
        string text = File("notes.png");
        System.IO.File.WriteAllText(text, "a seven, honestly\n");
        AssertOneLineError(CliRunner.Run("predict", TrainedModel.CheckpointPath, text), ExitCodes.UserError, "notes.png", "PNG", "PGM");

        string empty = File("empty.png");
        System.IO.File.WriteAllBytes(empty, []);
        AssertOneLineError(CliRunner.Run("predict", TrainedModel.CheckpointPath, empty), ExitCodes.UserError, "empty.png", "empty");
    }

    [Fact]
    public void Predict_with_a_picture_of_an_unsupported_or_damaged_kind_says_which()
    {
        // A colour Netpbm file (P6): a picture, but not one of the formats read.
        string ppm = File("digit.ppm");
        System.IO.File.WriteAllBytes(ppm, [.. Encoding.ASCII.GetBytes("P6\n2 2\n255\n"), .. new byte[12]]);
        AssertOneLineError(CliRunner.Run("predict", TrainedModel.CheckpointPath, ppm), ExitCodes.UserError, "digit.ppm", "supported format");

        // A PNG cut short: the header is fine, the pixels are not all there.
        byte[] png = ImageFile.EncodeDigitPng(TrainedModel.Data.Test.Image(0));
        string cut = File("cut.png");
        System.IO.File.WriteAllBytes(cut, png[..(png.Length * 2 / 3)]);
        AssertOneLineError(CliRunner.Run("predict", TrainedModel.CheckpointPath, cut), ExitCodes.UserError, "cut.png");

        // A PGM whose header lies about its size.
        string pgm = File("short.pgm");
        System.IO.File.WriteAllBytes(pgm, [.. Encoding.ASCII.GetBytes("P5\n28 28\n255\n"), .. new byte[100]]);
        AssertOneLineError(CliRunner.Run("predict", TrainedModel.CheckpointPath, pgm), ExitCodes.UserError, "short.pgm", "truncated");
    }

    [Fact]
    public void Show_with_an_index_out_of_range_names_the_valid_range()
    {
        foreach (string index in new[] { "10000", "-1" })
            AssertOneLineError(CliRunner.Run("show", TrainedModel.CheckpointPath, "--index", index, "--data", TrainedModel.DataFolder,
                "--out", File("never.png")), ExitCodes.UserError, $"--index {index}", "0..9999");
        Assert.False(System.IO.File.Exists(File("never.png")));
    }

    [Fact]
    public void Show_needs_exactly_one_of_index_and_image()
    {
        CliResult neither = CliRunner.Run("show", TrainedModel.CheckpointPath);
        Assert.Equal(ExitCodes.Usage, neither.ExitCode);
        Assert.Contains("exactly one of --index", neither.Error);

        CliResult both = CliRunner.Run("show", TrainedModel.CheckpointPath, "--index", "1", "--image", "x.png");
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
    }

    [Fact]
    public void Sweep_with_a_bad_limit_or_index_is_refused()
    {
        AssertOneLineError(CliRunner.Run("sweep", TrainedModel.CheckpointPath, "--report", "--limit", "0", "--out", _folder),
            ExitCodes.Usage, "--limit", "at least 1");
        AssertOneLineError(CliRunner.Run("sweep", TrainedModel.CheckpointPath, "--index", "12345", "--data", TrainedModel.DataFolder, "--out", _folder),
            ExitCodes.UserError, "--index 12345", "0..9999");
        Assert.Empty(Directory.GetFiles(_folder, "sweep-*"));
    }

    [Fact]
    public void Serve_on_a_port_in_use_says_so()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            AssertOneLineError(CliRunner.Run("serve", TrainedModel.CheckpointPath, "--port", port.ToString(), "--data", TrainedModel.DataFolder),
                ExitCodes.UserError, $"127.0.0.1:{port}", "--port");
        }
        finally
        {
            listener.Stop();
        }
        AssertOneLineError(CliRunner.Run("serve", TrainedModel.CheckpointPath, "--port", "70000"), ExitCodes.Usage, "70000");
    }
}
