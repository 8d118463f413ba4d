using LeNet.Data;
using LeNet.Strings;
using LeNet.Training;

namespace LeNet.Pages;

/// <summary>
/// Training material for the detector's field network: 32x32 windows cut from whole pages at the scales
/// of the reader's pyramid. A window centred on the middle row of the handwritten field, on a level where
/// the field's ink is <see cref="InkHeight"/> rows high (give or take <see cref="RightScale"/>), is <see cref="LocatorAnswers.Handwriting"/>; elsewhere, and on every
/// level where the field is far too large or too small (<see cref="WrongScale"/>), a window is
/// <see cref="LocatorAnswers.OtherInk"/> when ink is near its centre (print, rules, stamps, clutter, the
/// field's own strokes) and <see cref="LocatorAnswers.Background"/> otherwise. Windows in between are not cut.
/// </summary>
public static class PageWindows
{
    /// <summary>
    /// Rows a line of handwriting is high on the level where the detector finds it: about half a string's
    /// ink at MNIST scale (<see cref="StripPicture.InkHeight"/>), so a window sees two or three characters
    /// and the levels are small.
    /// </summary>
    public const double InkHeight = 12;
    /// <summary>The field's ink height at a level, relative to <see cref="InkHeight"/>, at which its windows are handwriting.</summary>
    public static (double Min, double Max) RightScale => (0.8, 1.25);
    /// <summary>Outside these relative heights the field's windows are other ink.</summary>
    public static (double Min, double Max) WrongScale => (0.6, 1.6);
    /// <summary>Level rows from the field's middle row within which a window is handwriting.</summary>
    public const double RowRadius = 2;
    /// <summary>Level rows from the field's middle row beyond which a window is not.</summary>
    public const double OffRowRadius = 6;
    /// <summary>Level columns inside the field's box ends within which a window's centre is handwriting, and outside which it is not.</summary>
    public const double EndMargin = 5;
    /// <summary>
    /// Windows cut per page: handwriting and others on each of <see cref="RightLevels"/> levels of the field's size,
    /// others on a level of the wrong scale, and others aimed at ink on each of <see cref="PyramidLevels"/> levels anywhere in the pyramid.
    /// </summary>
    public const int Positives = 12, Negatives = 16, WrongLevelNegatives = 12;
    private const int PyramidNegatives = 16;
    /// <summary>Levels per page on which the field is of the size the detector finds (each its own scale), and levels anywhere in the pyramid.</summary>
    private const int RightLevels = 2, PyramidLevels = 3;
    /// <summary>Random positions tried for one whose window holds ink near its centre before a window aimed at ink is cut anywhere.</summary>
    private const int InkTries = 12;
    /// <summary>The mean ink of a window's central 16x16 above which it is other ink rather than background.</summary>
    public const float InkShare = 0.02f;

    private const int Field = StripGeometry.Field;

    /// <summary>
    /// <paramref name="count"/> labelled windows cut from pages <paramref name="compose"/> makes (page 0, 1, ...),
    /// each page's windows made on whichever core is free (the set does not depend on how many there are);
    /// <paramref name="progress"/>, when given, hears the windows cut so far.
    /// </summary>
    public static LabelledImages Cut(Func<int, (GreyImage Page, PageBox Field)> compose, int count, int seed, string name, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(compose);
        return PageWindowSet.Collect(() => compose, (pages, index) =>
        {
            (GreyImage page, PageBox field) = pages(index);
            return Windows(page, field, new Random(SampleSeeds.ForStream(seed, ~index)));
        }, count, name, LocatorAnswers.Count, progress);
    }

    /// <summary>The windows of one page whose handwritten field is <paramref name="field"/> (page pixels).</summary>
    public static (byte[] Pixels, byte[] Labels) Windows(GreyImage page, PageBox field, Random random)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(random);
        // Straightened as the reader straightens a page, the field's box with it.
        PageInk ink = PageInk.Prepare(page);
        field = ink.FromPage(field);
        var pixels = new List<byte>();
        var labels = new List<byte>();
        for (int k = 0; k < RightLevels; k++)
        {
            double right = InkHeight / field.Height * Between(random, RightScale.Min, RightScale.Max);
            Cut(PageLevel.Of(ink, Math.Min(2, right)), field, Positives, Negatives, random, pixels, labels);
        }
        // A level on which the field is far too large or too small: nothing there is handwriting of the right size.
        bool larger = random.Next(2) == 0;
        double relative = larger ? Between(random, WrongScale.Max, 2.5) : Between(random, 0.35, WrongScale.Min);
        double wrong = InkHeight / field.Height * relative;
        if (wrong <= 2 && page.Width * wrong >= Field / 2 && page.Height * wrong >= Field / 2)
            Cut(PageLevel.Of(ink, wrong), null, 0, WrongLevelNegatives, random, pixels, labels, field);
        // Levels anywhere in the reader's pyramid, windows aimed at ink: print, MICR, rules and stamps at the size
        // handwriting is found at on one level or another. Near the field only where its size cannot be mistaken.
        (double lowest, double highest) = PyramidScales;
        for (int k = 0; k < PyramidLevels; k++)
        {
            double scale = Math.Exp(Between(random, Math.Log(lowest), Math.Log(highest)));
            double size = field.Height * scale / InkHeight;
            PageBox? unclear = size > WrongScale.Min && size < WrongScale.Max ? field : null;
            Cut(PageLevel.Of(ink, scale), null, 0, PyramidNegatives, random, pixels, labels, inkOnly: true, unclear: unclear);
        }
        return ([.. pixels], [.. labels]);
    }

    /// <summary>
    /// The scales the pyramid levels of <see cref="PyramidNegatives"/> are drawn from (evenly in log scale): those
    /// of <see cref="PageReaderOptions.Default"/>, widened by <see cref="RightScale"/>.
    /// </summary>
    private static (double Min, double Max) PyramidScales =>
        (PageReaderOptions.Default.Scales.Min() * RightScale.Min, PageReaderOptions.Default.Scales.Max() * RightScale.Max);

    private static double Between(Random random, double min, double max) => min + random.NextDouble() * (max - min);

    /// <summary>
    /// Cuts <paramref name="positives"/> handwriting windows along <paramref name="field"/> (when given) and
    /// <paramref name="negatives"/> others from <paramref name="level"/>: half the others aimed at
    /// <paramref name="near"/> (or the field), where confusable ink is, and half of the rest at ink anywhere; with
    /// <paramref name="inkOnly"/>, all at ink anywhere, none near <paramref name="unclear"/> (a field of about the size found).
    /// </summary>
    private static void Cut(PageLevel level, PageBox? field, int positives, int negatives, Random random, List<byte> pixels, List<byte> labels,
        PageBox? near = null, bool inkOnly = false, PageBox? unclear = null)
    {
        double s = level.Scale;
        if (field is PageBox box)
        {
            double middle = (box.Y + box.Height / 2) * s, left = box.X * s + EndMargin, right = box.Right * s - EndMargin;
            for (int k = 0; k < positives && right > left; k++)
                Add(level, Between(random, left, right), middle + Between(random, -RowRadius, RowRadius), LocatorAnswers.Handwriting, pixels, labels);
        }
        PageBox aim = near ?? field ?? default;
        for (int k = 0, tries = 0; k < negatives && tries < 20 * negatives; tries++)
        {
            double x, y;
            if (k % 2 == 0 && aim.Width > 0)
            {
                // Around the field: above, below, beyond its ends, and on it at a wrong scale.
                x = Between(random, (aim.X - aim.Height) * s, (aim.Right + aim.Height) * s);
                y = Between(random, (aim.Y - aim.Height) * s, (aim.Bottom + aim.Height) * s);
            }
            else
            {
                // Anywhere, every other window (every window when only ink is aimed at) on ink if some is found.
                bool onInk = inkOnly || k % 4 == 1;
                int t = 0;
                do
                {
                    x = Between(random, 0, level.Width);
                    y = Between(random, 0, level.Height);
                }
                while (onInk && ++t < InkTries && !InkNear(level, x, y));
            }
            if ((field ?? unclear) is PageBox f && IsNearField(f, s, x, y)) continue;
            Add(level, x, y, InkNear(level, x, y) ? LocatorAnswers.OtherInk : LocatorAnswers.Background, pixels, labels);
            k++;
        }
    }

    /// <summary>True when a window centred at level (x, y) is too close to the field to be called anything but handwriting.</summary>
    private static bool IsNearField(PageBox field, double scale, double x, double y)
    {
        double middle = (field.Y + field.Height / 2) * scale;
        return Math.Abs(y - middle) < OffRowRadius && x > field.X * scale - EndMargin && x < field.Right * scale + EndMargin;
    }

    /// <summary>True when the central 16x16 of the window centred at (x, y) holds ink.</summary>
    private static bool InkNear(PageLevel level, double x, double y)
    {
        int cx = (int)x, cy = (int)y;
        float sum = 0;
        for (int row = cy - Field / 4; row < cy + Field / 4; row++)
            for (int column = cx - Field / 4; column < cx + Field / 4; column++)
                if (row >= 0 && row < level.Height && column >= 0 && column < level.Width) sum += level.Ink[row * level.Width + column];
        return sum > InkShare * (Field / 2) * (Field / 2);
    }

    private static void Add(PageLevel level, double x, double y, int label, List<byte> pixels, List<byte> labels)
    {
        pixels.AddRange(level.Strip((int)Math.Round(x - Field / 2.0), (int)Math.Round(y - Field / 2.0), Field));
        labels.Add((byte)label);
    }
}
