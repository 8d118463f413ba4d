using LeNet.Training.Tests;

namespace LeNet.Checkpoints.Tests;

/// <summary>A private temporary folder per test, and a saved sample checkpoint in it.</summary>
public sealed class CheckpointFiles : IDisposable
{
    public CheckpointFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "lenet-ckpt-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static NetworkDescription Network { get; } = TinyNetworks.Softmax();

    public static float[] Parameters { get; } =
        Enumerable.Range(0, Network.ParameterCount).Select(i => MathF.Sin(i) * 0.5f).ToArray();

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Saves the sample parameters with two metadata entries and returns the path.</summary>
    public string SaveSample(string name = "sample.ckpt")
    {
        string path = PathOf(name);
        Checkpoint.Save(path, Network, Parameters, new Dictionary<string, string>
        {
            [CheckpointKeys.Epoch] = "7",
            [CheckpointKeys.TestAccuracy] = "0.9912",
        });
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
