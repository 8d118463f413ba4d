using LeNet.Cli.Commands;
using LeNet.Cli.Tests.Commands;
using LeNet.Data;
using LeNet.Imaging;

namespace LeNet.Cli.Tests.Imaging;

/// <summary>The one preprocessing path of image files and the page's drawings: MNIST's, centred by mass wherever the digit was drawn.</summary>
public sealed class DigitPreprocessingTests
{
    private const int Pad = 112, Field = 28, PadPixelsPerField = Pad / Field;

    /// <summary>An MNIST digit blown up onto the pad, ink 0..1, moved by whole field pixels.</summary>
    private static GreyImage OnPad(byte[] digit, int dx = 0, int dy = 0)
    {
        var ink = new float[Pad * Pad];
        for (int y = 0; y < Pad; y++)
            for (int x = 0; x < Pad; x++)
            {
                int row = y / PadPixelsPerField - dy, column = x / PadPixelsPerField - dx;
                if (row is >= 0 and < Field && column is >= 0 and < Field) ink[y * Pad + x] = digit[row * Field + column] / 255f;
            }
        return new GreyImage(Pad, Pad, ink);
    }

    private static (double X, double Y) Centre(byte[] digit)
    {
        double mass = 0, x = 0, y = 0;
        for (int i = 0; i < digit.Length; i++)
        {
            mass += digit[i];
            x += digit[i] * (i % Field);
            y += digit[i] * (i / Field);
        }
        return (x / mass, y / mass);
    }

    [Fact]
    public void A_drawing_gets_exactly_the_image_file_preprocessing()
    {
        GreyImage pad = OnPad(TrainedModel.Data.Test.Image(0).ToArray());
        Assert.Equal(DigitNormalizer.Normalize(pad.Pixels, Pad, Pad), Preprocessing.Digit.Apply(pad));

        // The same picture read from a file, as `lenet predict` reads it, gives the same input.
        string file = Path.Combine(Path.GetTempPath(), $"lenet-digit-{Guid.NewGuid():N}.png");
        try
        {
            ImageFile.SaveDigitPng(file, TrainedModel.Data.Test.Image(0));
            Assert.Equal(Preprocessing.Digit.Apply(OnPad(TrainedModel.Data.Test.Image(0).ToArray())), PredictCommand.DigitFromFile(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_small_digit_drawn_in_a_corner_is_centred_by_mass_and_scaled_to_the_box()
    {
        byte[] digit = TrainedModel.Data.Test.Image(3).ToArray();
        byte[] centred = Preprocessing.Digit.Apply(OnPad(digit));
        // The same digit at half size in the top left corner of the pad.
        var small = new float[Pad * Pad];
        for (int y = 0; y < Pad / 2; y++)
            for (int x = 0; x < Pad / 2; x++)
                small[y * Pad + x] = digit[y / (PadPixelsPerField / 2) * Field + x / (PadPixelsPerField / 2)] / 255f;
        byte[] cornered = Preprocessing.Digit.Apply(new GreyImage(Pad, Pad, small));

        var (cx, cy) = Centre(cornered);
        Assert.Equal(DigitNormalizer.CentreOfMass, cx, 0.5);
        Assert.Equal(DigitNormalizer.CentreOfMass, cy, 0.5);
        Assert.Equal(Centre(centred).X, cx, 0.5);
        Assert.Equal(Centre(centred).Y, cy, 0.5);
    }

    [Fact]
    public void A_blank_picture_is_refused_with_a_message_for_the_page()
    {
        var error = Assert.Throws<ArgumentException>(() => Preprocessing.Digit.Apply(new GreyImage(Pad, Pad, new float[Pad * Pad])));
        Assert.Contains("blank", error.Message);
    }

    [Fact]
    public void Random_digits_come_from_the_set_with_their_labels()
    {
        LabelledImages test = TrainedModel.Data.Test.Take(50);
        var digits = new MnistRandomDigits(test, new Random(3));
        for (int i = 0; i < 20; i++)
        {
            var digit = digits.Next();
            Assert.Equal((28, 28), (digit.Width, digit.Height));
            int index = Enumerable.Range(0, test.Count).First(k => test.Image(k).SequenceEqual(digit.Pixels));
            Assert.Equal(test.Labels[index], digit.Label);
        }
    }
}
