namespace LeNet.Checkpoints;

/// <summary>A checkpoint as read from disk, already checked for damage.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="FormatVersion">The file format version.</param>
/// <param name="NetworkName">The name of the network it was saved for.</param>
/// <param name="Signature">That network's <see cref="NetworkDescription.Signature"/>.</param>
/// <param name="Parameters">The saved parameters.</param>
/// <param name="Metadata">The saved key/value metadata (see <see cref="CheckpointKeys"/>).</param>
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

    /// <summary>The class names saved under <see cref="CheckpointKeys.ClassNames"/>, or null when the checkpoint has none.</summary>
    /// <exception cref="CheckpointException">The entry is not a JSON array of strings.</exception>
    public IReadOnlyList<string>? ClassNames
    {
        get
        {
            if (Get(CheckpointKeys.ClassNames) is not { } text) return null;
            try
            {
                return Data.ClassNames.Parse(text);
            }
            catch (FormatException error)
            {
                throw new CheckpointException(Path, $"corrupt metadata '{CheckpointKeys.ClassNames}': {error.Message}");
            }
        }
    }

    /// <summary>The metadata value for <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => Metadata.TryGetValue(key, out string? value) ? value : null;
}
