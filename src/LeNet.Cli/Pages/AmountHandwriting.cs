using LeNet.Data;

namespace LeNet.Cli.Pages;

/// <summary>
/// Handwritten courtesy amounts: random amounts in the grammar of <see cref="LeNet.Strings.Languages.Amount"/>
/// (<see cref="AmountText"/>) written by the runtime's <see cref="HandwritingComposer"/> (digits of the chosen
/// set, pen-drawn separators), now and then after a '*' fill that is drawn but is not part of the amount.
/// </summary>
internal sealed class AmountHandwriting(LabelledImages digits)
{
    private readonly HandwritingComposer _composer = new(digits);

    /// <summary>A random amount, "87.05" or "1,234.56".</summary>
    public static string Amount(Random random) => AmountText.Random(random, wholeDigits: 6);

    /// <summary>The ink of <paramref name="amount"/> after <paramref name="stars"/> '*', cropped, at strip geometry; <paramref name="random"/> seeds the writing.</summary>
    public HandwrittenInk Compose(string amount, int stars, Random random)
    {
        HandwrittenText written = _composer.Compose(new string('*', stars) + amount, random.Next(), 0);
        return HandwrittenInk.Crop(written.Pixels, written.Width, amount);
    }
}
