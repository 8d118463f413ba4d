using LeNet.Checkpoints;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Models;

namespace LeNet.Cli.Commands;

/// <summary>Finds the training and test images: a folder of IDX files or an image folder given with --data, or MNIST fetched once and cached.</summary>
internal static class DataSource
{
    /// <summary>Loads the split, logging what it does on stderr; failures become <see cref="UserError"/>s.</summary>
    public static MnistSplit Load(string? folder)
    {
        try
        {
            Action<string> log = message => Console.Error.WriteLine($"lenet: {message}");
            if (folder is not null && ImageFolder.Recognises(folder))
                return ImageFolderSource.Load(folder, log);
            string directory = folder ?? FetchMnist();
            return Mnist.Load(directory, log: log);
        }
        catch (Exception error) when (error is DataFormatException or DataDownloadException or IOException or UnauthorizedAccessException)
        {
            throw new UserError(error.Message);
        }
    }

    /// <summary>
    /// The data to run <paramref name="model"/> on: with no <paramref name="folder"/>, the data its checkpoint records
    /// (MNIST for one that records none); with one, that folder, which must have the recorded classes (their number
    /// and names); a different data set name only draws a warning. Missing recorded data or other classes are usage errors.
    /// </summary>
    public static MnistSplit For(LoadedModel model, string? folder)
    {
        CheckpointData checkpoint = model.Checkpoint;
        DataInfo recorded = checkpoint.Data;
        if (folder is null && recorded.Path is { } path)
        {
            if (!Directory.Exists(path))
                throw new UserError($"{checkpoint.Path}: trained on {recorded.Describe()}, which is not there; pass --data with that data set.", ExitCodes.Usage);
            folder = path;
        }
        MnistSplit split = Load(folder);
        DataInfo given = Describe(folder, split);
        if (!given.ClassNames.SequenceEqual(recorded.ClassNames, StringComparer.Ordinal))
            throw new UserError($"{checkpoint.Path}: the model's {recorded.ClassNames.Count} classes ({string.Join(", ", recorded.ClassNames)}) are not the {given.ClassNames.Count} of {given.Describe()}: {string.Join(", ", given.ClassNames)}.", ExitCodes.Usage);
        if (checkpoint.DataRecorded && given.Name != recorded.Name)
            Console.Error.WriteLine($"lenet: warning: {checkpoint.Path} was trained on {recorded.Describe()}, and is run on {given.Describe()}.");
        CheckClasses(split, model.Entry.Description);
        return split;
    }

    /// <summary>
    /// What <paramref name="split"/>, loaded by <see cref="Load"/> from <paramref name="folder"/>, is, as a checkpoint records it:
    /// MNIST; an image folder (named by its folder, pictures fitted whole, its class names); or IDX files (named by
    /// their folder, digit preprocessing as MNIST's, classes by number).
    /// </summary>
    public static DataInfo Describe(string? folder, MnistSplit split)
    {
        if (folder is null) return DataInfo.Mnist;
        string path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        string name = Path.GetFileName(path) is { Length: > 0 } last ? last : path;
        return split.ClassNames is { } names
            ? new DataInfo(name, DataSourceKind.ImageFolder, path, Preprocessing.FitWhole, names)
            : new DataInfo(name, DataSourceKind.Idx, path, Preprocessing.Digit, DataInfo.Numbered(split.Train.Classes));
    }

    /// <summary>The cached MNIST folder, downloaded first when it is missing or damaged, with a progress bar on stderr.</summary>
    private static string FetchMnist()
    {
        ProgressBar? bar = null;
        try
        {
            return MnistDownloader.EnsureMnist(progress: new SynchronousProgress<DownloadProgress>(p =>
            {
                if (bar is null)
                {
                    Console.Error.WriteLine($"lenet: downloading MNIST from {p.Url}");
                    bar = new ProgressBar("MNIST", p.TotalBytes ?? 0, "bytes");
                }
                bar.Report(p.BytesReceived);
            }));
        }
        finally
        {
            bar?.Dispose();
        }
    }

    /// <summary>The sets <paramref name="model"/> trains and is tested on, made from the loaded <paramref name="digits"/> (<see cref="ModelEntry.TrainingData"/>).</summary>
    public static MnistSplit ForModel(MnistSplit digits, ModelEntry model)
    {
        if (model.TrainingData is not { } material) return digits;
        try
        {
            Console.Error.WriteLine($"lenet: {model.Name} trains on {material.What} made from {digits.Train.Name} and is tested on {material.What} from {digits.Test.Name}.");
            MnistSplit made;
            using (var bar = new ProgressBar(material.What, material.Images, "images"))
                made = material.Make(digits, new SynchronousProgress<long>(done => bar.Report(done)));
            Console.Error.WriteLine($"lenet: {made.Train.Count:N0} training and {made.Test.Count:N0} test images of {made.Train.Rows}x{made.Train.Columns}, {made.Train.Classes} classes.");
            return made;
        }
        catch (ArgumentException error)
        {
            throw new UserError($"{model.Name} cannot be trained on {digits.Train.Name}: {error.Message}");
        }
    }

    /// <summary>Fails when the data have more classes than <paramref name="network"/> has outputs.</summary>
    public static void CheckClasses(MnistSplit data, NetworkDescription network)
    {
        if (data.Train.Classes > network.Output.Size)
            throw new UserError($"{data.Train.Name}: {data.Train.Classes} classes, but network '{network.Name}' has {network.Output.Size} outputs.");
    }
}
