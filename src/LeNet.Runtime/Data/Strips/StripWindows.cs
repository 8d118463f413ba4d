using LeNet.Training;

namespace LeNet.Data;

/// <summary>
/// Training material for the field network of a space-displacement reader: 32x32 windows cut from
/// synthetic strips at the offsets the reader will meet, labelled with the digit whose ink-box centre
/// is within <see cref="DigitRadius"/> pixels of the window's centre, or
/// <see cref="StripGeometry.NoDigit"/> when no digit centre is nearer than <see cref="BlankRadius"/>;
/// windows in between are not used (either answer is right there, and the reader's decoder accepts
/// both). A window sees its neighbours as they are in a string, touching and overlapping included.
/// </summary>
public static class StripWindows
{
    /// <summary>A window whose centre is this close to a digit's centre shows that digit: half a step.</summary>
    public const float DigitRadius = StripGeometry.Step / 2f;
    /// <summary>A window whose centre is at least this far from every digit's centre shows no digit: one step.</summary>
    public const float BlankRadius = StripGeometry.Step;
    /// <summary>Windows cut at random offsets per strip, besides one centred near each digit.</summary>
    public const int RandomWindowsPerStrip = 3;

    /// <summary>Strips cut per parallel task, and tasks per core in each round: enough work per task, rounds short enough to report progress.</summary>
    private const int StripsPerChunk = 64, ChunksPerCore = 4;

    /// <summary>The strips windows are cut from: 1 to 8 digits, any spacing.</summary>
    public static StripRecipe Recipe { get; } = new(1, StripSynthesizer.MaxDigits, StripSpacing.Mixed);

    /// <summary>
    /// A training set of <paramref name="trainWindows"/> windows from strips of <paramref name="digits"/>'
    /// training images and a test set of <paramref name="testWindows"/> from its test images (labels 0-10);
    /// <paramref name="progress"/>, when given, hears the number of windows cut so far, training then test.
    /// </summary>
    public static MnistSplit Split(MnistSplit digits, int trainWindows, int testWindows, int seed = 1, IProgress<long>? progress = null) => new(
        Cut(new StripSynthesizer(digits.Train), trainWindows, seed, $"{digits.Train.Name} strip windows", progress is null ? null : progress.Report),
        Cut(new StripSynthesizer(digits.Test), testWindows, seed, $"{digits.Test.Name} strip windows",
            progress is null ? null : done => progress.Report(trainWindows + done)));

    /// <summary>
    /// <paramref name="count"/> labelled windows from the strips of series <paramref name="seed"/>: strip 0's
    /// windows, then strip 1's, and so on, each strip's made on whichever core is free (the set does not
    /// depend on how many there are); <paramref name="progress"/>, when given, hears the windows cut so far.
    /// </summary>
    public static LabelledImages Cut(StripSynthesizer synthesizer, int count, int seed, string name, IProgress<long>? progress = null) =>
        Cut(synthesizer, count, seed, name, progress is null ? null : progress.Report);

    private static LabelledImages Cut(StripSynthesizer synthesizer, int count, int seed, string name, Action<long>? report) =>
        Cut(index => Labelled(synthesizer.Compose(Recipe, seed, index)), StripGeometry.Answers, count, seed, name, report);

    /// <summary>A strip with its characters' labels and centres, and the centres of marks that are no character (read as <paramref name="None"/>).</summary>
    internal sealed record LabelledStrip(byte[] Pixels, int Width, byte[] Labels, float[] Centres, float[] Unlabelled, int None);

    private static LabelledStrip Labelled(DigitStrip strip) => new(strip.Pixels, strip.Width, strip.Digits, strip.Centres, [], StripGeometry.NoDigit);

    /// <summary>
    /// <paramref name="count"/> windows labelled 0 to <paramref name="classes"/> - 1 from the strips <paramref name="compose"/>
    /// makes of index 0, 1, ...: each strip's made on whichever core is free (the set does not depend on how many there are).
    /// </summary>
    internal static LabelledImages Cut(Func<int, LabelledStrip> compose, int classes, int count, int seed, string name, Action<long>? report)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var pixels = new byte[count * WindowSize];
        var labels = new byte[count];
        int made = 0;
        var chunks = new Chunk[Math.Max(1, Environment.ProcessorCount) * ChunksPerCore];
        for (int c = 0; c < chunks.Length; c++) chunks[c] = new Chunk();
        for (int first = 0; made < count; first += chunks.Length * StripsPerChunk)
        {
            Parallel.For(0, chunks.Length, c => chunks[c].Cut(compose, seed, first + c * StripsPerChunk));
            foreach (Chunk chunk in chunks)
            {
                int taken = Math.Min(chunk.Count, count - made);
                chunk.Pixels.AsSpan(0, taken * WindowSize).CopyTo(pixels.AsSpan(made * WindowSize));
                chunk.Labels.AsSpan(0, taken).CopyTo(labels.AsSpan(made));
                made += taken;
            }
            report?.Invoke(made);
        }
        return new LabelledImages(name, StripGeometry.Field, StripGeometry.Field, pixels, labels, classes);
    }

    private const int WindowSize = StripGeometry.Field * StripGeometry.Field;

    /// <summary>The labelled windows of <see cref="StripsPerChunk"/> consecutive strips, in order, in buffers reused from round to round.</summary>
    private sealed class Chunk
    {
        /// <summary>Windows one strip gives at most: one per character or mark, and the random ones.</summary>
        private const int MostPerStrip = 16 + RandomWindowsPerStrip;
        private const int MostWindows = StripsPerChunk * MostPerStrip;
        private readonly List<float> _offsets = [];

        public byte[] Pixels { get; } = new byte[MostWindows * WindowSize];
        public byte[] Labels { get; } = new byte[MostWindows];
        public int Count { get; private set; }

        /// <summary>Cuts the windows of strips <paramref name="first"/> to <paramref name="first"/> + <see cref="StripsPerChunk"/> - 1.</summary>
        public void Cut(Func<int, LabelledStrip> compose, int seed, int first)
        {
            Count = 0;
            for (int index = first; index < first + StripsPerChunk; index++)
            {
                LabelledStrip strip = compose(index);
                var random = new Random(SampleSeeds.ForStream(seed, ~index)); // a stream apart from the strip's own
                _offsets.Clear();
                foreach (float centre in strip.Centres)
                    _offsets.Add(centre + (float)(random.NextDouble() * 2 - 1) * DigitRadius);
                foreach (float centre in strip.Unlabelled)
                    _offsets.Add(centre + (float)(random.NextDouble() * 2 - 1) * DigitRadius);
                for (int k = 0; k < RandomWindowsPerStrip; k++)
                    _offsets.Add(StripGeometry.FirstCentre + random.Next(strip.Width - StripGeometry.Field + 1));
                if (_offsets.Count > MostPerStrip) throw new InvalidOperationException($"A strip of {strip.Centres.Length + strip.Unlabelled.Length} characters gives more windows than {MostPerStrip}.");
                foreach (float offset in _offsets)
                {
                    int left = Math.Clamp((int)MathF.Round(offset - StripGeometry.Field / 2f), 0, strip.Width - StripGeometry.Field);
                    if (Label(strip.Centres, strip.Labels, strip.None, left + StripGeometry.Field / 2f) is not int label) continue;
                    Span<byte> window = Pixels.AsSpan(Count * WindowSize, WindowSize);
                    for (int y = 0; y < StripGeometry.Field; y++)
                        strip.Pixels.AsSpan(y * strip.Width + left, StripGeometry.Field).CopyTo(window.Slice(y * StripGeometry.Field, StripGeometry.Field));
                    Labels[Count++] = (byte)label;
                }
            }
        }
    }

    /// <summary>The answer a window centred on column <paramref name="centre"/> of <paramref name="strip"/> should give; null when it is not clear.</summary>
    public static int? Label(DigitStrip strip, float centre) => Label(strip.Centres, strip.Digits, StripGeometry.NoDigit, centre);

    /// <summary>The label of a window centred on column <paramref name="centre"/> of a strip whose characters' centres and labels are given; <paramref name="none"/> for no character; null when it is not clear.</summary>
    internal static int? Label(ReadOnlySpan<float> centres, ReadOnlySpan<byte> labels, int none, float centre)
    {
        int nearest = -1;
        float best = float.PositiveInfinity;
        int within = 0;
        for (int i = 0; i < centres.Length; i++)
        {
            float distance = MathF.Abs(centres[i] - centre);
            if (distance <= DigitRadius) within++;
            if (distance < best) (best, nearest) = (distance, i);
        }
        if (best >= BlankRadius) return none;
        return best <= DigitRadius && within == 1 ? labels[nearest] : null;
    }
}
