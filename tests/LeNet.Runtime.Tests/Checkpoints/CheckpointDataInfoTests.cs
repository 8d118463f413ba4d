using LeNet.Data;

namespace LeNet.Checkpoints.Tests;

public sealed class CheckpointDataInfoTests : IDisposable
{
    private static readonly string[] Fashion = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private readonly CheckpointFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Write(string name, IReadOnlyDictionary<string, string>? metadata, int version)
    {
        NetworkDescription network = CheckpointFiles.Network;
        string path = _files.PathOf(name);
        File.WriteAllBytes(path, CheckpointWriter.Serialize(network.Name, network.Signature, CheckpointFiles.Parameters, metadata, version));
        return path;
    }

    [Theory]
    [InlineData(DataSourceKind.Idx, Preprocessing.Digit)]
    [InlineData(DataSourceKind.ImageFolder, Preprocessing.FitWhole)]
    public void RecordsTheDataItWasTrainedOn(DataSourceKind source, Preprocessing preprocessing)
    {
        var data = new DataInfo("fashion", source, "/data/fashion", preprocessing, Fashion);
        string path = _files.PathOf("fashion.ckpt");
        Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters, new Dictionary<string, string> { ["note"] = "kept" }, data);

        CheckpointData read = Checkpoint.Read(path);

        Assert.Equal(2, read.FormatVersion);
        Assert.True(read.DataRecorded);
        Assert.Equal(data, read.Data);
        Assert.Equal(Fashion, read.Data.ClassNames);
        Assert.Equal("kept", read.Get("note"));
    }

    [Fact]
    public void RecordsMnistWithoutAPath()
    {
        string path = _files.PathOf("mnist.ckpt");
        Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters, data: DataInfo.Mnist);
        CheckpointData read = Checkpoint.Read(path);
        Assert.True(read.DataRecorded);
        Assert.Equal(DataInfo.Mnist, read.Data);
        Assert.Null(read.Get(CheckpointKeys.DataPath));
    }

    [Fact]
    public void RecordsTheChosenPassAndItsAccuracies()
    {
        string path = _files.PathOf("chosen.ckpt");
        Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters, new Dictionary<string, string>
        {
            [CheckpointKeys.Epoch] = "4",
            [CheckpointKeys.ValidationAccuracy] = "0.9875",
            [CheckpointKeys.TestAccuracy] = "0.99",
        });
        Assert.Equal(new ChosenPass(4, 0.9875, 0.99), Checkpoint.Read(path).Chosen);
        Assert.Null(Checkpoint.Read(Write("none.ckpt", null, 2)).Chosen);
    }

    [Fact]
    public void ReadsAVersion1FileAsMnistDigits()
    {
        string path = Write("v1.ckpt", new Dictionary<string, string> { [CheckpointKeys.Epoch] = "7", [CheckpointKeys.TestAccuracy] = "NaN" }, version: 1);

        CheckpointData read = Checkpoint.Read(path);

        Assert.Equal(1, read.FormatVersion);
        Assert.False(read.DataRecorded);
        Assert.Equal(DataInfo.Mnist, read.Data);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], read.Data.ClassNames);
        Assert.Equal(Preprocessing.Digit, read.Data.Preprocessing);
        Assert.Equal(new ChosenPass(7, null, null), read.Chosen);
        Assert.Equal(CheckpointFiles.Parameters, read.ParametersFor(CheckpointFiles.Network));
    }

    [Fact]
    public void ReadsAVersion1ImageFolderFileWithItsClassNamesAndResizing()
    {
        string path = Write("v1-folder.ckpt", new Dictionary<string, string>
        {
            [CheckpointKeys.ClassNames] = ClassNames.Format(["cat", "dog"]),
            [CheckpointKeys.Preprocessing] = "resize",
        }, version: 1);

        CheckpointData read = Checkpoint.Read(path);

        Assert.False(read.DataRecorded);
        Assert.Equal(["cat", "dog"], read.Data.ClassNames);
        Assert.Equal(Preprocessing.FitWhole, read.Data.Preprocessing);
    }

    [Fact]
    public void ReadsAVersion2FileSavedWithoutDataAsNotRecorded()
    {
        CheckpointData read = Checkpoint.Read(Write("bare.ckpt", null, 2));
        Assert.False(read.DataRecorded);
        Assert.Equal(DataInfo.Mnist, read.Data);
    }

    public static TheoryData<string, string?, string> CorruptFields => new()
    {
        { CheckpointKeys.DataSource, "floppy", "corrupt metadata 'data-source': 'floppy' is not mnist, idx or image-folder" },
        { CheckpointKeys.DataName, null, "the data description lacks 'data-name'" },
        { CheckpointKeys.ClassNames, "[\"a\", 3]", "corrupt metadata 'classes': expected a JSON array of strings" },
        { CheckpointKeys.ClassNames, "[]", "corrupt data description: The data need a non-empty name for every class" },
        { CheckpointKeys.Preprocessing, "squash", "corrupt metadata 'preprocessing': 'squash' is not digit or fit-whole" },
        { CheckpointKeys.DataPath, null, "corrupt data description: Idx data need the folder's path" },
        { CheckpointKeys.Epoch, "seven", "corrupt metadata 'epoch': 'seven' is not a pass number" },
        { CheckpointKeys.TestAccuracy, "1.5", "corrupt metadata 'test-accuracy': '1.5' is not an accuracy between 0 and 1" },
        { CheckpointKeys.ValidationAccuracy, "high", "corrupt metadata 'validation-accuracy': 'high' is not an accuracy" },
    };

    [Theory]
    [MemberData(nameof(CorruptFields))]
    public void RefusesACorruptField(string key, string? value, string expected)
    {
        var metadata = new Dictionary<string, string>
        {
            [CheckpointKeys.DataName] = "fashion",
            [CheckpointKeys.DataSource] = "idx",
            [CheckpointKeys.DataPath] = "/data/fashion",
            [CheckpointKeys.Preprocessing] = "digit",
            [CheckpointKeys.ClassNames] = ClassNames.Format(Fashion),
            [CheckpointKeys.Epoch] = "3",
            [CheckpointKeys.TestAccuracy] = "0.9",
        };
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;
        string path = Write("corrupt.ckpt", metadata, version: 2);

        var error = Assert.Throws<CheckpointException>(() => Checkpoint.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void SaveRefusesDataKeysInTheMetadataAndAnInvalidDescription()
    {
        string path = _files.PathOf("refused.ckpt");
        var keys = Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters,
            new Dictionary<string, string> { [CheckpointKeys.ClassNames] = "[\"a\"]" }));
        Assert.Contains("'classes' describes the data", keys.Message);
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters,
            data: new DataInfo("x", DataSourceKind.Idx, null, Preprocessing.Digit, Fashion)));
        var pass = Assert.Throws<ArgumentException>(() => Checkpoint.Save(path, CheckpointFiles.Network, CheckpointFiles.Parameters,
            new Dictionary<string, string> { [CheckpointKeys.Epoch] = "0" }));
        Assert.Contains("'epoch'", pass.Message);
        Assert.False(File.Exists(path));
    }
}
