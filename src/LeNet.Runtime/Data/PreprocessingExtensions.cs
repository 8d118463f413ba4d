namespace LeNet.Data;

/// <summary>Applies a <see cref="Preprocessing"/> to a picture.</summary>
public static class PreprocessingExtensions
{
    /// <summary>Side of the image every preprocessing produces (MNIST's 28).</summary>
    public const int ImageSide = DigitNormalizer.Size;

    /// <summary>
    /// The 28x28 image (<see cref="ImageSide"/>², row after row, 0 = background, 255 = ink) the network reads for
    /// <paramref name="picture"/>: <see cref="Preprocessing.Digit"/> normalises it as MNIST's digits were
    /// (<see cref="DigitNormalizer"/>), <see cref="Preprocessing.FitWhole"/> fits it whole (<see cref="ImageResize"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="Preprocessing.Digit"/>: the picture is blank, no ink stands out from the background.</exception>
    public static byte[] Apply(this Preprocessing preprocessing, GreyImage picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return preprocessing switch
        {
            Preprocessing.Digit => ToDigit(picture),
            Preprocessing.FitWhole => ImageResize.Fit(picture.Pixels, picture.Width, picture.Height, ImageSide, ImageSide),
            _ => throw new ArgumentOutOfRangeException(nameof(preprocessing), preprocessing, "Unknown preprocessing."),
        };
    }

    private static byte[] ToDigit(GreyImage picture)
    {
        byte[] digit = DigitNormalizer.Normalize(picture.Pixels, picture.Width, picture.Height);
        if (!digit.Any(level => level > 0))
            throw new ArgumentException("The picture is blank: no ink stands out from the background, so there is no digit to read.");
        return digit;
    }
}
