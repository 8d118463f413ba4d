namespace LeNet.Data;

/// <summary>MNIST's (or a look-alike's) two standard sets: 60,000 training and 10,000 test images for MNIST.</summary>
public sealed record MnistSplit(LabelledImages Train, LabelledImages Test);
