namespace LeNet.Data;

/// <summary>MNIST's (or a look-alike's) two standard sets: 60,000 training and 10,000 test images for MNIST.</summary>
/// <param name="Train">The training set.</param>
/// <param name="Test">The test set.</param>
/// <param name="ClassNames">The name of each class, label by label, when the data have names (an image folder); null for IDX files.</param>
public sealed record MnistSplit(LabelledImages Train, LabelledImages Test, IReadOnlyList<string>? ClassNames = null);
