namespace LeNet.Data;

/// <summary>
/// A data set could not be fetched or did not verify: the registry could not be reached or answered
/// with an error, the download stalled or broke off, the archive is damaged or unsafe or lacks a file,
/// or a file's SHA-256 differs from the published one. The one-line message names the URL or file.
/// </summary>
public sealed class DataDownloadException : Exception
{
    /// <summary>An error with a message for the user.</summary>
    public DataDownloadException(string message, Exception? inner = null) : base(message, inner) { }
}
