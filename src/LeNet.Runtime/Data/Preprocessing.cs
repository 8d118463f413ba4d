namespace LeNet.Data;

/// <summary>How a picture file becomes the network's 28x28 input image.</summary>
public enum Preprocessing
{
    /// <summary>
    /// As MNIST's digits were prepared (<see cref="DigitNormalizer"/>): polarity detected, cropped to the ink,
    /// scaled into the 20x20 box, centred by mass.
    /// </summary>
    Digit,
    /// <summary>The whole picture fitted into 28x28, no crop and no polarity guess (<see cref="ImageResize"/>), as an image folder's pictures are read.</summary>
    FitWhole,
}
