namespace LeNet.Checkpoints;

/// <summary>Metadata keys the tools write into checkpoints (values are invariant-culture strings).</summary>
public static class CheckpointKeys
{
    /// <summary>The pass the parameters come from (1-based).</summary>
    public const string Epoch = "epoch";
    /// <summary>Test accuracy of the parameters, a fraction ("0.9912").</summary>
    public const string TestAccuracy = "test-accuracy";
    /// <summary>The model's catalogue name.</summary>
    public const string Model = "model";
    /// <summary>The training options' summary line.</summary>
    public const string Options = "options";
    /// <summary>When the checkpoint was written (ISO 8601, UTC).</summary>
    public const string Created = "created";
    /// <summary>
    /// Optional: the names of the classes, output unit by output unit, as a JSON array of strings
    /// (["T-shirt/top", "Trouser", ...]). Absent in checkpoints of data without names (IDX folders,
    /// MNIST), whose classes are called by their numbers. See <see cref="CheckpointData.ClassNames"/>.
    /// </summary>
    public const string ClassNames = "classes";
    /// <summary>
    /// Optional: how a picture file becomes the network's input image, "digit" (the default when absent:
    /// <see cref="Data.DigitNormalizer"/>) or "resize" (<see cref="Data.ImageResize"/>, for image folders).
    /// </summary>
    public const string Preprocessing = "preprocessing";
}
