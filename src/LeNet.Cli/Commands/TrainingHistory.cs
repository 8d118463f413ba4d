using LeNet.Files;
using System.Globalization;
using System.Text;
using LeNet.Cli.Imaging;
using LeNet.Cli.Terminal;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// The per-pass record of a run as CSV (pass, losses, accuracies, error rates, rate, seconds),
/// kept in memory and rewritten atomically by <see cref="Save"/>, so an interrupted run leaves a complete file.
/// </summary>
public sealed class TrainingHistory(string path)
{
    /// <summary>The CSV header.</summary>
    public const string Header = "pass,train_loss,train_accuracy,train_error,test_loss,test_accuracy,test_error,learning_rate,seconds";

    private readonly StringBuilder _text = new(Header + "\n");

    /// <summary>Adds a pass.</summary>
    public void Append(EpochReport r)
    {
        string F(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        _text.Append(CultureInfo.InvariantCulture, $"{r.Epoch},{F(r.TrainLoss)},{F(r.TrainAccuracy)},{F(1 - r.TrainAccuracy)},{F(r.TestLoss)},{F(r.TestAccuracy)},{F(r.Test?.ErrorRate)},{RateText.Exact(r.LearningRate)},{F(r.Seconds)}\n");
    }

    /// <summary>Writes every pass so far to the file, atomically.</summary>
    public void Save() => AtomicFile.WriteAllText(path, _text.ToString());
}
