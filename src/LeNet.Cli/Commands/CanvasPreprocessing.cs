using LeNet.Cli.Imaging;
using LeNet.Data;

namespace LeNet.Cli.Commands;

/// <summary>
/// Turns the demo page's drawing pad into the network's 28x28 input. The pad stands for MNIST's 28x28
/// field (one input pixel per 10 screen pixels): the drawing is normalised exactly as an image file is
/// (<see cref="DigitNormalizer"/>: cropped to the ink, scaled to the 20x20 box, centred by mass) and then
/// moved back to where it was drawn, so its centre of mass lands on the pad's, to the nearest pixel.
/// </summary>
/// <remarks>
/// Plain centring by mass would undo the page's Shift buttons (and any off-centre drawing): the
/// network would never see a shifted digit. Keeping the drawn position makes Shift show what
/// translation does to the network, while a digit drawn in the middle gets exactly the MNIST preprocessing.
/// </remarks>
public static class CanvasPreprocessing
{
    private const int Side = DigitNormalizer.Size;

    /// <summary>The 28x28 digit (255 = ink) for an ink drawing (0 = background, 1 = ink).</summary>
    /// <exception cref="ArgumentException">The drawing is blank.</exception>
    public static byte[] ToDigit(GreyImage ink)
    {
        byte[] centred = DigitNormalizer.Normalize(ink.Pixels, ink.Width, ink.Height);
        if (!centred.Any(level => level > 0))
            throw new ArgumentException("The drawing is blank: draw a digit.");
        (double x, double y) = CentreOfMass(ink);
        int dx = (int)Math.Round(x - DigitNormalizer.CentreOfMass), dy = (int)Math.Round(y - DigitNormalizer.CentreOfMass);
        return dx == 0 && dy == 0 ? centred : Shift(centred, dx, dy);
    }

    /// <summary>The ink's centre of mass in field pixel indices: pixel i of n covers field pixels [28 i / n, 28 (i + 1) / n).</summary>
    internal static (double X, double Y) CentreOfMass(GreyImage ink)
    {
        double mass = 0, sumX = 0, sumY = 0;
        for (int row = 0; row < ink.Height; row++)
            for (int column = 0; column < ink.Width; column++)
            {
                float v = Math.Clamp(ink[row, column], 0f, 1f);
                mass += v;
                sumX += v * column;
                sumY += v * row;
            }
        double FieldX(double column) => (column + 0.5) * Side / ink.Width - 0.5;
        double FieldY(double row) => (row + 0.5) * Side / ink.Height - 0.5;
        return mass > 0 ? (FieldX(sumX / mass), FieldY(sumY / mass)) : (DigitNormalizer.CentreOfMass, DigitNormalizer.CentreOfMass);
    }

    /// <summary>The digit moved by whole pixels; what leaves the field is lost, as on a page.</summary>
    private static byte[] Shift(byte[] digit, int dx, int dy)
    {
        var moved = new byte[digit.Length];
        for (int row = Math.Max(0, dy); row < Math.Min(Side, Side + dy); row++)
            for (int column = Math.Max(0, dx); column < Math.Min(Side, Side + dx); column++)
                moved[row * Side + column] = digit[(row - dy) * Side + column - dx];
        return moved;
    }
}
