namespace LeNet.Cli.Terminal;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread at once (Progress&lt;T&gt; posts to the thread pool, which reorders lines).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    /// <inheritdoc/>
    public void Report(T value) => report(value);
}
