using System.CommandLine;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Imaging;
using LeNet.Training;

namespace LeNet.Cli.Commands;

/// <summary><c>lenet predict CHECKPOINT IMAGE...</c> or <c>lenet predict --model NAME IMAGE...</c>: the class of each image, by name, and every class's probability.</summary>
internal static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "PNG, JPEG, BMP, GIF, WEBP or PGM images, any size; for a digit model one digit each, dark or light background.", Arity = ArgumentArity.ZeroOrMore };
        var source = new ModelSource(rest: images);
        var command = new Command("predict", "Classify image files, each prepared as the checkpoint records: cropped, scaled and centred as MNIST's digits were, or, for a model of an image folder, fitted whole. Prints the class name and every class's probability.") { source.Checkpoint, images, source.Pretrained };
        command.Validators.Add(result =>
        {
            if (source.Rest(result).Length == 0) result.AddError("give one or more images.");
        });
        command.SetAction(result =>
        {
            LoadedModel model = source.Load(result);
            foreach (string path in source.Rest(result))
            {
                ForwardTrace prediction = Predict(model, path);
                string probabilities = string.Join(" ", prediction.Probabilities.Select((p, label) => $"{model.ClassName(label)}:{p:0.000}"));
                Console.WriteLine($"{path}: {model.ClassName(prediction.Label)}  (p = {prediction.Probabilities[prediction.Label]:0.000})  {probabilities}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Reads, preprocesses (<see cref="LoadedModel.PictureFromFile"/>) and classifies one image file.</summary>
    public static ForwardTrace Predict(LoadedModel model, string path) =>
        Evaluator.Trace(model.Network, model.Parameters, model.PictureFromFile(path), Mnist.Rows, Mnist.Columns);

    /// <summary>
    /// The MNIST-style 28x28 digit in an image file, by <see cref="PreprocessingExtensions.Apply"/> (<see cref="Preprocessing.Digit"/>), the one
    /// preprocessing path the demo page shares (polarity detected, ink cropped, scaled to 20x20, centred by mass).
    /// </summary>
    public static byte[] DigitFromFile(string path)
    {
        try
        {
            return Preprocessing.Digit.Apply(ImageFile.Read(path));
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UserError(error.Message);
        }
        catch (ArgumentException error)
        {
            throw new UserError($"'{path}': {error.Message}");
        }
    }
}
