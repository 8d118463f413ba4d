using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

/// <summary>
/// The real MNIST, downloaded into the default cache by <see cref="MnistDownloader.EnsureMnist"/> on a fresh
/// machine and loaded once for every test that needs it.
/// </summary>
internal static class RealMnist
{
    private static readonly Lazy<MnistSplit> Split = new(() => Mnist.Load(MnistDownloader.EnsureMnist()));

    public static MnistSplit Load() => Split.Value;
}
