using LeNet.Cli.Commands;
using LeNet.Cli.Imaging;
using LeNet.Data;

namespace LeNet.Cli.Tests.Commands;

/// <summary>The page's drawings: MNIST's preprocessing, but left where they were drawn.</summary>
public sealed class CanvasPreprocessingTests
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
    public void A_digit_drawn_in_the_middle_gets_exactly_the_image_file_preprocessing()
    {
        GreyImage pad = OnPad(TrainedModel.Data.Test.Image(0).ToArray());
        Assert.Equal(DigitNormalizer.Normalize(pad.Pixels, Pad, Pad), CanvasPreprocessing.ToDigit(pad));
    }

    [Fact]
    public void A_shifted_drawing_gives_a_shifted_input()
    {
        byte[] digit = TrainedModel.Data.Test.Image(3).ToArray();
        byte[] centred = CanvasPreprocessing.ToDigit(OnPad(digit));
        byte[] moved = CanvasPreprocessing.ToDigit(OnPad(digit, dx: 4, dy: -2));

        var (cx, cy) = Centre(centred);
        var (mx, my) = Centre(moved);
        Assert.Equal(cx + 4, mx, 1);
        Assert.Equal(cy - 2, my, 1);
        Assert.Equal(centred.Count(b => b > 0), moved.Count(b => b > 0)); // nothing fell off the field
    }

    [Fact]
    public void The_pad_maps_onto_the_field_whatever_its_size()
    {
        var dot = new GreyImage(280, 280, new float[280 * 280]);
        for (int y = 50; y < 60; y++)
            for (int x = 200; x < 210; x++) dot.Pixels[y * 280 + x] = 1f;
        var (x0, y0) = CanvasPreprocessing.CentreOfMass(dot);
        // 10 pad pixels per field pixel: pad columns 200..209 are field column 20, pad rows 50..59 field row 5.
        Assert.Equal(20.0, x0, 6);
        Assert.Equal(5.0, y0, 6);
    }

    [Fact]
    public void A_blank_pad_is_refused_with_a_message_for_the_page()
    {
        var error = Assert.Throws<ArgumentException>(() => CanvasPreprocessing.ToDigit(new GreyImage(Pad, Pad, new float[Pad * Pad])));
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
