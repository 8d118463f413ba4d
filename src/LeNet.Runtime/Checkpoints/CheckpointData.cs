using LeNet.Strings;

namespace LeNet.Checkpoints;

/// <summary>A checkpoint as read from disk, already checked for damage, its data description and chosen pass included.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="FormatVersion">The file format version.</param>
/// <param name="NetworkName">The name of the network it was saved for.</param>
/// <param name="Signature">That network's <see cref="NetworkDescription.Signature"/>.</param>
/// <param name="Parameters">The saved parameters.</param>
/// <param name="Metadata">The saved key/value metadata (see <see cref="CheckpointKeys"/>).</param>
/// <exception cref="CheckpointException">The metadata's data description or chosen pass is malformed.</exception>
public sealed record CheckpointData(
    string Path,
    int FormatVersion,
    string NetworkName,
    string Signature,
    float[] Parameters,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>A copy of the parameters, after checking that they were saved for <paramref name="expected"/>.</summary>
    /// <exception cref="CheckpointException">The checkpoint belongs to another network or declaration, or holds the wrong number of parameters.</exception>
    public float[] ParametersFor(NetworkDescription expected)
    {
        if (!string.Equals(NetworkName, expected.Name, StringComparison.Ordinal))
            throw new CheckpointException(Path,
                $"made for network '{NetworkName}' (signature {Signature}), not '{expected.Name}' (signature {expected.Signature}).");
        if (!string.Equals(Signature, expected.Signature, StringComparison.Ordinal))
            throw new CheckpointException(Path,
                $"made for a different declaration of network '{NetworkName}' (signature {Signature}); this build's '{expected.Name}' has signature {expected.Signature}, so its layers changed since the checkpoint was saved.");
        if (Parameters.Length != expected.ParameterCount)
            throw new CheckpointException(Path,
                $"holds {Parameters.Length} parameters, but network '{expected.Name}' has {expected.ParameterCount}.");
        return (float[])Parameters.Clone();
    }

    private readonly (DataInfo Data, bool Recorded) _data = ReadTyped(Path, CheckpointMetadata.ReadData, Metadata);

    /// <summary>
    /// The data set the network was trained on, its preprocessing and class names. A checkpoint that
    /// does not record them (<see cref="DataRecorded"/> false: format version 1, or saved without a
    /// <see cref="DataInfo"/>) reads as <see cref="DataInfo.Mnist"/>, with the class names and
    /// preprocessing a version 1 file kept for an image folder.
    /// </summary>
    public DataInfo Data => _data.Data;

    /// <summary>Whether the checkpoint records its data (<see cref="Data"/>) rather than leaving MNIST to be assumed.</summary>
    public bool DataRecorded => _data.Recorded;

    /// <summary>The pass training chose these parameters from, with its validation and test accuracy, or null when the checkpoint does not say.</summary>
    public ChosenPass? Chosen { get; } = ReadTyped(Path, CheckpointMetadata.ReadChosen, Metadata);

    /// <summary>The character model a string reader decodes with: the learned one (<see cref="CheckpointKeys.CharacterModel"/>), else the default.</summary>
    public DecoderOptions CharacterModel { get; } = ReadTyped(Path, CheckpointMetadata.ReadCharacterModel, Metadata);

    /// <summary>The metadata value for <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => Metadata.TryGetValue(key, out string? value) ? value : null;

    private static T ReadTyped<T>(string path, Func<IReadOnlyDictionary<string, string>, T> read, IReadOnlyDictionary<string, string> metadata)
    {
        try
        {
            return read(metadata);
        }
        catch (FormatException error)
        {
            throw new CheckpointException(path, $"{error.Message.TrimEnd('.')}.");
        }
    }
}
