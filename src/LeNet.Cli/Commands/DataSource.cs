using LeNet.Cli.Terminal;
using LeNet.Data;

namespace LeNet.Cli.Commands;

/// <summary>Finds the training and test images: a folder of IDX files or an image folder given with --data, or MNIST fetched once and cached.</summary>
public static class DataSource
{
    /// <summary>Loads the split, logging what it does on stderr; failures become <see cref="UserError"/>s.</summary>
    public static MnistSplit Load(string? folder)
    {
        try
        {
            Action<string> log = message => Console.Error.WriteLine($"lenet: {message}");
            if (folder is not null && ImageFolder.Recognises(folder))
                return ImageFolderSource.Load(folder, log);
            string directory = folder ?? MnistDownloader.EnsureMnist(log: log);
            return Mnist.Load(directory, log: log);
        }
        catch (Exception error) when (error is DataFormatException or DataDownloadException or IOException or UnauthorizedAccessException)
        {
            throw new UserError(error.Message);
        }
    }

    /// <summary>Fails when the data have more classes than <paramref name="network"/> has outputs.</summary>
    public static void CheckClasses(MnistSplit data, NetworkDescription network)
    {
        if (data.Train.Classes > network.Output.Size)
            throw new UserError($"{data.Train.Name}: {data.Train.Classes} classes, but network '{network.Name}' has {network.Output.Size} outputs.");
    }
}
