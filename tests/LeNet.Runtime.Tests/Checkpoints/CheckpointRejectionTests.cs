using LeNet.Training.Tests;

namespace LeNet.Checkpoints.Tests;

public sealed class CheckpointRejectionTests : IDisposable
{
    private readonly CheckpointFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _files.PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static CheckpointException Rejects(string path, string expected)
    {
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(path, error.Path);
        return error;
    }

    [Fact]
    public void RejectsAFileWithTheWrongMagic()
    {
        byte[] bytes = File.ReadAllBytes(_files.SaveSample());
        bytes[3] ^= 0x20;
        Rejects(Write("magic.ckpt", bytes), "not a LeNet checkpoint");
        Rejects(Write("text.ckpt", "hello, world, this is text"u8.ToArray()), "not a LeNet checkpoint");
    }

    [Fact]
    public void RejectsANewerFormatVersion()
    {
        byte[] bytes = CheckpointWriter.Serialize("tiny-softmax", "0123", [1f, 2f], null, version: 3);
        Rejects(Write("newer.ckpt", bytes), "newer format version 3");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(14)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(-33)]
    [InlineData(-1)]
    public void RejectsATruncatedFileSayingHowMuchIsMissing(int cut)
    {
        byte[] whole = File.ReadAllBytes(_files.SaveSample());
        int length = cut >= 0 ? cut : whole.Length + cut;
        CheckpointException error = Rejects(Write("cut.ckpt", whole[..length]), "truncated: expected");
        Assert.Contains($"found {length}", error.Message);
        if (length > 60) Assert.Contains($"expected {whole.Length} bytes", error.Message);
    }

    [Theory]
    [InlineData(20)]      // inside the network name
    [InlineData(200)]     // inside the parameters
    [InlineData(-40)]     // the last parameter
    [InlineData(-1)]      // inside the checksum itself
    public void RejectsAFlippedByteAsCorrupt(int at)
    {
        byte[] bytes = File.ReadAllBytes(_files.SaveSample());
        bytes[at >= 0 ? at : bytes.Length + at] ^= 0x01;
        Rejects(Write("flipped.ckpt", bytes), "corrupt: checksum mismatch");
    }

    [Fact]
    public void RejectsTrailingData()
    {
        byte[] bytes = [.. File.ReadAllBytes(_files.SaveSample()), 0];
        Rejects(Write("trailing.ckpt", bytes), "corrupt");
    }

    [Fact]
    public void RejectsAnEmptyFileAFolderAndAPipeWithoutWaiting()
    {
        Rejects(Write("empty.ckpt", []), "is empty or not a regular file");
        Directory.CreateDirectory(_files.PathOf("folder.ckpt"));
        Rejects(_files.PathOf("folder.ckpt"), "is a folder");
        if (OperatingSystem.IsWindows()) return;
        string pipe = _files.PathOf("pipe.ckpt");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe])) mkfifo.WaitForExit();
        Rejects(pipe, "not a regular file"); // opening it would wait for a writer forever
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "+infinity")]
    [InlineData(float.NegativeInfinity, "-infinity")]
    public void RejectsParametersThatAreNotFiniteEvenWithAGoodChecksum(float value, string shown)
    {
        float[] parameters = (float[])CheckpointFiles.Parameters.Clone();
        parameters[17] = value;
        byte[] bytes = CheckpointWriter.Serialize(CheckpointFiles.Network.Name, CheckpointFiles.Network.Signature, parameters, null);
        Rejects(Write("nan.ckpt", bytes), $"parameter 17 is {shown}");
    }

    [Fact]
    public void RefusesToSaveParametersThatAreNotFinite()
    {
        string path = _files.SaveSample();
        byte[] before = File.ReadAllBytes(path);
        float[] parameters = (float[])CheckpointFiles.Parameters.Clone();
        parameters[^1] = float.NaN;
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Save(path, CheckpointFiles.Network, parameters));
        Assert.Contains("nothing was written", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void RejectsAMissingFile() => Rejects(_files.PathOf("missing.ckpt"), "no such file");

    [Fact]
    public void RejectsAnotherNetwork()
    {
        CheckpointData data = Checkpoint.Read(_files.SaveSample());
        NetworkDescription other = TinyNetworks.Linear();
        var error = Assert.Throws<CheckpointException>(() => data.ParametersFor(other));
        Assert.Contains(data.Path, error.Message);
        Assert.Contains($"made for network 'tiny-softmax' (signature {data.Signature}), not 'tiny-linear'", error.Message);
    }

    [Fact]
    public void RejectsAChangedDeclarationOfTheSameName()
    {
        CheckpointData data = Checkpoint.Read(_files.SaveSample());
        NetworkDescription changed = new("tiny-softmax", new Shape(1, 8, 8),
        [
            new(LayerKind.Convolution, "C1", 5, 3, Activation.ReLU),
            new(LayerKind.Subsampling, "S2", 2, Pooling: Pooling.Max),
            new(LayerKind.FullyConnected, "F3", 10),
            new(LayerKind.Softmax, "OUT", 10),
        ]);
        var error = Assert.Throws<CheckpointException>(() => data.ParametersFor(changed));
        Assert.Contains("different declaration", error.Message);
        Assert.Contains(changed.Signature, error.Message);
    }

    [Fact]
    public void RejectsAParameterCountThatDoesNotMatch()
    {
        NetworkDescription network = CheckpointFiles.Network;
        byte[] bytes = CheckpointWriter.Serialize(network.Name, network.Signature, new float[network.ParameterCount - 3], null);
        CheckpointData data = Checkpoint.Read(Write("short.ckpt", bytes));
        var error = Assert.Throws<CheckpointException>(() => data.ParametersFor(network));
        Assert.Contains($"holds {network.ParameterCount - 3} parameters, but network 'tiny-softmax' has {network.ParameterCount}", error.Message);
        Assert.Contains(data.Path, error.Message);
    }
}
