using System.CommandLine;
using System.Diagnostics;
using LeNet.Cli.Terminal;
using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary>
/// <c>lenet sweep CHECKPOINT [--index N] [--out DIR] [--report]</c>: one test digit shifted, scaled,
/// rotated, squeezed, thinned and thickened, and noised step by step, a PNG strip per distortion; with
/// <c>--report</c>, accuracy over the test set as a function of each distortion's strength.
/// </summary>
internal static class SweepCommand
{
    /// <summary>Name of the report's table in the output folder.</summary>
    public const string ReportCsv = "robustness.csv";
    /// <summary>Name of the report's plot in the output folder.</summary>
    public const string ReportPng = "robustness.png";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = CheckpointArgument.Create();
        var index = new Option<int>("--index", "-i") { Description = "The MNIST test digit to sweep (0-based).", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out", "-o") { Description = $"Folder for sweep-*.png (and with --report {ReportCsv} and {ReportPng}) (default: the checkpoint's folder)." };
        var report = new Option<bool>("--report") { Description = $"Also measure accuracy over the test set against shift, rotation, scale and noise: {ReportCsv} and {ReportPng}." };
        var limit = new Option<int?>("--limit") { Description = "Measure the report on the first N test images only." }.AtLeast(1);
        var threads = CommonOptions.Threads();
        var data = CommonOptions.DataForCheckpoint();
        var command = new Command("sweep", "Distort a digit step by step and watch the network's answer; with --report, accuracy against each distortion's strength.")
        {
            checkpoint, index, output, report, limit, threads, data,
        };
        command.SetAction(result =>
        {
            LoadedModel model = LoadedModel.From(result.GetValue(checkpoint)!);
            int? imageLimit = result.GetValue(limit);
            int threadCount = result.ThreadCount(threads);
            MnistSplit split = DataSource.For(model, result.GetValue(data));
            LabelledImages test = split.Test;
            int digit = result.GetValue(index);
            ShowCommand.CheckIndex(digit, test);
            string folder = result.GetValue(output) ?? CheckpointArgument.FolderOf(model.Checkpoint.Path);

            if (model.ClassNames is { } names)
                Console.WriteLine("classes: " + string.Join(", ", names.Select((name, label) => $"{label} {name}")));
            foreach (DigitSweep sweep in DigitSweeps.All)
                Console.WriteLine(DrawStrip(model, test, digit, sweep, folder));
            if (result.GetValue(report))
                Report(model, imageLimit is int n ? test.Take(n) : test, threadCount, folder);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs every step of <paramref name="sweep"/> on test digit <paramref name="index"/> and writes the strip; returns its path.</summary>
    public static string DrawStrip(LoadedModel model, LabelledImages test, int index, DigitSweep sweep, string folder)
    {
        byte[] original = test.Image(index).ToArray();
        int label = test.Labels[index];
        SweepFrame[] frames = sweep.Steps.Select(step =>
        {
            ForwardTrace p = Evaluator.Trace(model.Network, model.Parameters, step.Transform(original), test.Rows, test.Columns);
            return new SweepFrame(step.Caption, p.Input, p.Activations, p.Probabilities, p.Label, label);
        }).ToArray();
        int right = frames.Count(f => f.Predicted == label);
        string title = $"{sweep.Title} · test {(model.ClassNames is null ? "digit" : "image")} #{index}, label {(model.ClassNames is null ? $"{label}" : $"{label} {model.ClassName(label)}")} · {model.Entry.Name}: right in {right} of {frames.Length}";
        string path = Path.Combine(folder, $"sweep-{sweep.Name}.png");
        SweepStrip.Save(path, model.Entry.Description, frames, title, framesPerRow: frames.Length);
        return path;
    }

    private static void Report(LoadedModel model, LabelledImages test, int threads, string folder)
    {
        int points = RobustnessTransforms.All.Sum(t => t.Values().Count);
        Console.Error.WriteLine($"lenet: robustness: {points} distortion settings x {test.Count:N0} images on {threads} threads");
        var clock = Stopwatch.StartNew();
        string title = $"{model.Entry.Name} on {test.Count:N0} test images ({test.Name}): accuracy against distortion strength";
        RobustnessReport report;
        using (var bar = new ProgressBar("robustness", (long)points * test.Count, "images"))
            report = RobustnessMeasurement.Measure(model, test, threads, title, new SynchronousProgress<long>(done => bar.Report(done)));

        string csv = Path.Combine(folder, ReportCsv), png = Path.Combine(folder, ReportPng);
        report.SaveCsv(csv);
        report.SavePng(png);
        Console.WriteLine($"Robustness of {model.Entry.Name} over {test.Count:N0} test images ({clock.Elapsed.TotalSeconds:F1} s):");
        foreach (string line in RobustnessSummary.Lines(report))
            Console.WriteLine("  " + line);
        Console.WriteLine(csv);
        Console.WriteLine(png);
    }
}
