namespace LeNet.Data;

/// <summary>How far a download has come: reported as the bytes arrive, first with none, last with all.</summary>
/// <param name="Url">What is being downloaded.</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The size the server announced, or null when it announced none.</param>
public readonly record struct DownloadProgress(Uri Url, long BytesReceived, long? TotalBytes);
