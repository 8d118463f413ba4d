using LeNet.Checkpoints;
using LeNet.Models;

namespace LeNet.Runtime.Tests.Checkpoints;

/// <summary>The checkpoints shipped inside LeNet.Models: the files in models/, byte for byte, readable and loadable into their networks.</summary>
public sealed class PretrainedModelsTests
{
    [Fact]
    public void Every_checkpoint_in_models_ships_byte_for_byte()
    {
        string folder = Path.Combine(RepositoryRoot(), "models");
        string[] files = [.. Directory.GetFiles(folder, "*" + Checkpoint.Extension).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];
        Assert.Equal(["lenet5", "lenet5-amounts", "lenet5-amounts-wide-pages", "lenet5-locator", "lenet5-strings", "lenet5-strings-wide", "lenet5-strings-wide-pages", "lenet5-verifier"], files);
        Assert.Equal(files, PretrainedModels.All.Select(m => m.Name));
        foreach (PretrainedModel model in PretrainedModels.All)
        {
            using var copy = new MemoryStream();
            using (Stream stream = PretrainedModels.Open(model.Name)) stream.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, model.Name + Checkpoint.Extension)), copy.ToArray());
            Assert.Equal(copy.Length, model.Size);
        }
    }

    [Fact]
    public void Each_loads_into_the_network_it_is_named_after()
    {
        foreach (PretrainedModel model in PretrainedModels.All)
        {
            CheckpointData checkpoint = model.Read();
            string network = model.Name.EndsWith(PretrainedModels.PagesSuffix, StringComparison.Ordinal) ? model.Name[..^PretrainedModels.PagesSuffix.Length] : model.Name;
            Assert.Equal(network, checkpoint.NetworkName);
            Assert.Equal($"pretrained:{model.Name}", checkpoint.Path);
            Assert.Equal(ModelCatalog.Find(network).Description.ParameterCount, checkpoint.ParametersFor(ModelCatalog.Find(network).Description).Length);
        }
        Assert.Same(PretrainedModels.Find("LENET5"), PretrainedModels.Find("lenet5"));
        Assert.Contains("lenet5, lenet5-amounts, lenet5-amounts-wide-pages, lenet5-locator, lenet5-strings, lenet5-strings-wide, lenet5-strings-wide-pages", Assert.Throws<ArgumentException>(() => PretrainedModels.Find("lenet7")).Message);
    }

    [Fact]
    public void A_damaged_stream_is_refused_with_its_name()
    {
        byte[] bytes;
        using (var copy = new MemoryStream())
        {
            using Stream stream = PretrainedModels.Open("lenet5");
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        bytes[bytes.Length / 2] ^= 0x40;
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Read(new MemoryStream(bytes), "damaged:lenet5"));
        Assert.Contains("damaged:lenet5", error.Message);
        Assert.Throws<CheckpointException>(() => Checkpoint.Read(new MemoryStream(bytes[..100]), "truncated"));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "LeNet.Generated.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No LeNet.Generated.sln above {AppContext.BaseDirectory}.");
    }
}
