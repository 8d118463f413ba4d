namespace LeNet.Data;

/// <summary>
/// Labelled images from a folder tree in torchvision's ImageFolder convention: one subfolder per class,
/// named after the class, holding that class's picture files. Classes are numbered in the ordinal order
/// of their folder names. Either the folder holds <c>train/</c> and <c>test/</c>, each with the same
/// class subfolders, or it holds the class subfolders itself and a fixed seeded split sends
/// <see cref="TestFraction"/> of each class's pictures to the test set.
/// </summary>
public static class ImageFolder
{
    /// <summary>Share of each class's pictures the split puts in the test set.</summary>
    public const double TestFraction = 0.2;
    /// <summary>Seed of the split's shuffle: fixed, so that every command sees the same test set.</summary>
    public const int SplitSeed = 1;
    /// <summary>Most classes a set may have (labels are bytes).</summary>
    public const int MaxClasses = 256;
    /// <summary>File extensions taken as pictures (case-insensitive); other files are ignored.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".pgm"];

    /// <summary>Whether <paramref name="folder"/> looks like an image folder: it has subfolders and no IDX files.</summary>
    public static bool Recognises(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateDirectories(folder).Any()
        && !Mnist.FileNames.SelectMany(Mnist.Candidates).Any(name => File.Exists(Path.Combine(folder, name)));

    /// <summary>Loads the training and test sets under <paramref name="folder"/>.</summary>
    /// <param name="folder">The root of the tree.</param>
    /// <param name="read">Reads one picture file as a <paramref name="rows"/> x <paramref name="columns"/> byte image (0 = black).</param>
    /// <param name="rows">Image height.</param>
    /// <param name="columns">Image width.</param>
    /// <param name="log">Progress lines.</param>
    /// <exception cref="DataFormatException">The tree is not a usable image folder; the message says what and where.</exception>
    public static MnistSplit Load(string folder, Func<string, byte[]> read, int rows, int columns, Action<string>? log = null)
    {
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, "the image folder does not exist.");
        string train = Path.Combine(folder, "train"), test = Path.Combine(folder, "test");
        List<(string Name, string[] Files)> trainClasses, testClasses;
        if (Directory.Exists(train) && Directory.Exists(test))
        {
            trainClasses = Classes(train);
            testClasses = Classes(test);
            string[] trainNames = [.. trainClasses.Select(c => c.Name)], testNames = [.. testClasses.Select(c => c.Name)];
            if (!trainNames.SequenceEqual(testNames, StringComparer.Ordinal))
                throw new DataFormatException(folder, $"train/ has classes {string.Join(", ", trainNames)} but test/ has {string.Join(", ", testNames)}; both need the same class folders.");
            log?.Invoke($"loading images from {folder}: train/ and test/, {trainNames.Length} classes");
        }
        else
        {
            List<(string Name, string[] Files)> all = Classes(folder);
            trainClasses = [];
            testClasses = [];
            foreach ((string name, string[] files) in all)
            {
                string[] shuffled = [.. files];
                new Random(SplitSeed).Shuffle(shuffled);
                int testCount = (int)Math.Round(files.Length * TestFraction);
                testClasses.Add((name, shuffled[..testCount]));
                trainClasses.Add((name, shuffled[testCount..]));
            }
            log?.Invoke($"loading images from {folder}: {all.Count} classes, a seeded split with {TestFraction:P0} of each class for testing");
        }
        string[] names = [.. trainClasses.Select(c => c.Name)];
        LabelledImages trainSet = Read(Path.Combine(folder, "train"), trainClasses, read, rows, columns);
        LabelledImages testSet = Read(Path.Combine(folder, "test"), testClasses, read, rows, columns);
        log?.Invoke($"loaded {trainSet.Count} training and {testSet.Count} test images");
        return new MnistSplit(trainSet, testSet, names);
    }

    /// <summary>The class subfolders of <paramref name="folder"/> in ordinal order, each with its picture files in ordinal order.</summary>
    private static List<(string Name, string[] Files)> Classes(string folder)
    {
        string[] directories = [.. Directory.GetDirectories(folder).OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal)];
        if (directories.Length < 2)
            throw new DataFormatException(folder, $"an image folder needs one subfolder per class, at least two; found {directories.Length}.");
        if (directories.Length > MaxClasses)
            throw new DataFormatException(folder, $"{directories.Length} class folders, more than the {MaxClasses} supported.");
        var classes = new List<(string, string[])>(directories.Length);
        foreach (string directory in directories)
        {
            string[] files = [.. Directory.GetFiles(directory)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)];
            if (files.Length == 0)
                throw new DataFormatException(directory, $"the class folder holds no picture files ({string.Join(", ", Extensions)}).");
            classes.Add((Path.GetFileName(directory), files));
        }
        return classes;
    }

    private static LabelledImages Read(string name, List<(string Name, string[] Files)> classes, Func<string, byte[]> read, int rows, int columns)
    {
        int count = classes.Sum(c => c.Files.Length), size = rows * columns;
        var pixels = new byte[count * size];
        var labels = new byte[count];
        int at = 0;
        for (int label = 0; label < classes.Count; label++)
            foreach (string file in classes[label].Files)
            {
                byte[] image = read(file);
                if (image.Length != size)
                    throw new DataFormatException(file, $"the reader gave {image.Length} pixels, not {rows}x{columns}.");
                image.CopyTo(pixels, at * size);
                labels[at++] = (byte)label;
            }
        return new LabelledImages(name, rows, columns, pixels, labels, classes.Count);
    }
}
