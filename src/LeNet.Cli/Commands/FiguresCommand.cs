using LeNet.Files;
using System.CommandLine;
using System.Globalization;
using System.Text;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet figures CHECKPOINT</c>: the paper's figures for a trained network. Evaluates it on the
/// test set and draws the digits it gets wrong (<c>misclassified.png</c>, the paper's Figure 8);
/// from the run's history, draws the training and test error per pass (<c>errors.png</c>, Figure 5)
/// and copies those columns to <c>errors.csv</c>. The paper model's plot also marks the paper's results.
/// </summary>
internal static class FiguresCommand
{
    /// <summary>The history file <c>lenet train</c> writes beside its checkpoint.</summary>
    public const string HistoryFileName = "history.csv";
    /// <summary>The gallery of misclassified test digits.</summary>
    public const string GalleryFileName = "misclassified.png";
    /// <summary>The error-per-pass plot.</summary>
    public const string PlotFileName = "errors.png";
    /// <summary>The error-per-pass table.</summary>
    public const string TableFileName = "errors.csv";
    /// <summary>Header of <see cref="TableFileName"/>.</summary>
    public const string TableHeader = "pass,train_error,test_error";

    /// <summary>The paper's MNIST test error for LeNet-5 without distortions (section III.C, Figure 5): 0.95%.</summary>
    public const double PaperTestError = 0.0095;
    /// <summary>The paper's training error after 19 passes, without distortions (section III.C): 0.35%.</summary>
    public const double PaperTrainingError = 0.0035;

    /// <summary>The reference lines drawn for the paper model.</summary>
    public static IReadOnlyList<ErrorReference> PaperReferences { get; } =
    [
        new("paper test error 0.95%", PaperTestError, ErrorSeries.Test),
        new("paper training error 0.35%", PaperTrainingError, ErrorSeries.Training),
    ];

    /// <summary>The reference lines for model <paramref name="modelName"/>: the paper's results for the paper's model, none for the others.</summary>
    public static IReadOnlyList<ErrorReference> ReferencesFor(string modelName) =>
        string.Equals(modelName, LeNet5.NetworkName, StringComparison.Ordinal) ? PaperReferences : [];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = CheckpointArgument.Create();
        var history = new Option<string?>("--history")
        {
            Description = $"The run's per-pass CSV (default: {HistoryFileName} beside the checkpoint, when there is one).",
        };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the pictures and the table (default: the checkpoint's folder)." };
        var maximum = new Option<int>("--max-digits")
        {
            Description = "Most misclassified digits drawn; the rest are counted.",
            DefaultValueFactory = _ => MisclassifiedGallery.DefaultMaximum,
        }.AtLeast(1);
        var data = CommonOptions.DataForCheckpoint();
        var threads = CommonOptions.Threads();
        var command = new Command("figures", "Draw the paper's figures for a checkpoint: the misclassified test digits and the error rate per training pass.")
        {
            checkpoint, history, output, maximum, data, threads,
        };
        command.SetAction(result => Run(
            result.GetValue(checkpoint)!, result.GetValue(history), result.GetValue(output),
            result.GetValue(maximum), result.GetValue(data), result.ThreadCount(threads)));
        return command;
    }

    private static int Run(string checkpointPath, string? historyOption, string? outputOption, int maximum, string? dataFolder, int threads)
    {
        LoadedModel model = LoadedModel.From(checkpointPath);
        string checkpointFolder = CheckpointArgument.FolderOf(model.Checkpoint.Path);
        string outputFolder = outputOption ?? checkpointFolder;
        // Read the history before the evaluation, so a bad file fails at once rather than after it.
        string? historyPath = historyOption ?? DefaultHistory(checkpointFolder);
        IReadOnlyList<TrainingHistoryRow>? history = historyPath is null ? null : ReadHistory(historyPath);

        MnistSplit split = DataSource.For(model, dataFolder);
        EvaluationResult evaluation = Evaluate(model, split.Test, threads);
        string name = model.Entry.Name;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} on {split.Test.Name}: test error {Percent.Of(evaluation.ErrorRate)} ({evaluation.Misclassified.Count:N0} of {evaluation.Count:N0} misclassified)."));

        string galleryPath = Path.Combine(outputFolder, GalleryFileName);
        Write(galleryPath, () => MisclassifiedGallery.Render(split.Test, evaluation.Misclassified, name, maximum: maximum));
        int drawn = Math.Min(maximum, evaluation.Misclassified.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {galleryPath} ({drawn:N0} digits)."));

        if (history is null)
        {
            Console.WriteLine($"No {HistoryFileName} beside the checkpoint: no error curve (give one with --history FILE).");
            return ExitCodes.Success;
        }
        string plotPath = Path.Combine(outputFolder, PlotFileName), tablePath = Path.Combine(outputFolder, TableFileName);
        IReadOnlyList<ErrorReference> references = ReferencesFor(name);
        string title = $"{name}: error rate per training pass";
        Write(plotPath, () => ErrorCurvePlot.Render(history, title, references));
        Write(tablePath, () => Encoding.UTF8.GetBytes(ErrorTable(history)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {plotPath} and {tablePath} ({history.Count:N0} passes from {historyPath})."));
        return ExitCodes.Success;
    }

    /// <summary>The pass, training error and test error columns of <paramref name="history"/> as CSV (an unmeasured value stays empty).</summary>
    public static string ErrorTable(IReadOnlyList<TrainingHistoryRow> history)
    {
        static string F(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        var csv = new StringBuilder(TableHeader).Append('\n');
        foreach (TrainingHistoryRow row in history)
            csv.Append(CultureInfo.InvariantCulture, $"{row.Pass},{F(row.TrainError)},{F(row.TestError)}\n");
        return csv.ToString();
    }

    private static string? DefaultHistory(string checkpointFolder)
    {
        string path = Path.Combine(checkpointFolder, HistoryFileName);
        return File.Exists(path) ? path : null;
    }

    private static IReadOnlyList<TrainingHistoryRow> ReadHistory(string path)
    {
        try
        {
            IReadOnlyList<TrainingHistoryRow> rows = TrainingHistoryFile.Read(path);
            if (!rows.Any(r => r.TrainError is not null || r.TestError is not null))
                throw new UserError($"{path}: no pass records a training or test error yet, so there is no curve to draw.");
            return rows;
        }
        catch (TrainingHistoryException error)
        {
            throw new UserError(error.Message);
        }
    }

    private static EvaluationResult Evaluate(LoadedModel model, LabelledImages test, int threads)
    {
        try
        {
            return new Evaluator(model.Network, model.Loss, threads).Evaluate(model.Parameters, test);
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message);
        }
    }

    private static void Write(string path, Func<byte[]> render)
    {
        try
        {
            AtomicFile.WriteAllBytes(path, render());
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: could not be written ({error.Message}).");
        }
    }
}
