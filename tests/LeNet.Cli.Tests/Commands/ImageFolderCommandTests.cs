using LeNet.Checkpoints;
using LeNet.Data;
using LeNet.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// An image folder made of MNIST digits saved as PNG under class names that are words, not numbers
/// (their ordinal order is not the digits'), trained on with <c>lenet train --data</c>: the names travel
/// in the checkpoint and eval, predict and export use them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ImageFolderCommandTests : IDisposable
{
    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    private const int TrainPerClass = 200, TestPerClass = 20;
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-image-folder-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Train_on_an_image_folder_keeps_the_class_names_for_eval_predict_and_export()
    {
        string data = Path.Combine(_folder, "data"), run = Path.Combine(_folder, "run");
        WriteFolder(Path.Combine(data, "train"), TrainedModel.Data.Train, TrainPerClass);
        WriteFolder(Path.Combine(data, "test"), TrainedModel.Data.Test, TestPerClass);
        string[] sorted = [.. Words.Order(StringComparer.Ordinal)];

        CliResult train = CliRunner.Run("train", "--data", data, "--epochs", "1", "--out", run, "--threads", "1");
        Assert.True(train.ExitCode == 0, train.ToString());
        string checkpoint = Path.Combine(run, "lenet5.ckpt");
        DataInfo recorded = Checkpoint.Read(checkpoint).Data;
        Assert.Equal(sorted, recorded.ClassNames);
        Assert.Equal((DataSourceKind.ImageFolder, Preprocessing.FitWhole, Path.GetFullPath(data), "data"), (recorded.Source, recorded.Preprocessing, recorded.Path, recorded.Name));

        CliResult eval = CliRunner.Run("eval", checkpoint, "--data", data);
        Assert.True(eval.ExitCode == 0, eval.ToString());
        Assert.Contains("classes: " + string.Join(", ", sorted.Select((name, label) => $"{label} {name}")), eval.Out);

        string seven = Directory.GetFiles(Path.Combine(data, "test", "seven")).First();
        CliResult predict = CliRunner.Run("predict", checkpoint, seven);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        string line = Assert.Single(predict.OutLines);
        Assert.Contains(line[(seven.Length + 2)..].Split(' ')[0], Words);
        Assert.Contains("seven:", line);

        string onnx = Path.Combine(_folder, "model.onnx");
        CliResult export = CliRunner.Run("export", checkpoint, onnx);
        Assert.True(export.ExitCode == 0, export.ToString());
        using var session = new InferenceSession(onnx);
        Assert.Equal(string.Join('\n', sorted), session.ModelMetadata.CustomMetadataMap[LeNet.Export.OnnxExport.ClassNamesKey]);
    }

    [Fact]
    public void Eval_refuses_an_image_folder_whose_classes_are_not_the_models()
    {
        string data = Path.Combine(_folder, "other");
        foreach (string split in new[] { "train", "test" })
            for (int c = 0; c < 3; c++)
            {
                string folder = Path.Combine(data, split, $"class{c}");
                Directory.CreateDirectory(folder);
                ImageFile.SaveDigitPng(Path.Combine(folder, "a.png"), TrainedModel.Data.Test.Image(c));
            }
        string checkpoint = Path.Combine(_folder, "named.ckpt");
        CheckpointData trained = Checkpoint.Read(TrainedModel.CheckpointPath);
        Checkpoint.Save(checkpoint, TrainedModel.Load().Entry.Description, trained.Parameters,
            data: new DataInfo("words", DataSourceKind.ImageFolder, Path.Combine(_folder, "words"), Preprocessing.FitWhole, Words));

        CliResult eval = CliRunner.Run("eval", checkpoint, "--data", data);

        Assert.Equal(2, eval.ExitCode);
        Assert.Contains($"are not the 3 of other (image folder at {data}): class0, class1, class2.", eval.LastError);
    }

    private static void WriteFolder(string root, LabelledImages images, int perClass)
    {
        var written = new int[Words.Length];
        for (int i = 0; i < images.Count && written.Min() < perClass; i++)
        {
            int label = images.Labels[i];
            if (written[label] == perClass) continue;
            string folder = Path.Combine(root, Words[label]);
            Directory.CreateDirectory(folder);
            ImageFile.SaveDigitPng(Path.Combine(folder, $"{i:00000}.png"), images.Image(i));
            written[label]++;
        }
    }
}
