using LeNet.Strings;
using LeNet.Training;

namespace LeNet.Data;

/// <summary>
/// Strips of handwritten amounts (<see cref="AmountText"/>) and the training material of an amounts
/// reader's field network: its answers are the amount grammar's characters (<see cref="Languages"/>:
/// digits 0-9, <see cref="Languages.ThousandsSeparator"/> ',' = 10, <see cref="Languages.DecimalSeparator"/>
/// '.' = 11) and <see cref="None"/> = 12, "no character is centred here". One strip in ten starts with one
/// or two asterisks, the filler written before an amount, which the reader must take for no character.
/// </summary>
public static class AmountStrips
{
    /// <summary>
    /// Columns of an amount strip: 160, 33 positions. An amount of five integer digits, "12,345.67", written
    /// at the largest writer's size with clear gaps spans about 120 columns from its first character's
    /// centre to its last (9 characters: seven digits of 12 to 16 columns, two separators, eight gaps of
    /// 2 to 7), which leaves room for two asterisks or a wider hand; 128 columns hold only 96.
    /// </summary>
    public const int Width = 160;

    /// <summary>Answers of an amounts field network: the twelve characters of the amount grammar and "none".</summary>
    public const int Answers = Languages.AmountCharacters + 1;

    /// <summary>The answer "no character is centred here".</summary>
    public const int None = Languages.AmountCharacters;

    /// <summary>Most integer digits of the amounts written.</summary>
    public const int WholeDigits = 5;

    /// <summary>The text of amount strip <paramref name="index"/> of series <paramref name="seed"/>: a random amount, with asterisks before it one time in ten.</summary>
    public static string Text(int seed, int index)
    {
        var random = new Random(SampleSeeds.ForStream(~seed, index)); // a stream apart from the composer's own
        string amount = AmountText.Random(random, WholeDigits);
        return random.Next(10) == 0 ? new string('*', random.Next(1, 3)) + amount : amount;
    }

    /// <summary>
    /// What a reader of <paramref name="text"/> must read: its amount grammar's characters, left to right, as text
    /// (<see cref="AmountText.Text"/>); the asterisks written before an amount are no character of it.
    /// </summary>
    public static string Label(HandwrittenText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AmountText.Text(text.Boxes.Select(b => AmountText.Character(b.Character)).OfType<int>());
    }

    /// <summary>Amount strip <paramref name="index"/> of series <paramref name="seed"/>, <see cref="Width"/> columns, gaps of any spacing.</summary>
    public static HandwrittenText Compose(HandwritingComposer composer, int seed, int index) =>
        composer.Compose(Text(seed, index), seed, index, StripSpacing.Mixed, Width);

    /// <summary>
    /// A training set of <paramref name="trainWindows"/> 32x32 windows (labels 0 to <see cref="None"/>) cut from
    /// amount strips of <paramref name="digits"/>' training images and a test set of <paramref name="testWindows"/>
    /// from its test images, as <see cref="StripWindows"/> cuts digit strips (a window centred on a character's
    /// centre, within half a step, shows it; one a step or more from every centre shows none);
    /// <paramref name="progress"/>, when given, hears the windows cut so far, training then test.
    /// </summary>
    public static MnistSplit Windows(MnistSplit digits, int trainWindows, int testWindows, int seed = 1, IProgress<long>? progress = null) => new(
        Cut(new HandwritingComposer(digits.Train), trainWindows, seed, $"{digits.Train.Name} amount windows", progress is null ? null : progress.Report),
        Cut(new HandwritingComposer(digits.Test), testWindows, seed, $"{digits.Test.Name} amount windows", progress is null ? null : done => progress.Report(trainWindows + done)));

    private static LabelledImages Cut(HandwritingComposer composer, int count, int seed, string name, Action<long>? report) =>
        StripWindows.Cut(index => Labelled(Compose(composer, seed, index)), Answers, count, seed, name, report);

    private static StripWindows.LabelledStrip Labelled(HandwrittenText text)
    {
        var labels = new List<byte>();
        var centres = new List<float>();
        var unlabelled = new List<float>();
        foreach (CharacterBox box in text.Boxes)
        {
            if (AmountText.Character(box.Character) is int character)
            {
                labels.Add((byte)character);
                centres.Add(box.Centre);
            }
            else unlabelled.Add(box.Centre);
        }
        return new StripWindows.LabelledStrip(text.Pixels, text.Width, [.. labels], [.. centres], [.. unlabelled], None);
    }
}
