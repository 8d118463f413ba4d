using System.Globalization;
using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Models;
using LeNet.Strings;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet train --model lenet5-strings --global N</c>'s second phase: the window-trained field in a
/// checkpoint trained through the reader's graph (<see cref="GlobalTrainer"/>) for N minutes on strips of
/// the training digits, then saved in place with the learned character model
/// (<see cref="CheckpointKeys.CharacterModel"/>), which <c>lenet read</c> decodes with.
/// </summary>
internal static class GlobalPhase
{
    /// <summary>Metadata keys written from the checkpoint's data description, not copied.</summary>
    private static readonly string[] DataKeys = [CheckpointKeys.DataName, CheckpointKeys.DataSource, CheckpointKeys.DataPath, CheckpointKeys.Preprocessing, CheckpointKeys.ClassNames];

    /// <summary>Trains the field saved at <paramref name="checkpoint"/> on strips of <paramref name="digits"/> and saves it there.</summary>
    public static int Run(string checkpoint, LabelledImages digits, TimeSpan duration, CancellationToken stop, GlobalTrainingOptions? options = null)
    {
        CheckpointData saved = Checkpoint.Read(checkpoint);
        float[] parameters = saved.ParametersFor(LeNet5Strings.Description);
        float[] penalties = CharacterModel.Penalties(saved.CharacterModel);
        options ??= new GlobalTrainingOptions();
        var trainer = new GlobalTrainer(new LeNet5StringsStrip(), parameters, penalties, options);
        Console.WriteLine();
        Console.WriteLine($"Global training: the strip network and the character model through the reader's graph, {duration.TotalMinutes:0} min on strips of {digits.Name} " +
            $"({string.Join("; ", options.Recipes)}), batches of {options.BatchSize}, Adam at {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, one thread.");
        ProgressBar? bar = null;
        bool training = false;
        var progress = new SynchronousProgress<GlobalTrainingProgress>(p =>
        {
            if (p.Strips == 0)
            {
                bar ??= new ProgressBar("composing strips", p.PoolSize, "strips");
                bar.Report(p.Composed);
                return;
            }
            if (!training)
            {
                bar?.Dispose();
                bar = new ProgressBar("global training", (long)duration.TotalSeconds, "s");
                training = true;
            }
            bar!.Report((long)p.Elapsed.TotalSeconds, null, $"{p.Strips:N0} strips, loss {p.RunningLoss.ToString("0.0000", CultureInfo.InvariantCulture)}");
        });
        long strips;
        try
        {
            strips = trainer.Run(digits, duration, progress, stop);
        }
        finally
        {
            bar?.Dispose();
        }
        var metadata = saved.Metadata.Where(e => !DataKeys.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        metadata[CheckpointKeys.CharacterModel] = string.Join(",", penalties.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));
        Checkpoint.Save(checkpoint, LeNet5Strings.Description, parameters, metadata, saved.DataRecorded ? saved.Data : null);
        DecoderOptions learned = CharacterModel.Options(penalties);
        Console.WriteLine($"Learned from {strips:N0} strips; character model: runs of 1-{learned.RunPriors.Count} positions at " +
            $"{string.Join(", ", learned.RunPriors.Select(p => p.ToString("0.000", CultureInfo.InvariantCulture)))}, a digit right after another at {learned.AdjacentPrior.ToString("0.000", CultureInfo.InvariantCulture)}. Saved {checkpoint}.");
        if (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("lenet: interrupted; the global phase so far is saved.");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Success;
    }
}
