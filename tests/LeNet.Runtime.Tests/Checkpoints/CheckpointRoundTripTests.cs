using LeNet.Training.Tests;

namespace LeNet.Checkpoints.Tests;

public sealed class CheckpointRoundTripTests : IDisposable
{
    private readonly CheckpointFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ReadsBackWhatWasSaved()
    {
        string path = _files.SaveSample();
        CheckpointData data = Checkpoint.Read(path);
        Assert.Equal(path, data.Path);
        Assert.Equal(2, data.FormatVersion);
        Assert.Equal(CheckpointFiles.Network.Name, data.NetworkName);
        Assert.Equal(CheckpointFiles.Network.Signature, data.Signature);
        Assert.Equal(CheckpointFiles.Parameters, data.ParametersFor(CheckpointFiles.Network));
        Assert.Equal("7", data.Get(CheckpointKeys.Epoch));
        Assert.Equal("0.9912", data.Metadata[CheckpointKeys.TestAccuracy]);
        Assert.Null(data.Get(CheckpointKeys.Model));
        Assert.Equal(CheckpointFiles.Parameters, Checkpoint.Load(path, CheckpointFiles.Network));
    }

    [Fact]
    public void HasTheDocumentedLayout()
    {
        byte[] bytes = File.ReadAllBytes(_files.SaveSample());
        Assert.Equal("LENETCKP"u8.ToArray(), bytes[..8]);
        Assert.Equal(2, BitConverter.ToInt32(bytes, 8));
        int nameLength = BitConverter.ToInt32(bytes, 12);
        Assert.Equal(CheckpointFiles.Network.Name, System.Text.Encoding.UTF8.GetString(bytes, 16, nameLength));
        int floats = CheckpointFiles.Network.ParameterCount * sizeof(float);
        Assert.Equal(CheckpointFiles.Parameters[^1], BitConverter.ToSingle(bytes, bytes.Length - 32 - sizeof(float)));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)), bytes[^32..]);
        Assert.True(bytes.Length > floats + 32);
    }

    [Fact]
    public void SavingTheSameContentGivesTheSameBytesAndLeavesNoTemporaryFiles()
    {
        string first = _files.SaveSample("a.ckpt"), second = _files.SaveSample("b.ckpt");
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(2, Directory.GetFiles(_files.Folder).Length);
    }

    [Fact]
    public void OverwritesAnExistingCheckpoint()
    {
        string path = _files.SaveSample();
        float[] other = CheckpointFiles.Parameters.Select(p => -p).ToArray();
        Checkpoint.Save(path, CheckpointFiles.Network, other);
        Assert.Equal(other, Checkpoint.Load(path, CheckpointFiles.Network));
        Assert.Empty(Checkpoint.Read(path).Metadata);
    }

    [Fact]
    public void KeepsNonAsciiMetadata()
    {
        string path = _files.PathOf("unicode.ckpt");
        Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters, new Dictionary<string, string> { ["note"] = "µ = 0.02 — ünïcödé" });
        Assert.Equal("µ = 0.02 — ünïcödé", Checkpoint.Read(path).Get("note"));
    }

    [Fact]
    public void TrainedParametersSurviveTheRoundTrip()
    {
        var trainer = new Training.Trainer(new Engine.GenericNetwork(TinyNetworks.Softmax()),
            new Training.TrainingOptions { Epochs = 1, BatchSize = 16, Threads = 1 });
        trainer.Train(SyntheticImages.Make(64, seed: 41), null);
        string path = _files.PathOf("trained.ckpt");
        Checkpoint.Save(path, trainer.Network.Description, trainer.BestParameters);
        Assert.Equal(trainer.BestParameters, Checkpoint.Load(path, TinyNetworks.Softmax()));
    }
}
