using LeNet.Data;

namespace LeNet;

/// <summary>
/// How a picture (a <see cref="GreyImage"/> of any size) becomes the 28x28 image a network reads, bytes
/// 0 (background) to 255 (ink) as in MNIST. A model names its preprocessing in its checkpoint
/// (<see cref="Checkpoints.CheckpointKeys.Preprocessing"/>), so a picture is prepared the way its training data were.
/// </summary>
public sealed class Preprocessing
{
    /// <summary>Side of the image every preprocessing produces (MNIST's 28).</summary>
    public const int ImageSide = DigitNormalizer.Size;

    private readonly Func<GreyImage, byte[]> _apply;

    private Preprocessing(string name, Func<GreyImage, byte[]> apply)
    {
        Name = name;
        _apply = apply;
    }

    /// <summary>
    /// MNIST's preparation of a digit (<see cref="DigitNormalizer"/>): polarity detected, cropped to the
    /// ink, scaled so the longer side is 20 pixels, centred by mass in the 28x28 field. A blank picture is refused.
    /// The default, for models trained on MNIST-style digits.
    /// </summary>
    public static Preprocessing Digit { get; } = new("digit", ToDigit);

    /// <summary>
    /// The picture fitted whole into 28x28 (<see cref="ImageResize"/>): aspect ratio kept, centred, levels as
    /// they are (no polarity guess, no crop). For models trained on an image folder.
    /// </summary>
    public static Preprocessing Resize { get; } = new("resize", picture => ImageResize.Fit(picture.Pixels, picture.Width, picture.Height, ImageSide, ImageSide));

    /// <summary>Every preprocessing, <see cref="Digit"/> first.</summary>
    public static IReadOnlyList<Preprocessing> All { get; } = [Digit, Resize];

    /// <summary>The name a checkpoint stores: "digit" or "resize".</summary>
    public string Name { get; }

    /// <summary>The 28x28 image (<see cref="ImageSide"/>², row after row, 0 = background, 255 = ink) <paramref name="picture"/> becomes.</summary>
    /// <exception cref="ArgumentException"><see cref="Digit"/>: the picture is blank, no ink stands out from the background.</exception>
    public byte[] Apply(GreyImage picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        return _apply(picture);
    }

    /// <summary>The preprocessing called <paramref name="name"/> (as <see cref="Name"/>, case-insensitive).</summary>
    /// <exception cref="ArgumentException">No preprocessing has that name; the message lists the known ones.</exception>
    public static Preprocessing Parse(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown preprocessing '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}.");

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static byte[] ToDigit(GreyImage picture)
    {
        byte[] digit = DigitNormalizer.Normalize(picture.Pixels, picture.Width, picture.Height);
        if (!digit.Any(level => level > 0))
            throw new ArgumentException("The picture is blank: no ink stands out from the background, so there is no digit to read.");
        return digit;
    }
}
