using LeNet.Checkpoints;
using LeNet.Cli.Commands;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// One real network for every test that needs one: the default model trained with its recipe, shortened
/// to <see cref="Epochs"/> passes over the first <see cref="TrainingImages"/> MNIST training images on
/// the generated engine (a few seconds), saved as a checkpoint once per test run.
/// </summary>
internal static class TrainedModel
{
    public const int TrainingImages = 5000, Epochs = 3;
    /// <summary>The recipe's warm-up is sized for 60,000 images; this run has a tenth of the steps.</summary>
    private const int WarmupSteps = 20;
    /// <summary>Test images the accuracy is measured on.</summary>
    public const int CheckedImages = 1000;

    private static readonly Lazy<Trained> Instance = new(Train, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The checkpoint file.</summary>
    public static string CheckpointPath => Instance.Value.CheckpointPath;
    /// <summary>The MNIST folder (for --data).</summary>
    public static string DataFolder => Instance.Value.DataFolder;
    /// <summary>MNIST.</summary>
    public static MnistSplit Data => Instance.Value.Data;
    /// <summary>Accuracy on the first <see cref="CheckedImages"/> test images.</summary>
    public static double Accuracy => Instance.Value.Accuracy;

    /// <summary>The checkpoint read back the way the commands read it (a fresh engine each time).</summary>
    public static LoadedModel Load() => LoadedModel.From(CheckpointPath);

    private sealed record Trained(string CheckpointPath, string DataFolder, MnistSplit Data, double Accuracy);

    private static Trained Train()
    {
        string folder = MnistDownloader.EnsureMnist();
        MnistSplit data = Mnist.Load(folder);
        ModelEntry entry = ModelCatalog.Default;
        TrainingOptions options = entry.Recipe with { Epochs = Epochs, WarmupSteps = WarmupSteps, Threads = Environment.ProcessorCount };
        var trainer = new Trainer(entry.Create(), options);
        trainer.Train(data.Train.Take(TrainingImages), test: null);

        string path = Path.Combine(AppContext.BaseDirectory, "trained", entry.Name + Checkpoint.Extension);
        Checkpoint.Save(path, entry.Description, trainer.Parameters.Span);
        double accuracy = new Evaluator(entry.Create()).Evaluate(trainer.Parameters, data.Test.Take(CheckedImages)).Accuracy;
        return new Trained(path, folder, data, accuracy);
    }
}
