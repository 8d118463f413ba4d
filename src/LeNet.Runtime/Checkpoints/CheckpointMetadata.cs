using System.Globalization;
using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Checkpoints;

/// <summary>The typed metadata (<see cref="DataInfo"/>, <see cref="ChosenPass"/>) as checkpoint keys, both ways.</summary>
internal static class CheckpointMetadata
{
    private const string Mnist = "mnist", Idx = "idx", ImageFolder = "image-folder";
    private const string Digit = "digit", FitWhole = "fit-whole", LegacyResize = "resize";

    /// <summary>The keys <see cref="WriteData"/> writes; metadata given beside a <see cref="DataInfo"/> may not use them.</summary>
    public static IReadOnlyList<string> DataKeys { get; } =
        [CheckpointKeys.DataName, CheckpointKeys.DataSource, CheckpointKeys.DataPath, CheckpointKeys.Preprocessing, CheckpointKeys.ClassNames];

    /// <summary>Adds <paramref name="data"/>'s keys to <paramref name="metadata"/>.</summary>
    public static void WriteData(DataInfo data, IDictionary<string, string> metadata)
    {
        metadata[CheckpointKeys.DataName] = data.Name;
        metadata[CheckpointKeys.DataSource] = data.Source switch { DataSourceKind.Mnist => Mnist, DataSourceKind.Idx => Idx, _ => ImageFolder };
        if (data.Path is { } path) metadata[CheckpointKeys.DataPath] = path;
        metadata[CheckpointKeys.Preprocessing] = data.Preprocessing == Preprocessing.Digit ? Digit : FitWhole;
        metadata[CheckpointKeys.ClassNames] = Data.ClassNames.Format(data.ClassNames);
    }

    /// <summary>
    /// The data <paramref name="metadata"/> records, and whether it records them (<see cref="CheckpointKeys.DataSource"/> present);
    /// when it does not, MNIST with digit preprocessing, taking class names and preprocessing from their keys when present (as format version 1 wrote them for image folders).
    /// </summary>
    /// <exception cref="FormatException">A data key is missing or malformed; the message names it.</exception>
    public static (DataInfo Data, bool Recorded) ReadData(IReadOnlyDictionary<string, string> metadata)
    {
        string? Get(string key) => metadata.TryGetValue(key, out string? value) ? value : null;
        IReadOnlyList<string>? names = Get(CheckpointKeys.ClassNames) is { } json ? ParseNames(json) : null;
        if (Get(CheckpointKeys.DataSource) is not { } sourceText)
        {
            Preprocessing legacy = Get(CheckpointKeys.Preprocessing) is { } p ? ParsePreprocessing(p) : Preprocessing.Digit;
            return (DataInfo.Mnist with { Preprocessing = legacy, ClassNames = names ?? DataInfo.Digits }, false);
        }
        DataSourceKind source = sourceText switch
        {
            Mnist => DataSourceKind.Mnist,
            Idx => DataSourceKind.Idx,
            ImageFolder => DataSourceKind.ImageFolder,
            _ => throw Bad(CheckpointKeys.DataSource, $"'{sourceText}' is not {Mnist}, {Idx} or {ImageFolder}"),
        };
        var data = new DataInfo(
            Get(CheckpointKeys.DataName) ?? throw Missing(CheckpointKeys.DataName),
            source,
            Get(CheckpointKeys.DataPath),
            ParsePreprocessing(Get(CheckpointKeys.Preprocessing) ?? throw Missing(CheckpointKeys.Preprocessing)),
            names ?? throw Missing(CheckpointKeys.ClassNames));
        try
        {
            data.Validate();
        }
        catch (ArgumentException error)
        {
            throw new FormatException($"corrupt data description: {error.Message}", error);
        }
        return (data, true);
    }

    /// <summary>The chosen pass <paramref name="metadata"/> records, or null without <see cref="CheckpointKeys.Epoch"/>.</summary>
    /// <exception cref="FormatException">A pass key is malformed; the message names it.</exception>
    public static ChosenPass? ReadChosen(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(CheckpointKeys.Epoch, out string? passText)) return null;
        if (!int.TryParse(passText, NumberStyles.None, CultureInfo.InvariantCulture, out int pass) || pass < 1)
            throw Bad(CheckpointKeys.Epoch, $"'{passText}' is not a pass number (1, 2, ...)");
        return new ChosenPass(pass, Accuracy(metadata, CheckpointKeys.ValidationAccuracy), Accuracy(metadata, CheckpointKeys.TestAccuracy));
    }

    /// <summary>The character model of <see cref="CheckpointKeys.CharacterModel"/>, or the default one when the key is absent.</summary>
    /// <exception cref="FormatException">The penalties are not numbers at or below 0, or too few.</exception>
    public static DecoderOptions ReadCharacterModel(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(CheckpointKeys.CharacterModel, out string? text)) return DecoderOptions.Default;
        string[] parts = text.Split(',');
        var penalties = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out penalties[i]) || !(penalties[i] <= 0))
                throw Bad(CheckpointKeys.CharacterModel, $"'{parts[i]}' is not a log-penalty (a number at or below 0)");
        if (penalties.Length < 2) throw Bad(CheckpointKeys.CharacterModel, $"'{text}' holds {penalties.Length} penalty, not run penalties and an adjacent one");
        return CharacterModel.Options(penalties);
    }

    /// <summary>The value of <see cref="CheckpointKeys.CharacterModel"/> for <paramref name="penalties"/>.</summary>
    public static string FormatCharacterModel(ReadOnlySpan<float> penalties) =>
        string.Join(",", penalties.ToArray().Select(p => p.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>A fraction as the pass keys hold it ("R" format, invariant culture).</summary>
    public static string FormatAccuracy(double accuracy) => accuracy.ToString("R", CultureInfo.InvariantCulture);

    private static double? Accuracy(IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out string? text)) return null;
        // Format version 1 wrote "NaN" for a run without a test set.
        if (text == "NaN") return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1
            ? value
            : throw Bad(key, $"'{text}' is not an accuracy between 0 and 1");
    }

    private static Preprocessing ParsePreprocessing(string text) => text switch
    {
        Digit => Preprocessing.Digit,
        FitWhole or LegacyResize => Preprocessing.FitWhole,
        _ => throw Bad(CheckpointKeys.Preprocessing, $"'{text}' is not {Digit} or {FitWhole}"),
    };

    private static string[] ParseNames(string json)
    {
        try
        {
            return Data.ClassNames.Parse(json);
        }
        catch (FormatException error)
        {
            throw Bad(CheckpointKeys.ClassNames, error.Message);
        }
    }

    private static FormatException Missing(string key) => new($"the data description lacks '{key}'");

    private static FormatException Bad(string key, string problem) => new($"corrupt metadata '{key}': {problem}");
}
