namespace LeNet.Files.Tests;

/// <summary>Named pipes for tests, and a guard that turns a read stuck on one into a failure instead of a hung test run.</summary>
internal static class Fifo
{
    /// <summary>Longest a read is given before it is taken to be waiting on a pipe: far beyond any real read of these small files.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>Makes a named pipe at <paramref name="path"/> with mkfifo(1).</summary>
    public static string Create(string path)
    {
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])) mkfifo.WaitForExit();
        Assert.True(File.Exists(path), $"mkfifo made no {path}");
        return path;
    }

    /// <summary>
    /// Runs <paramref name="read"/>, which must end (in a result or an exception) without waiting on <paramref name="pipe"/>.
    /// If it is still running after the guard, a writer opens the pipe to free it and the test fails.
    /// </summary>
    public static T Within<T>(string pipe, Func<T> read)
    {
        Task<T> reading = Task.Run(read);
        if (!((IAsyncResult)reading).AsyncWaitHandle.WaitOne(HangGuard))
        {
            using (new FileStream(pipe, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail($"the read waited on the pipe {pipe}");
        }
        return reading.GetAwaiter().GetResult();
    }

    /// <summary><see cref="Within{T}"/> for a read that must throw <typeparamref name="TException"/>; returns its message.</summary>
    public static string Refused<TException>(string pipe, Action read) where TException : Exception =>
        Within(pipe, () => Assert.Throws<TException>(read).Message);
}
