namespace LeNet.Checkpoints.Tests;

public sealed class AtomicSaveTests : IDisposable
{
    private readonly CheckpointFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1000)]
    public void AWriteThatFailsMidwayLeavesThePreviousFileByteIdentical(int failAfter)
    {
        string path = _files.SaveSample();
        byte[] before = File.ReadAllBytes(path);
        float[] other = CheckpointFiles.Parameters.Select(p => p + 1f).ToArray();

        var error = Assert.Throws<CheckpointException>(() =>
            Checkpoint.Save(path, CheckpointFiles.Network, other, null, null, file => new FailingStream(file, failAfter)));

        Assert.Contains(path, error.Message);
        Assert.Contains("unchanged", error.Message);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public void ParametersOfTheWrongCountWriteNothing()
    {
        string path = _files.SaveSample();
        byte[] before = File.ReadAllBytes(path);
        var error = Assert.Throws<CheckpointException>(() =>
            Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters.AsSpan(1)));
        Assert.Contains("nothing was written", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public void CreatesTheFolderWhenMissing()
    {
        string path = Path.Combine(_files.Folder, "runs", "best.ckpt");
        Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters);
        Assert.Equal(CheckpointFiles.Parameters, Checkpoint.Load(path, CheckpointFiles.Network));
    }

    /// <summary>Passes writes through until <c>limit</c> bytes, then fails like a full disk.</summary>
    private sealed class FailingStream(Stream inner, int limit) : Stream
    {
        private int _written;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int allowed = Math.Min(buffer.Length, limit - _written);
            inner.Write(buffer[..allowed]);
            _written += allowed;
            if (allowed < buffer.Length) throw new IOException("No space left on device (simulated).");
        }

        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
