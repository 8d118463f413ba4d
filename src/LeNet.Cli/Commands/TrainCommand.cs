using System.CommandLine;
using System.Globalization;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Files;
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
        string recipes = string.Join("\n", ToolModels.All.Select(m => $"  {m.Name}: {m.Recipe.Summary()}"));
        var command = new Command("train", $"Train a model on MNIST (or any IDX folder) and save its best checkpoint. An option not given keeps the model's recipe:\n{recipes}");
        options.AddTo(command);
        command.SetAction((result, stop) => Task.FromResult(Run(options.Read(result), stop)));
        return command;
    }

    /// <summary>Runs the request; Ctrl+C or <paramref name="stop"/> ends it between steps, keeping what it saved (exit code 130).</summary>
    private static int Run(TrainRequest request, CancellationToken stop)
    {
        ModelEntry entry = request.Model;
        string checkpointPath = Path.Combine(request.OutputFolder, entry.Name + Checkpoint.Extension);
        string historyPath = Path.Combine(request.OutputFolder, "history.csv");
        // Checked before the data loads: a run that could not keep its result should not start.
        KeptCheckpoint? kept = request.Overwrite ? null : KeptCheckpoint.Read(checkpointPath, entry);
        MnistSplit loaded = DataSource.Load(request.DataFolder);
        DataInfo data = DataSource.Describe(request.DataFolder, loaded);
        MnistSplit split = DataSource.ForModel(loaded, entry);
        DataSource.CheckClasses(split, entry.Description);
        LabelledImages train = request.Limit is int limit ? split.Train.Take(limit) : split.Train;
        INetwork network = request.Generic ? entry.CreateGeneric() : entry.Create();
        TrainingOptions options = request.Options;

        Directory.CreateDirectory(request.OutputFolder);
        AtomicFile.RemoveLeftovers(request.OutputFolder); // of a run killed mid-save, whatever this run then keeps
        Console.WriteLine($"Training {entry.Name} ({entry.Description.ParameterCount:N0} parameters, {(request.Generic ? "generic" : "generated")} engine) on {train.Count:N0} images of {train.Name}, testing on {split.Test.Count:N0}.");
        Console.WriteLine($"Recipe: {options.Summary()}");
        if (options.Schedule == ScheduleKind.Cosine)
        {
            int stepsPerPass = (train.Count + options.BatchSize - 1) / options.BatchSize;
            int warmup = CosineSchedule.WarmupFor(options.WarmupSteps, options.Epochs, stepsPerPass);
            if (warmup < options.WarmupSteps)
                Console.WriteLine($"Warm-up: {warmup} steps, not {options.WarmupSteps}: the run has {options.Epochs * (long)stepsPerPass:N0} steps and warm-up takes at most {CosineSchedule.MaxWarmupShare * 100:0}% of them.");
        }
        Console.WriteLine(kept is null
            ? $"Best checkpoint: {checkpointPath}"
            : $"Best checkpoint: {checkpointPath}, which already holds {kept.Describe()}; a pass replaces it only by doing better (--overwrite replaces it anyway).");
        Console.WriteLine();

        var trainer = CreateTrainer(network, options);
        var history = new TrainingHistory(historyPath);
        var rates = trainer.Optimizer is SdlmOptimizer ? new SdlmRatesHistory(Path.Combine(request.OutputFolder, SdlmRatesHistory.FileName)) : null;
        var table = new EpochTable();
        Console.WriteLine(table.Header);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        ProgressBar? bar = null;
        EpochReport? saved = null;
        var progress = new SynchronousProgress<TrainingProgress>(p =>
        {
            bar ??= new ProgressBar($"pass {p.Epoch}/{p.Epochs}", p.SamplesInEpoch);
            bar.Report(p.SamplesDone, p.SamplesPerSecond, $"loss {p.RunningLoss:0.0000}");
        });
        void EndPass()
        {
            bar?.Dispose();
            bar = null;
        }
        try
        {
            TrainingResult result = trainer.Train(train, split.Test, progress, report =>
            {
                EndPass();
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
                if (report.IsBest && (kept is null || report.TestAccuracy > kept.TestAccuracy))
                {
                    Checkpoint.Save(checkpointPath, entry.Description, trainer.BestParameters, Metadata(entry, options, report), data);
                    saved = report;
                }
                // The history belongs beside the checkpoint this run wrote, and only there.
                if (saved is not null) history.Save();
            }, cancellation.Token);
            EndPass();
            return Finish(result, saved, kept, checkpointPath, historyPath, request.ShowConfusion);
        }
        catch (TrainingDivergedException error)
        {
            EndPass();
            throw new UserError($"{error.Message} {(saved is null ? "Nothing was saved" : $"The best checkpoint, pass {saved.Epoch}, is unchanged at {checkpointPath}")}.", ExitCodes.Diverged);
        }
        finally
        {
            EndPass();
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

    private static int Finish(TrainingResult result, EpochReport? saved, KeptCheckpoint? kept, string checkpointPath, string historyPath, bool showConfusion)
    {
        Console.WriteLine();
        if (result.Best is { Test: { } best } report)
            Console.WriteLine($"Best: pass {report.Epoch}, test accuracy {Percent.Of(best.Accuracy)} (error {Percent.Of(best.ErrorRate)}). Total {result.Seconds:F1} s.");
        if (saved is not null)
            Console.WriteLine($"Saved {checkpointPath} (pass {saved.Epoch}) and {historyPath}.");
        else if (kept is not null && result.Best is not null)
            Console.WriteLine($"Kept {checkpointPath}: it holds {kept.Describe()}, better than this run's best; nothing was written (--overwrite replaces it).");
        if (showConfusion && result.Best?.Test is { } test)
        {
            Console.WriteLine();
            Console.WriteLine(ConfusionMatrix.Format(test.Confusion));
        }
        if (result.Cancelled)
        {
            Console.Error.WriteLine(saved is not null
                ? $"lenet: interrupted; the best checkpoint so far, pass {saved.Epoch}, is saved."
                : "lenet: interrupted before this run saved a checkpoint; nothing was written.");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Success;
    }

    /// <summary>What the checkpoint records besides the parameters and the data.</summary>
    private static Dictionary<string, string> Metadata(ModelEntry entry, TrainingOptions options, EpochReport report) =>
        new()
        {
            [CheckpointKeys.Epoch] = report.Epoch.ToString(CultureInfo.InvariantCulture),
            [CheckpointKeys.Model] = entry.Name,
            [CheckpointKeys.Options] = options.Summary(),
        };
}

/// <summary>The checkpoint already in a run's folder, which the run replaces only by doing better.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="TestAccuracy">The test accuracy it records.</param>
/// <param name="Epoch">The pass it records, when it does.</param>
internal sealed record KeptCheckpoint(string Path, double TestAccuracy, string? Epoch)
{
    /// <summary>"pass 10 at 99.34% test accuracy".</summary>
    public string Describe() => $"{(Epoch is null ? "" : $"pass {Epoch} at ")}{Percent.Of(TestAccuracy)} test accuracy";

    /// <summary>The checkpoint at <paramref name="path"/>, or null when there is none; one that cannot be compared is a user error.</summary>
    public static KeptCheckpoint? Read(string path, ModelEntry entry)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return null;
        string advice = "give --overwrite to replace it, or another --out";
        CheckpointData data;
        try
        {
            data = Checkpoint.Read(path);
            data.ParametersFor(entry.Description);
        }
        catch (CheckpointException error)
        {
            throw new UserError($"{error.Message} It is where this run would save; {advice}.");
        }
        if (!double.TryParse(data.Get(CheckpointKeys.TestAccuracy), NumberStyles.Float, CultureInfo.InvariantCulture, out double accuracy) || !double.IsFinite(accuracy))
            throw new UserError($"{path} records no test accuracy to compare this run with; {advice}.");
        return new KeptCheckpoint(path, accuracy, data.Get(CheckpointKeys.Epoch));
    }
}
