using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class ImageFolderTests : IDisposable
{
    private const int Side = 4;
    private readonly string _root = Directory.CreateTempSubdirectory("lenet-imagefolder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A reader that needs no image decoder: every picture is filled with the number in its file name.</summary>
    private static byte[] Read(string path) => Enumerable.Repeat(byte.Parse(Path.GetFileNameWithoutExtension(path)), Side * Side).ToArray();

    private void Files(string folder, int count)
    {
        Directory.CreateDirectory(Path.Combine(_root, folder));
        for (int i = 0; i < count; i++) File.WriteAllBytes(Path.Combine(_root, folder, $"{i}.png"), []);
    }

    [Fact]
    public void Classes_are_the_subfolders_in_ordinal_order_and_the_split_is_seeded_and_per_class()
    {
        Files("b", 10);
        Files("a", 5);
        File.WriteAllText(Path.Combine(_root, "a", "notes.txt"), "not a picture");

        MnistSplit first = ImageFolder.Load(_root, Read, Side, Side);
        MnistSplit second = ImageFolder.Load(_root, Read, Side, Side);

        Assert.Equal(["a", "b"], first.ClassNames);
        Assert.Equal(2, first.Train.Classes);
        Assert.Equal([1, 2], first.Test.Labels.GroupBy(l => l).Select(g => g.Count()).ToArray());
        Assert.Equal(12, first.Train.Count);
        Assert.Equal(first.Test.Pixels, second.Test.Pixels);
        // No picture is in both sets.
        var test = first.Test.Labels.Select((label, i) => (label, first.Test.Image(i)[0])).ToHashSet();
        var train = first.Train.Labels.Select((label, i) => (label, first.Train.Image(i)[0])).ToHashSet();
        Assert.Empty(test.Intersect(train));
    }

    [Fact]
    public void Train_and_test_folders_are_taken_as_they_are()
    {
        Files("train/cat", 3);
        Files("train/dog", 4);
        Files("test/cat", 1);
        Files("test/dog", 2);

        MnistSplit split = ImageFolder.Load(_root, Read, Side, Side);

        Assert.Equal(["cat", "dog"], split.ClassNames);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1], split.Train.Labels.Select(l => (int)l));
        Assert.Equal([0, 1, 1], split.Test.Labels.Select(l => (int)l));
    }

    [Fact]
    public void A_tree_it_cannot_use_is_a_clear_error()
    {
        Files("train/cat", 3);
        Files("train/dog", 3);
        Files("test/cat", 1);
        Files("test/cow", 1);
        var different = Assert.Throws<DataFormatException>(() => ImageFolder.Load(_root, Read, Side, Side));
        Assert.Contains("train/ has classes cat, dog but test/ has cat, cow", different.Message);

        Directory.Delete(Path.Combine(_root, "test", "cow"), recursive: true);
        Directory.CreateDirectory(Path.Combine(_root, "test", "dog"));
        var empty = Assert.Throws<DataFormatException>(() => ImageFolder.Load(_root, Read, Side, Side));
        Assert.Contains("holds no picture files", empty.Message);
    }

    [Fact]
    public void Resizing_keeps_the_aspect_ratio_and_passes_same_size_pictures_through()
    {
        float[] same = [0f, 0.5f, 1f, 0.25f];
        Assert.Equal([0, 128, 255, 64], ImageResize.Fit(same, 2, 2, 2, 2));

        // A white 4x2 picture fitted into 4x4: two rows of margin, black, above and below.
        byte[] wide = ImageResize.Fit(Enumerable.Repeat(1f, 8).ToArray(), 4, 2, 4, 4);
        Assert.Equal([0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0], wide);
    }
}
