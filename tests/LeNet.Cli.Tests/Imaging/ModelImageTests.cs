using LeNet.Cli.Commands;
using LeNet.Cli.Tests.Commands;
using LeNet.Imaging;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Tests.Imaging;

/// <summary><c>model.Predict(path)</c>: a picture file read and prepared as <c>lenet predict</c> reads it, from a checkpoint <c>lenet train</c> could have written.</summary>
public sealed class ModelImageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lenet-model-image-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_picture_file_gets_the_prediction_lenet_predict_gives()
    {
        Model<LeNet5Modern> model = Model.Load<LeNet5Modern>(TrainedModel.CheckpointPath);
        LoadedModel loaded = TrainedModel.Load();
        for (int i = 0; i < 5; i++)
        {
            string path = Path.Combine(_folder, $"{i}.png");
            ImageFile.SaveDigitPng(path, TrainedModel.Data.Test.Image(i));

            Prediction prediction = model.Predict(path);
            ForwardTrace command = PredictCommand.Predict(loaded, path);

            Assert.Equal(command.Label, prediction.Label);
            Assert.Equal(command.Probabilities, prediction.Probabilities);
            Assert.Equal(command.Label.ToString(), prediction.ClassName);
        }
    }

    [Fact]
    public void A_missing_unreadable_or_blank_picture_file_is_named_in_the_error()
    {
        Model<LeNet5Modern> model = Model.Create<LeNet5Modern>();
        string missing = Path.Combine(_folder, "missing.png");
        Assert.Throws<FileNotFoundException>(() => model.Predict(missing));

        string text = Path.Combine(_folder, "notes.png");
        File.WriteAllText(text, "not a picture");
        Assert.Contains("notes.png' is not a picture", Assert.Throws<InvalidDataException>(() => model.Predict(text)).Message);

        string blank = Path.Combine(_folder, "blank.png");
        ImageFile.SaveDigitPng(blank, new byte[28 * 28]);
        Assert.StartsWith($"'{blank}': The picture is blank", Assert.Throws<ArgumentException>(() => model.Predict(blank)).Message);
    }
}
