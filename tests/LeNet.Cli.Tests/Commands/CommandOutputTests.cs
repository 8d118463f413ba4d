using System.Globalization;
using LeNet.Cli.Commands;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Training;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Commands;

/// <summary>predict, show and sweep on a really trained network: what they print and the files they write.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CommandOutputTests(ITestOutputHelper output) : IDisposable
{
    private const int RoundTripDigits = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-cli-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_fixture_network_is_really_trained()
    {
        output.WriteLine($"accuracy on {TrainedModel.CheckedImages} test images: {TrainedModel.Accuracy:P2}");
        Assert.True(TrainedModel.Accuracy > 0.9, $"the fixture network reaches only {TrainedModel.Accuracy:P2}");
    }

    [Fact]
    public void Predict_on_MNIST_digits_saved_as_PNG_agrees_with_predicting_the_digits_themselves()
    {
        LoadedModel model = TrainedModel.Load();
        LabelledImages test = TrainedModel.Data.Test;
        string[] paths = Enumerable.Range(0, RoundTripDigits).Select(i =>
        {
            string path = Path.Combine(_folder, $"digit-{i:00}.png");
            ImageFile.SaveDigitPng(path, test.Image(i));
            return path;
        }).ToArray();

        CliResult result = CliRunner.Run(["predict", TrainedModel.CheckpointPath, .. paths]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        string[] lines = result.OutLines;
        Assert.Equal(RoundTripDigits, lines.Length);
        int agree = 0, right = 0;
        for (int i = 0; i < RoundTripDigits; i++)
        {
            ForwardTrace direct = Evaluator.Trace(model.Network, model.Parameters, test.Image(i), Mnist.Rows, Mnist.Columns);
            Assert.StartsWith($"{paths[i]}: ", lines[i]);
            int printed = int.Parse(lines[i][(paths[i].Length + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.Equal(PredictCommand.Predict(model, paths[i]).Label, printed);
            if (printed == direct.Label) agree++;
            if (printed == test.Labels[i]) right++;
            if (printed != direct.Label) output.WriteLine($"digit {i} (label {test.Labels[i]}): {direct.Label} directly, {printed} from the PNG");
        }
        // The file path re-normalises an already normalised digit: it must not change what the network sees enough to matter.
        Assert.Equal(RoundTripDigits, agree);
        Assert.True(right >= RoundTripDigits - 2, $"only {right} of {RoundTripDigits} right from PNG files");
    }

    [Fact]
    public void Show_writes_the_sheet_for_a_test_digit_and_for_an_image_file()
    {
        string sheet = Path.Combine(_folder, "seven.png");
        CliResult byIndex = CliRunner.Run("show", TrainedModel.CheckpointPath, "--index", "0", "--out", sheet, "--kernels", "--data", TrainedModel.DataFolder);
        Assert.True(byIndex.ExitCode == ExitCodes.Success, byIndex.ToString());
        Assert.Equal([sheet], byIndex.OutLines);
        using (var bitmap = TestSupport.DecodePng(File.ReadAllBytes(sheet)))
        {
            Assert.Equal(ActivationSheet.Width, bitmap.Width);
            Assert.True(TestSupport.DistinctColours(bitmap) > 50);
        }

        string digitFile = Path.Combine(_folder, "my-digit.png");
        ImageFile.SaveDigitPng(digitFile, TrainedModel.Data.Test.Image(1));
        // Without --out the sheet goes beside the checkpoint, named after the picture.
        string run = Directory.CreateDirectory(Path.Combine(_folder, "run")).FullName;
        string checkpoint = Path.Combine(run, Path.GetFileName(TrainedModel.CheckpointPath));
        File.Copy(TrainedModel.CheckpointPath, checkpoint);
        CliResult byFile = CliRunner.Run("show", checkpoint, "--image", digitFile);
        Assert.True(byFile.ExitCode == ExitCodes.Success, byFile.ToString());
        Assert.Equal([Path.Combine(run, "show-my-digit.png")], byFile.OutLines);
        Assert.True(File.Exists(Path.Combine(run, "show-my-digit.png")));
    }

    [Fact]
    public void Sweep_draws_a_strip_per_distortion_and_the_report_with_its_summary()
    {
        const int limit = 300;
        CliResult result = CliRunner.Run("sweep", TrainedModel.CheckpointPath, "--index", "0", "--out", _folder, "--report",
            "--limit", limit.ToString(CultureInfo.InvariantCulture), "--data", TrainedModel.DataFolder);
        output.WriteLine(result.Out);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        foreach (DigitSweep sweep in DigitSweeps.All)
        {
            string strip = Path.Combine(_folder, $"sweep-{sweep.Name}.png");
            Assert.Contains(strip, result.OutLines);
            using var bitmap = TestSupport.DecodePng(File.ReadAllBytes(strip));
            Assert.True(bitmap.Width > 1000, $"{strip} is {bitmap.Width} px wide");
        }
        string[] csv = File.ReadAllLines(Path.Combine(_folder, SweepCommand.ReportCsv));
        Assert.Equal(RobustnessReport.CsvHeader, csv[0]);
        Assert.Equal(1 + RobustnessTransforms.All.Sum(t => t.Values().Count), csv.Length);
        Assert.All(csv.Skip(1), line => Assert.EndsWith($",{limit}", line));
        // Undistorted, the report's accuracy is the evaluator's.
        double undistorted = double.Parse(csv.Single(l => l.StartsWith("rotation,0,", StringComparison.Ordinal)).Split(',')[2], CultureInfo.InvariantCulture);
        LoadedModel model = TrainedModel.Load();
        double evaluated = new Evaluator(model.Network, model.Loss).Evaluate(model.Parameters, TrainedModel.Data.Test.Take(limit)).Accuracy;
        Assert.Equal(evaluated, undistorted, 6);
        Assert.True(File.Exists(Path.Combine(_folder, SweepCommand.ReportPng)));
        foreach (RobustnessTransform t in RobustnessTransforms.All)
            Assert.Contains(result.OutLines, line => line.StartsWith($"{t.Name}: ", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, line => line.StartsWith("rotation: ≥90% ", StringComparison.Ordinal) && line.Contains("paper: ±30°"));
    }
}
