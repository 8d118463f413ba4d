using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class MnistLoadTests : IDisposable
{
    private const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Loads_a_synthetic_folder_and_logs()
    {
        IdxFiles.WriteMnistFolder(_folder.Path, trainCount: 12, testCount: 5);
        var log = new List<string>();

        MnistSplit split = Mnist.Load(_folder.Path, log.Add);

        Assert.Equal((12, 5), (split.Train.Count, split.Test.Count));
        Assert.Equal((28, 28, 10), (split.Train.Rows, split.Train.Columns, split.Train.Classes));
        Assert.Equal(new byte[] { 0, 1, 2 }, split.Train.Labels[..3]);
        Assert.Equal(new byte[] { 9, 8, 7 }, split.Test.Labels[..3]);
        Assert.Equal(IdxFiles.Pixels(5, 28, 28), split.Test.Pixels);
        Assert.Contains(log, line => line.Contains("12 training and 5 test"));
    }

    [Fact]
    public void Accepts_gzip_and_the_dotted_spelling()
    {
        IdxFiles.WriteMnistFolder(_folder.Path, 4, 3, name => name.Replace("-idx", ".idx") + ".gz", gzip: true);

        MnistSplit split = Mnist.Load(_folder.Path);

        Assert.Equal((4, 3), (split.Train.Count, split.Test.Count));
        Assert.Equal(IdxFiles.Pixels(4, 28, 28), split.Train.Pixels);
    }

    [Fact]
    public void Missing_files_are_listed_with_every_spelling_and_the_folder()
    {
        IdxFiles.WriteMnistFolder(_folder.Path, 2, 2);
        File.Delete(_folder.File("t10k-labels-idx1-ubyte"));
        File.Delete(_folder.File("train-images-idx3-ubyte"));

        var error = Assert.Throws<FileNotFoundException>(() => Mnist.Load(_folder.Path));

        Assert.Contains(_folder.Path, error.Message);
        Assert.Contains("train-images-idx3-ubyte or train-images-idx3-ubyte.gz or train-images.idx3-ubyte or train-images.idx3-ubyte.gz", error.Message);
        Assert.Contains("t10k-labels-idx1-ubyte or", error.Message);
        Assert.DoesNotContain("train-labels", error.Message);
    }

    [Fact]
    public void Missing_folder_is_named()
    {
        string absent = _folder.File("absent");

        Assert.Contains(absent, Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load(absent)).Message);
    }

    [Fact]
    public void A_malformed_file_is_named()
    {
        IdxFiles.WriteMnistFolder(_folder.Path, 2, 2);
        IdxFiles.Write(_folder.File("t10k-images-idx3-ubyte"), IdxFiles.Images(2, 20, 20));

        var error = Assert.Throws<DataFormatException>(() => Mnist.Load(_folder.Path));

        Assert.EndsWith("t10k-images-idx3-ubyte", error.FilePath);
        Assert.Contains("20x20 but 28x28", error.Message);
    }

    /// <summary>
    /// Reads Debian's gzipped Fashion-MNIST, the second real data set in the same format; scripts/setup.sh
    /// installs it, so a missing folder is a failure here, not a silent pass.
    /// </summary>
    [Fact]
    public void Loads_Fashion_MNIST_from_Debians_gzipped_files()
    {
        Assert.True(Directory.Exists(FashionMnistFolder),
            $"{FashionMnistFolder} is absent: run scripts/setup.sh (apt-get install dataset-fashion-mnist).");

        MnistSplit split = Mnist.Load(FashionMnistFolder);

        Assert.Equal((60000, 10000), (split.Train.Count, split.Test.Count));
        Assert.Equal(9, split.Train.Labels[0]); // Fashion-MNIST's first training item is an ankle boot.
        Assert.Equal(9, split.Test.Labels[0]);
    }
}
