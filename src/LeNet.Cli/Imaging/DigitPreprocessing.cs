using LeNet.Data;

namespace LeNet.Cli.Imaging;

/// <summary>
/// The one way a picture becomes the network's 28x28 input, for image files (<c>lenet predict</c>,
/// <c>lenet show --image</c>) and the demo page's drawings alike: MNIST's preparation
/// (<see cref="DigitNormalizer"/>: polarity detected, cropped to the ink, scaled to the 20x20 box,
/// centred by mass in the 28x28 field).
/// </summary>
public static class DigitPreprocessing
{
    /// <summary>The 28x28 digit (0 = background, 255 = ink) in <paramref name="picture"/>, of either polarity.</summary>
    /// <exception cref="ArgumentException">The picture is blank: no ink stands out from the background.</exception>
    public static byte[] ToDigit(GreyImage picture)
    {
        byte[] digit = DigitNormalizer.Normalize(picture.Pixels, picture.Width, picture.Height);
        if (!digit.Any(level => level > 0))
            throw new ArgumentException("The picture is blank: no ink stands out from the background, so there is no digit to read.");
        return digit;
    }
}
