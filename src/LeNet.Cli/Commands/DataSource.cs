using LeNet.Cli.Terminal;
using LeNet.Data;

namespace LeNet.Cli.Commands;

/// <summary>Finds the training and test images: a folder given with --data, or MNIST fetched once and cached.</summary>
public static class DataSource
{
    /// <summary>Loads the split, logging what it does on stderr; failures become <see cref="UserError"/>s.</summary>
    public static MnistSplit Load(string? folder)
    {
        try
        {
            string directory = folder ?? MnistDownloader.EnsureMnist(log: message => Console.Error.WriteLine($"lenet: {message}"));
            MnistSplit split = Mnist.Load(directory, log: message => Console.Error.WriteLine($"lenet: {message}"));
            return split;
        }
        catch (Exception error) when (error is DataFormatException or DataDownloadException or IOException or UnauthorizedAccessException)
        {
            throw new UserError(error.Message);
        }
    }
}
