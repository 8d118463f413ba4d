using LeNet.Training;

namespace LeNet.Cli.Terminal;

/// <summary>One line per training pass: losses, training, test and validation accuracies, rate and time; 79 columns at most, so a row never wraps in an 80-column terminal.</summary>
internal sealed class EpochTable
{
    /// <summary>The column headings.</summary>
    public string Header => $"{"pass",4}  {"train loss",10}  {"train acc",9}  {"test loss",9}  {"test acc",8}  {"val acc",8}  {"rate",8}  {"seconds",7}";

    /// <summary>The line for one pass; a star marks the pass chosen so far (the best validation accuracy, or the latest without a validation set).</summary>
    public string Row(EpochReport r) =>
        $"{r.Epoch,4}  {r.TrainLoss,10:F4}  {Percent.Of(r.TrainAccuracy),9}  {r.TestLoss ?? double.NaN,9:F4}  {Percent.Of(r.TestAccuracy),8}  {Percent.Of(r.ValidationAccuracy),8}  {RateText.Short(r.LearningRate),8}  {r.Seconds,7:F1}{(r.IsBest ? " *" : "")}";
}
