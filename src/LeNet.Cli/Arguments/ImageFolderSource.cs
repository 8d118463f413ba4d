using LeNet.Data;
using LeNet.Imaging;

namespace LeNet.Cli.Commands;

/// <summary>
/// How a picture file becomes a 28x28 network image: MNIST-style digit normalisation for digit models,
/// or <see cref="ImageResize"/> (fitted whole, no crop, no polarity guess) for models trained on an image
/// folder, which is also how the image folder's own pictures are read.
/// </summary>
internal static class ImageFolderSource
{
    /// <summary>Loads the image folder at <paramref name="folder"/>, every picture fitted into 28x28.</summary>
    /// <exception cref="DataFormatException">The tree or a picture in it is not usable.</exception>
    public static MnistSplit Load(string folder, Action<string> log) =>
        ImageFolder.Load(folder, ReadResized, Mnist.Rows, Mnist.Columns, log);

    /// <summary>A picture file fitted whole into 28x28 bytes (0 = black, 255 = white).</summary>
    /// <exception cref="DataFormatException">The file is not a readable picture.</exception>
    public static byte[] ReadResized(string path)
    {
        GreyImage image;
        try
        {
            image = ImageFile.Read(path);
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, error.Message);
        }
        return Preprocessing.FitWhole.Apply(image);
    }
}
