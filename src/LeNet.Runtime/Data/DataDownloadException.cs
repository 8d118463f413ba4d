namespace LeNet.Data;

/// <summary>
/// A data set could not be fetched or did not verify: npm is missing or failed, the package lacks a
/// file, or a file's SHA-256 differs from the published one. The message says how to get the files by hand.
/// </summary>
public sealed class DataDownloadException : Exception
{
    /// <summary>An error with a message for the user.</summary>
    public DataDownloadException(string message, Exception? inner = null) : base(message, inner) { }
}
