using System.CommandLine;
using System.Globalization;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet train</c>: trains a model (LeNet-5 on MNIST by default) with its recipe, any part of
/// which the options override; shows progress, prints a table row per pass and keeps the best
/// checkpoint on disk as it goes.
/// </summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new TrainOptions();
        var command = new Command("train", "Train a model on MNIST (or any IDX folder) and save its best checkpoint.");
        options.AddTo(command);
        command.SetAction(result => Run(options.Read(result)));
        return command;
    }

    private static int Run(TrainRequest request)
    {
        ModelEntry entry = request.Model;
        MnistSplit split = DataSource.Load(request.DataFolder);
        LabelledImages train = request.Limit is int limit ? split.Train.Take(limit) : split.Train;
        INetwork network = request.Generic ? entry.CreateGeneric() : entry.Create();
        TrainingOptions options = request.Options;

        Directory.CreateDirectory(request.OutputFolder);
        string checkpointPath = Path.Combine(request.OutputFolder, entry.Name + Checkpoint.Extension);
        string historyPath = Path.Combine(request.OutputFolder, "history.csv");
        Console.WriteLine($"Training {entry.Name} ({entry.Description.ParameterCount:N0} parameters, {(request.Generic ? "generic" : "generated")} engine) on {train.Count:N0} images of {train.Name}, testing on {split.Test.Count:N0}.");
        Console.WriteLine(options.Summary());
        Console.WriteLine($"Best checkpoint: {checkpointPath}");
        Console.WriteLine();

        var trainer = CreateTrainer(network, options);
        var history = new TrainingHistory(historyPath);
        var rates = trainer.Optimizer is SdlmOptimizer ? new SdlmRatesHistory(Path.Combine(request.OutputFolder, SdlmRatesHistory.FileName)) : null;
        var table = new EpochTable();
        Console.WriteLine(table.Header);

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        ProgressBar? bar = null;
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            bar ??= new ProgressBar($"pass {p.Epoch}/{p.Epochs}", p.SamplesInEpoch);
            bar.Report(p.SamplesDone, $"loss {p.RunningLoss:0.0000}");
        });
        try
        {
            TrainingResult result = trainer.Train(train, split.Test, progress, report =>
            {
                bar?.Done();
                bar = null;
                Console.WriteLine(table.Row(report));
                history.Append(report);
                if (rates is not null && trainer.Optimizer is SdlmOptimizer sdlm)
                {
                    // The curvature of this pass is still in place: the next is estimated when the next pass starts.
                    int steps = (train.Count + options.BatchSize - 1) / options.BatchSize;
                    IReadOnlyList<LayerRates> passRates = sdlm.EffectiveRates(trainer.Schedule.Rate(report.Epoch - 1, 0, steps));
                    rates.Append(report.Epoch, passRates);
                    if (report.Epoch == 1) Console.WriteLine(SdlmRatesHistory.Summary(report.Epoch, passRates));
                }
                if (report.IsBest)
                    Checkpoint.Save(checkpointPath, entry.Description, trainer.BestParameters, Metadata(entry, options, report));
            }, cancellation.Token);
            bar?.Done();
            return Finish(result, checkpointPath, historyPath, request.ShowConfusion);
        }
        catch (TrainingDivergedException error)
        {
            bar?.Done();
            throw new UserError($"{error.Message} The last best checkpoint, if any, is unchanged at {checkpointPath}.", ExitCodes.Diverged);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static Trainer CreateTrainer(INetwork network, TrainingOptions options)
    {
        try
        {
            return new Trainer(network, options);
        }
        catch (ArgumentException error)
        {
            throw new UserError(error.Message);
        }
    }

    private static int Finish(TrainingResult result, string checkpointPath, string historyPath, bool showConfusion)
    {
        Console.WriteLine();
        if (result.Best is { Test: { } best } report)
            Console.WriteLine($"Best: pass {report.Epoch}, test accuracy {Percent.Of(best.Accuracy)} (error {Percent.Of(best.ErrorRate)}). Total {result.Seconds:F1} s.");
        Console.WriteLine($"Saved {checkpointPath} and {historyPath}.");
        if (showConfusion && result.Best?.Test is { } test)
        {
            Console.WriteLine();
            Console.WriteLine(ConfusionMatrix.Format(test.Confusion));
        }
        if (result.Cancelled)
        {
            Console.Error.WriteLine("lenet: interrupted; the best checkpoint so far is saved.");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Success;
    }

    private static Dictionary<string, string> Metadata(ModelEntry entry, TrainingOptions options, EpochReport report) => new()
    {
        [CheckpointKeys.Epoch] = report.Epoch.ToString(CultureInfo.InvariantCulture),
        [CheckpointKeys.TestAccuracy] = (report.TestAccuracy ?? double.NaN).ToString("R", CultureInfo.InvariantCulture),
        [CheckpointKeys.Model] = entry.Name,
        [CheckpointKeys.Options] = options.Summary(),
    };
}
