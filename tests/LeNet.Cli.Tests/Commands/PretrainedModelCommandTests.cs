using LeNet.Cli.Terminal;
using LeNet.Data;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// The pretrained models shipped in the tool: <c>lenet models</c> lists them, and <c>--model NAME</c>
/// stands for a checkpoint file in eval and predict; naming none, both, or an unknown one is a usage error.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PretrainedModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-pretrained-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Models_lists_every_pretrained_model_with_its_network_accuracy_and_size()
    {
        CliResult result = CliRunner.Run("models");
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        string lenet5 = Assert.Single(result.OutLines, line => line.StartsWith("lenet5 ", StringComparison.Ordinal));
        Assert.Matches(@"^lenet5\s+lenet5\s+61,706\s+99\.\d\d%\s+\d+ KB$", lenet5);
        Assert.Single(result.OutLines, line => line.StartsWith("lenet5-strings ", StringComparison.Ordinal));
    }

    [Fact]
    public void Eval_and_predict_take_a_pretrained_model_instead_of_a_checkpoint()
    {
        CliResult eval = CliRunner.Run("eval", "--model", "lenet5", "--data", TrainedModel.DataFolder);
        Assert.True(eval.ExitCode == ExitCodes.Success, eval.ToString());
        Assert.StartsWith("lenet5 on ", eval.OutLines[0]);

        // Two MNIST test digits as PGM files: with --model, the first argument is an image, not a checkpoint.
        LabelledImages test = TrainedModel.Data.Test;
        string[] paths = [.. Enumerable.Range(0, 2).Select(i => WritePgm($"digit{i}.pgm", test.Image(i).ToArray(), test.Columns, test.Rows))];
        CliResult predict = CliRunner.Run("predict", "--model", "lenet5", paths[0], paths[1]);
        Assert.True(predict.ExitCode == ExitCodes.Success, predict.ToString());
        Assert.Equal(2, predict.OutLines.Length);
        for (int i = 0; i < 2; i++)
            Assert.StartsWith($"{paths[i]}: {test.Labels[i]} ", predict.OutLines[i]);
    }

    [Theory]
    [InlineData("eval", "give a checkpoint file, or --model NAME")]
    [InlineData("eval --model lenet7", "No pretrained model is called 'lenet7'; the pretrained models are lenet5, lenet5-amounts, lenet5-amounts-wide-pages, lenet5-locator, lenet5-strings, lenet5-strings-wide, lenet5-strings-wide-pages, lenet5-verifier.")]
    [InlineData("eval x.ckpt --model lenet5", "give a checkpoint file or --model lenet5, not both.")]
    [InlineData("predict --model lenet5", "give one or more images (see 'lenet predict --help').")]
    public void Naming_no_model_both_or_an_unknown_one_exits_2_with_one_line(string commandLine, string expected)
    {
        CliResult result = CliRunner.Run(commandLine.Split(' '));
        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Empty(result.Out);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }

    private string WritePgm(string name, byte[] pixels, int width, int height)
    {
        string path = Path.Combine(_folder, name);
        using var file = File.Create(path);
        file.Write(System.Text.Encoding.ASCII.GetBytes($"P5\n{width} {height}\n255\n"));
        file.Write(pixels);
        return path;
    }
}
