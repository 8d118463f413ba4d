namespace LeNet.Data;

/// <summary>
/// A data file is not what it should be: not an IDX file, the wrong kind of IDX file, truncated, or
/// inconsistent with its companion file. The message names the file and the problem.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>An error about <paramref name="path"/>: the message starts with the file name.</summary>
    public DataFormatException(string path, string problem) : base($"{path}: {problem}") => FilePath = path;

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }
}
