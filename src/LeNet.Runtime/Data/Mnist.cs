namespace LeNet.Data;

/// <summary>
/// Loads MNIST, or any data set shipped in MNIST's four IDX files (Fashion-MNIST, for instance), from
/// a folder. Each file may be plain or gzip-compressed (<c>.gz</c>), and the dotted spelling some
/// mirrors use (<c>train-images.idx3-ubyte</c>) is accepted as well.
/// </summary>
public static class Mnist
{
    /// <summary>Height of an MNIST image.</summary>
    public const int Rows = 28;
    /// <summary>Width of an MNIST image.</summary>
    public const int Columns = 28;
    /// <summary>Number of classes (digits 0 to 9).</summary>
    public const int Classes = 10;

    /// <summary>The training images file, as MNIST names it.</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte";
    /// <summary>The training labels file.</summary>
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    /// <summary>The test images file.</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    /// <summary>The test labels file.</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>The four files, in the order training images, training labels, test images, test labels.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile];

    private const string GzipExtension = ".gz";

    /// <summary>Loads the training and test sets from <paramref name="directory"/>, logging which files it reads.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">Some of the four files are missing; the message lists every name looked for.</exception>
    /// <exception cref="DataFormatException">A file is malformed.</exception>
    public static MnistSplit Load(string directory, Action<string>? log = null)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The MNIST folder {directory} does not exist.");
        string?[] paths = FileNames.Select(name => Find(directory, name)).ToArray();
        string[] missing = FileNames.Where((_, i) => paths[i] is null).ToArray();
        if (missing.Length > 0)
            throw new FileNotFoundException(DescribeMissing(directory, missing));

        log?.Invoke($"loading the IDX files in {directory}");
        LabelledImages train = IdxReader.ReadLabelledImages(paths[0]!, paths[1]!, Rows, Columns, Classes);
        LabelledImages test = IdxReader.ReadLabelledImages(paths[2]!, paths[3]!, Rows, Columns, Classes);
        log?.Invoke($"loaded {train.Count} training and {test.Count} test images");
        return new MnistSplit(train, test);
    }

    /// <summary>The spellings accepted for <paramref name="name"/>, preferred first: plain before compressed.</summary>
    public static IReadOnlyList<string> Candidates(string name)
    {
        // "train-images-idx3-ubyte" -> "train-images.idx3-ubyte", as some mirrors spell it.
        int idx = name.LastIndexOf("-idx", StringComparison.Ordinal);
        string dotted = idx < 0 ? name : name[..idx] + "." + name[(idx + 1)..];
        return [name, name + GzipExtension, dotted, dotted + GzipExtension];
    }

    /// <summary>The first existing spelling of <paramref name="name"/> in <paramref name="directory"/>, or null.</summary>
    private static string? Find(string directory, string name) =>
        Candidates(name).Select(candidate => Path.Combine(directory, candidate)).FirstOrDefault(File.Exists);

    private static string DescribeMissing(string directory, IEnumerable<string> missing)
    {
        IEnumerable<string> lines = missing.Select(name => "  " + string.Join(" or ", Candidates(name)));
        return $"MNIST files missing in {Path.GetFullPath(directory)}; looked for:{Environment.NewLine}"
            + string.Join(Environment.NewLine, lines);
    }
}
