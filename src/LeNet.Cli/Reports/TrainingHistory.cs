using LeNet.Files;
using System.Globalization;
using System.Text;
using LeNet.Cli.Terminal;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// The per-pass record of a run as CSV (pass, losses, accuracies and error rates on the training, validation
/// and test sets, rate, seconds, and a 1 on the pass the checkpoint holds), kept in memory and rewritten
/// atomically by <see cref="Save"/>, so an interrupted run leaves a complete file.
/// </summary>
internal sealed class TrainingHistory(string path)
{
    /// <summary>The CSV header.</summary>
    public const string Header = "pass,train_loss,train_accuracy,train_error,validation_loss,validation_accuracy,validation_error,test_loss,test_accuracy,test_error,learning_rate,seconds,chosen";
    /// <summary>The header of histories written before the validation set and the chosen pass were recorded; still read.</summary>
    public const string UnvalidatedHeader = "pass,train_loss,train_accuracy,train_error,test_loss,test_accuracy,test_error,learning_rate,seconds";

    private readonly List<EpochReport> _reports = [];

    /// <summary>The pass the run's checkpoint holds, marked in the chosen column, or null.</summary>
    public int? Chosen { get; set; }

    /// <summary>Adds a pass.</summary>
    public void Append(EpochReport report) => _reports.Add(report);

    /// <summary>Writes every pass so far to the file, atomically.</summary>
    public void Save() => AtomicFile.WriteAllText(path, Format());

    /// <summary>The file's text.</summary>
    public string Format()
    {
        static string F(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        var text = new StringBuilder(Header).Append('\n');
        foreach (EpochReport r in _reports)
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Epoch},{F(r.TrainLoss)},{F(r.TrainAccuracy)},{F(1 - r.TrainAccuracy)},{F(r.ValidationLoss)},{F(r.ValidationAccuracy)},{F(r.Validation?.ErrorRate)},{F(r.TestLoss)},{F(r.TestAccuracy)},{F(r.Test?.ErrorRate)},{RateText.Exact(r.LearningRate)},{F(r.Seconds)},{(r.Epoch == Chosen ? "1" : "")}\n");
        return text.ToString();
    }
}
