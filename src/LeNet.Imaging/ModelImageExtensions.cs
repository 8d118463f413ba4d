namespace LeNet.Imaging;

/// <summary>Predictions from picture files (<see cref="ImageFile"/>).</summary>
public static class ModelImageExtensions
{
    /// <summary>The class in the picture file at <paramref name="imagePath"/>, read by <see cref="ImageFile.Read"/> and prepared by the model's <see cref="Model{TNet}.Preprocessing"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable picture (see <see cref="ImageFile.Read"/>); the message names it.</exception>
    /// <exception cref="ArgumentException">The picture is blank (digit models); the message names the file.</exception>
    public static Prediction Predict<TNet>(this Model<TNet> model, string imagePath) where TNet : INetwork, new()
    {
        ArgumentNullException.ThrowIfNull(model);
        GreyImage picture = ImageFile.Read(imagePath);
        try
        {
            return model.Predict(picture);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"'{imagePath}': {error.Message}", error);
        }
    }
}
