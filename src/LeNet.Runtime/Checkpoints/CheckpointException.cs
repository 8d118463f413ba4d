namespace LeNet.Checkpoints;

/// <summary>A checkpoint could not be read, written or used; the message always names the file.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>A failure concerning the checkpoint at <paramref name="path"/>.</summary>
    public CheckpointException(string path, string message, Exception? inner = null)
        : base($"Checkpoint '{path}': {message}", inner)
    {
        Path = path;
    }

    /// <summary>The checkpoint file concerned.</summary>
    public string Path { get; }
}
