namespace LeNet.Checkpoints;

/// <summary>
/// Metadata keys of checkpoints (values are invariant-culture strings). The data keys
/// (<see cref="DataName"/>, <see cref="DataSource"/>, <see cref="DataPath"/>, <see cref="Preprocessing"/>,
/// <see cref="ClassNames"/>) are written from a <see cref="DataInfo"/> and read back as <see cref="CheckpointData.Data"/>;
/// the pass keys (<see cref="Epoch"/>, <see cref="ValidationAccuracy"/>, <see cref="TestAccuracy"/>) are read back as <see cref="CheckpointData.Chosen"/>.
/// </summary>
public static class CheckpointKeys
{
    /// <summary>The pass the parameters come from (1-based): the pass training chose.</summary>
    public const string Epoch = "epoch";
    /// <summary>Validation accuracy of the parameters, a fraction ("0.9912"), when training held out a validation set.</summary>
    public const string ValidationAccuracy = "validation-accuracy";
    /// <summary>Test accuracy of the parameters, a fraction ("0.9912").</summary>
    public const string TestAccuracy = "test-accuracy";
    /// <summary>The model's catalogue name.</summary>
    public const string Model = "model";
    /// <summary>The training options' summary line.</summary>
    public const string Options = "options";
    /// <summary>When the checkpoint was written (ISO 8601, UTC).</summary>
    public const string Created = "created";
    /// <summary>The data set's name (<see cref="DataInfo.Name"/>); format version 2 on.</summary>
    public const string DataName = "data-name";
    /// <summary>The data's source, "mnist", "idx" or "image-folder" (<see cref="DataInfo.Source"/>); format version 2 on. Its presence marks the data as recorded.</summary>
    public const string DataSource = "data-source";
    /// <summary>The data's folder (<see cref="DataInfo.Path"/>), for IDX files and image folders; format version 2 on.</summary>
    public const string DataPath = "data-path";
    /// <summary>The names of the classes, output unit by output unit, as a JSON array of strings (["T-shirt/top", "Trouser", ...]).</summary>
    public const string ClassNames = "classes";
    /// <summary>
    /// A string reader's character model as global training learned it: its log-penalties
    /// (<see cref="LeNet.Strings.CharacterModel.Penalties"/>: runs of 1, 2, ... positions, then a digit right
    /// after another), comma-separated ("-1.7,-0.13,-4.7,-2.8"). Without it a reader uses <see cref="LeNet.Strings.DecoderOptions.Default"/>.
    /// </summary>
    public const string CharacterModel = "character-model";
    /// <summary>How a picture file becomes the network's input image: "digit" or "fit-whole" (format version 1 wrote "resize" for the latter).</summary>
    public const string Preprocessing = "preprocessing";
}
