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
internal static class TrainCommand
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
        RunFiles files = RunFiles.In(request.OutputFolder, entry.Name, request.Overwrite);
        MnistSplit loaded = DataSource.Load(request.DataFolder);
        if (request.From is string from) return GlobalFrom(request, files, from, loaded.Train, stop);
        DataInfo data = DataSource.Describe(request.DataFolder, loaded);
        MnistSplit split = DataSource.ForModel(loaded, entry);
        DataSource.CheckClasses(split, entry.Description);
        LabelledImages train = request.Limit is int limit ? split.Train.Take(limit) : split.Train;
        INetwork network = request.Generic ? entry.CreateGeneric() : entry.Create();
        TrainingOptions options = request.Options with { ValidationCount = request.Validation ?? TrainingOptions.DefaultValidationCount(train.Count) };
        if (options.ValidationCount >= train.Count)
            throw new UserError($"--validation {options.ValidationCount}: the validation set must leave some of the {train.Count:N0} training images to train on.", ExitCodes.Usage);
        int trained = train.Count - options.ValidationCount;

        Directory.CreateDirectory(request.OutputFolder);
        AtomicFile.RemoveLeftovers(request.OutputFolder); // of a run killed mid-save, whatever this run then keeps
        string validating = options.ValidationCount > 0
            ? $"validating on {options.ValidationCount:N0} held out of them"
            : "no validation set (the last pass is kept)";
        Console.WriteLine($"Training {entry.Name} ({entry.Description.ParameterCount:N0} parameters, {(request.Generic ? "generic" : "generated")} engine) on {trained:N0} images of {train.Name}, {validating}, testing on {split.Test.Count:N0}.");
        Console.WriteLine($"Recipe: {options.Summary()}");
        if (options.Schedule == ScheduleKind.Cosine)
        {
            int stepsPerPass = (trained + options.BatchSize - 1) / options.BatchSize;
            int warmup = CosineSchedule.WarmupFor(options.WarmupSteps, options.Epochs, stepsPerPass);
            if (warmup < options.WarmupSteps)
                Console.WriteLine($"Warm-up: {warmup} steps, not {options.WarmupSteps}: the run has {options.Epochs * (long)stepsPerPass:N0} steps and warm-up takes at most {CosineSchedule.MaxWarmupShare * 100:0}% of them.");
        }
        Console.WriteLine(files.Earlier.Count == 0
            ? $"Checkpoint: {files.Checkpoint}"
            : $"Checkpoint: {files.Checkpoint} (the folder's earlier runs are kept; --overwrite replaces the first)");
        Console.WriteLine();

        var trainer = CreateTrainer(network, options);
        var history = new TrainingHistory(files.History);
        var rates = trainer.Optimizer is SdlmOptimizer ? new SdlmRatesHistory(files.Rates) : null;
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
                    int steps = (trained + options.BatchSize - 1) / options.BatchSize;
                    IReadOnlyList<LayerRates> passRates = sdlm.EffectiveRates(trainer.Schedule.Rate(report.Epoch - 1, 0, steps));
                    rates.Append(report.Epoch, passRates);
                    if (report.Epoch == 1) Console.WriteLine(SdlmRatesHistory.Summary(report.Epoch, passRates));
                }
                if (report.IsBest)
                {
                    Checkpoint.Save(files.Checkpoint, entry.Description, trainer.BestParameters, Metadata(entry, options, report), data);
                    saved = report;
                }
                history.Chosen = saved?.Epoch;
                history.Save();
            }, cancellation.Token);
            EndPass();
            int exit = Finish(result, saved, files, data, request.ShowConfusion);
            return exit == ExitCodes.Success && saved is not null && request.GlobalMinutes is int minutes
                ? GlobalPhase.Run(files.Checkpoint, files.Global, loaded.Train, TimeSpan.FromMinutes(minutes), cancellation.Token, request.Global, request.GlobalPages)
                : exit;
        }
        catch (TrainingDivergedException error)
        {
            EndPass();
            throw new UserError($"{error.Message} {(saved is null ? "Nothing was saved" : $"The chosen checkpoint, pass {saved.Epoch}, is unchanged at {files.Checkpoint}")}.", ExitCodes.Diverged);
        }
        finally
        {
            EndPass();
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// <c>--from CKPT --global N</c>: the reader saved in <paramref name="from"/> copied to this run's checkpoint and
    /// trained there through its graph, the window passes skipped.
    /// </summary>
    private static int GlobalFrom(TrainRequest request, RunFiles files, string from, LabelledImages digits, CancellationToken stop)
    {
        CheckpointData start;
        try
        {
            start = Checkpoint.Read(from);
        }
        catch (Exception error) when (error is CheckpointException or IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--from: {error.Message}");
        }
        if (start.NetworkName != request.Model.Description.Name)
            throw new UserError($"--from {from}: a checkpoint of {start.NetworkName}, not of --model {request.Model.Name}.", ExitCodes.Usage);
        try
        {
            _ = start.ParametersFor(request.Model.Description);
        }
        catch (CheckpointException error)
        {
            throw new UserError($"--from: {error.Message}");
        }
        Directory.CreateDirectory(request.OutputFolder);
        AtomicFile.RemoveLeftovers(request.OutputFolder);
        AtomicFile.WriteAllBytes(files.Checkpoint, RegularFile.ReadAllBytes(from, CheckpointFormat.MaxFileBytes));
        Console.WriteLine($"Training the reader of {from} through its graph, the window passes skipped; checkpoint: {files.Checkpoint}");
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return GlobalPhase.Run(files.Checkpoint, files.Global, digits, TimeSpan.FromMinutes(request.GlobalMinutes!.Value), cancellation.Token, request.Global, request.GlobalPages);
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

    private static int Finish(TrainingResult result, EpochReport? saved, RunFiles files, DataInfo data, bool showConfusion)
    {
        Console.WriteLine();
        if (result.Best is { } chosen)
        {
            string how = chosen.Validation is { } validation
                ? $"the best validation accuracy, {Percent.Of(validation.Accuracy)}"
                : "the last pass, as there is no validation set";
            Console.WriteLine($"Chosen: pass {chosen.Epoch}, {how}; its test accuracy {Percent.Of(chosen.TestAccuracy)} (error {Percent.Of(chosen.Test?.ErrorRate)}).");
        }
        if (result.Last is { } last)
            Console.WriteLine($"Last: pass {last.Epoch}, validation accuracy {Percent.Of(last.ValidationAccuracy)}, test accuracy {Percent.Of(last.TestAccuracy)} (error {Percent.Of(last.Test?.ErrorRate)}). Total {result.Seconds:F1} s.");
        if (saved is not null)
            Console.WriteLine($"Saved {files.Checkpoint} (pass {saved.Epoch}) and {files.History}.");
        if (saved?.ValidationAccuracy is double ours && files.BetterEarlier(data, ours) is var (path, theirs))
            Console.WriteLine($"The earlier {path} has the better validation accuracy ({Percent.Of(theirs)} against {Percent.Of(ours)}); both are kept.");
        if (showConfusion && result.Best?.Test is { } test)
        {
            Console.WriteLine();
            Console.WriteLine(ConfusionMatrix.Format(test.Confusion));
        }
        if (result.Cancelled)
        {
            Console.Error.WriteLine(saved is not null
                ? $"lenet: interrupted; the chosen checkpoint so far, pass {saved.Epoch}, is saved."
                : "lenet: interrupted before this run saved a checkpoint; nothing was written.");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Success;
    }

    /// <summary>What the checkpoint records besides the parameters and the data.</summary>
    private static Dictionary<string, string> Metadata(ModelEntry entry, TrainingOptions options, EpochReport report)
    {
        var metadata = new Dictionary<string, string>
        {
            [CheckpointKeys.Epoch] = report.Epoch.ToString(CultureInfo.InvariantCulture),
            [CheckpointKeys.Model] = entry.Name,
            [CheckpointKeys.Options] = options.Summary(),
        };
        if (report.ValidationAccuracy is double validation) metadata[CheckpointKeys.ValidationAccuracy] = validation.ToString("R", CultureInfo.InvariantCulture);
        if (report.TestAccuracy is double test) metadata[CheckpointKeys.TestAccuracy] = test.ToString("R", CultureInfo.InvariantCulture);
        return metadata;
    }
}

/// <summary>
/// The files one <c>lenet train</c> run writes in its folder: MODEL.ckpt, history.csv (and sdlm-rates.csv; global.csv
/// and global.png with --global), or, when the folder already holds a checkpoint or history of that model and
/// --overwrite is not given, the first free numbered set (MODEL-2.ckpt, history-2.csv, ...), so that no earlier run is lost.
/// </summary>
/// <param name="Checkpoint">This run's checkpoint.</param>
/// <param name="History">This run's history.</param>
/// <param name="Rates">This run's SDLM rates history.</param>
/// <param name="Global">This run's global phase curve (its picture: the same name, .png).</param>
/// <param name="Earlier">The earlier runs' checkpoints in the folder, which this run keeps, as read.</param>
internal sealed record RunFiles(string Checkpoint, string History, string Rates, string Global, IReadOnlyList<CheckpointData> Earlier)
{
    /// <summary>
    /// The files for a run of <paramref name="model"/> in <paramref name="folder"/>. The earlier checkpoints are read
    /// first: one that cannot be read is a user error, before any work starts.
    /// </summary>
    public static RunFiles In(string folder, string model, bool overwrite)
    {
        RunFiles Numbered(int n)
        {
            string suffix = n == 1 ? "" : $"-{n}";
            return new(Path.Combine(folder, model + suffix + LeNet.Checkpoints.Checkpoint.Extension),
                Path.Combine(folder, $"history{suffix}.csv"),
                Path.Combine(folder, Path.GetFileNameWithoutExtension(SdlmRatesHistory.FileName) + suffix + ".csv"),
                Path.Combine(folder, $"global{suffix}.csv"), []);
        }
        bool Taken(RunFiles files) => File.Exists(files.Checkpoint) || File.Exists(files.History) || Directory.Exists(files.Checkpoint);
        int n = 1;
        if (!overwrite)
            while (Taken(Numbered(n))) n++;
        return Numbered(n) with { Earlier = Enumerable.Range(1, n - 1).Select(k => Numbered(k).Checkpoint).Where(File.Exists).Select(Read).ToArray() };
    }

    private static CheckpointData Read(string path)
    {
        try
        {
            return LeNet.Checkpoints.Checkpoint.Read(path);
        }
        catch (CheckpointException error)
        {
            throw new UserError($"{error.Message} It is an earlier run's checkpoint in --out; move it, give --overwrite to replace it, or choose another --out.");
        }
    }

    /// <summary>
    /// The earlier checkpoint of the same <paramref name="data"/> with the best validation accuracy, when it beats
    /// <paramref name="accuracy"/>; null when none does (checkpoints of other data or without a validation accuracy are passed over).
    /// </summary>
    public (string Path, double Accuracy)? BetterEarlier(DataInfo data, double accuracy)
    {
        (string, double)? best = null;
        foreach (CheckpointData earlier in Earlier)
            if (earlier.DataRecorded && earlier.Data == data && earlier.Chosen?.ValidationAccuracy is double theirs && theirs > (best?.Item2 ?? accuracy))
                best = (earlier.Path, theirs);
        return best;
    }
}
