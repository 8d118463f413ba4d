using System.Globalization;
using LeNet.Data;

namespace LeNet.Checkpoints;

/// <summary>
/// The data set a network was trained on, as its checkpoint records it: what to evaluate it on, how to
/// prepare a picture for it, and what its outputs mean.
/// </summary>
/// <param name="Name">A short name for messages ("MNIST", "fashion-mnist").</param>
/// <param name="Source">What kind of source the data came from.</param>
/// <param name="Path">The folder the data were read from (an absolute path), or null for <see cref="DataSourceKind.Mnist"/>.</param>
/// <param name="Preprocessing">How a picture file becomes the network's input.</param>
/// <param name="ClassNames">The name of each class, output unit by output unit ("0" to "9" for digits).</param>
public sealed record DataInfo(string Name, DataSourceKind Source, string? Path, Preprocessing Preprocessing, IReadOnlyList<string> ClassNames)
{
    /// <summary>The names of MNIST's classes: the digits "0" to "9".</summary>
    public static IReadOnlyList<string> Digits { get; } = Enumerable.Range(0, LeNet.Data.Mnist.Classes).Select(NumberName).ToArray();

    /// <summary>MNIST with digit preprocessing: what a checkpoint that records no data (format version 1) was trained on.</summary>
    public static DataInfo Mnist { get; } = new("MNIST", DataSourceKind.Mnist, null, Preprocessing.Digit, Digits);

    /// <summary>Class names by number, "0" to "<paramref name="count"/> - 1", for data whose classes have no names.</summary>
    public static IReadOnlyList<string> Numbered(int count) => Enumerable.Range(0, count).Select(NumberName).ToArray();

    /// <summary>"MNIST", or "fashion-mnist (IDX files at /data/fashion-mnist)".</summary>
    public string Describe() => Source switch
    {
        DataSourceKind.Mnist => Name,
        DataSourceKind.Idx => $"{Name} (IDX files at {Path})",
        _ => $"{Name} (image folder at {Path})",
    };

    /// <summary>Fails on a description a checkpoint cannot hold.</summary>
    /// <exception cref="ArgumentException">The name is empty, the path is missing (or given for MNIST), or there are no class names or an empty one.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("The data set needs a name.");
        if (!Enum.IsDefined(Source)) throw new ArgumentException($"Unknown data source {Source}.");
        if (!Enum.IsDefined(Preprocessing)) throw new ArgumentException($"Unknown preprocessing {Preprocessing}.");
        if ((Source == DataSourceKind.Mnist) != (Path is null))
            throw new ArgumentException(Source == DataSourceKind.Mnist ? "MNIST data have no path." : $"{Source} data need the folder's path.");
        if (Path is { Length: 0 }) throw new ArgumentException("The data's path is empty.");
        if (ClassNames.Count == 0 || ClassNames.Any(string.IsNullOrEmpty))
            throw new ArgumentException("The data need a non-empty name for every class.");
    }

    /// <summary>Equal when every field is, class names compared name by name.</summary>
    public bool Equals(DataInfo? other) =>
        other is not null && Name == other.Name && Source == other.Source && Path == other.Path
        && Preprocessing == other.Preprocessing && ClassNames.SequenceEqual(other.ClassNames, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Source, Path, Preprocessing, ClassNames.Count);

    private static string NumberName(int label) => label.ToString(CultureInfo.InvariantCulture);
}
