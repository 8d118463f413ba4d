using LeNet.Data;
using LeNet.Runtime.Tests.Data;

namespace LeNet.Runtime.Tests.Strings;

public class StripSynthesisTests
{
    /// <summary>
    /// A stand-in digit set: image i shows digit i % 10 as a bar 4 + digit pixels wide and 16 high at
    /// ink level <paramref name="ink"/>, so a strip's columns tell which images it was made of.
    /// </summary>
    internal static LabelledImages Bars(int count, byte ink, string name = "bars")
    {
        const int side = 28;
        var pixels = new byte[count * side * side];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int digit = i % 10, width = 4 + digit;
            labels[i] = (byte)digit;
            for (int y = 6; y < 22; y++)
                for (int x = 14 - width / 2; x < 14 - width / 2 + width; x++)
                    pixels[i * side * side + y * side + x] = ink;
        }
        return new LabelledImages(name, side, side, pixels, labels);
    }

    [Fact]
    public void The_same_seed_and_index_give_the_same_strip()
    {
        LabelledImages digits = SyntheticDigits.Set(100);
        var synthesizer = new StripSynthesizer(digits);
        var recipe = new StripRecipe(1, 8, StripSpacing.Mixed);
        DigitStrip a = synthesizer.Compose(recipe, 7, 3), b = new StripSynthesizer(digits).Compose(recipe, 7, 3);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Text, b.Text);
        Assert.Equal(a.Centres, b.Centres);
        Assert.NotEqual(a.Pixels, synthesizer.Compose(recipe, 8, 3).Pixels);
        Assert.NotEqual(a.Pixels, synthesizer.Compose(recipe, 7, 4).Pixels);
    }

    [Theory]
    [InlineData(5, 5, StripSpacing.Apart)]
    [InlineData(5, 5, StripSpacing.Touching)]
    [InlineData(1, 8, StripSpacing.Mixed)]
    [InlineData(8, 8, StripSpacing.Apart)]
    public void Labels_match_the_digits_drawn_and_every_centre_has_a_position(int min, int max, StripSpacing spacing)
    {
        LabelledImages test = SyntheticDigits.Set(200);
        var synthesizer = new StripSynthesizer(test);
        for (int i = 0; i < 50; i++)
        {
            DigitStrip strip = synthesizer.Compose(new StripRecipe(min, max, spacing), 1, i);
            Assert.InRange(strip.Digits.Length, min, max);
            Assert.Equal(strip.Digits.Length, strip.Centres.Length);
            Assert.Equal(StripGeometry.Height * StripGeometry.Width, strip.Pixels.Length);
            for (int d = 0; d < strip.Digits.Length; d++)
            {
                Assert.Equal(test.Labels[strip.Sources[d]], strip.Digits[d]);
                Assert.InRange(strip.Centres[d], StripGeometry.FirstCentre, StripGeometry.LastCentre(strip.Width));
                if (d > 0) Assert.True(strip.Centres[d] > strip.Centres[d - 1], $"strip {i}: centres out of order");
                int column = (int)strip.Centres[d];
                Assert.True(Enumerable.Range(0, StripGeometry.Height).Any(y => strip.Pixels[y * strip.Width + column] > 0)
                    || Enumerable.Range(0, StripGeometry.Height).Any(y => strip.Pixels[y * strip.Width + column - 1] > 0), $"strip {i}: no ink at digit {d}'s centre");
            }
        }
    }

    [Fact]
    public void Spacing_sets_the_gaps_between_ink_boxes()
    {
        var synthesizer = new StripSynthesizer(Bars(100, 255));
        for (int i = 0; i < 20; i++)
        {
            DigitStrip apart = synthesizer.Compose(new StripRecipe(3, 3, StripSpacing.Apart), 1, i);
            DigitStrip touching = synthesizer.Compose(new StripRecipe(3, 3, StripSpacing.Touching), 1, i);
            Assert.True(InkRuns(apart) == 3, $"strip {i}: apart digits should leave gaps");
            Assert.True(InkRuns(touching) == 1, $"strip {i}: touching digits should leave no gap");
        }
    }

    [Fact]
    public void Training_windows_come_from_training_digits_and_test_windows_from_test_digits()
    {
        // Training bars have ink 100, test bars 250 (scaling interpolates, never brightens).
        var digits = new MnistSplit(Bars(200, 100, "train"), Bars(200, 250, "test"));
        MnistSplit windows = StripWindows.Split(digits, 500, 200, seed: 3);
        Assert.Equal(StripGeometry.Answers, windows.Train.Classes);
        Assert.Equal((500, 200), (windows.Train.Count, windows.Test.Count));
        Assert.True(windows.Train.Pixels.Max() <= 100);
        Assert.True(windows.Test.Pixels.Max() > 100);
        Assert.Contains(windows.Train.Labels, l => l == StripGeometry.NoDigit);
        Assert.Equal(10, windows.Train.Labels.Where(l => l < 10).Distinct().Count());
    }

    [Fact]
    public void Windows_are_cut_strip_by_strip_in_order_however_the_work_is_shared()
    {
        // Enough windows for several parallel rounds on a small machine, against the plain one-strip-at-a-time loop.
        var synthesizer = new StripSynthesizer(Bars(200, 180));
        const int count = 8_000, seed = 5;
        var reported = new List<long>();
        LabelledImages cut = StripWindows.Cut(synthesizer, count, seed, "windows", new RecordingProgress(reported));
        (byte[] pixels, byte[] labels) = OneStripAtATime(synthesizer, count, seed);
        Assert.Equal(labels, cut.Labels);
        Assert.True(pixels.AsSpan().SequenceEqual(cut.Pixels));
        Assert.Equal(count, reported[^1]);
        Assert.True(reported.Zip(reported.Skip(1)).All(p => p.First < p.Second), "progress is reported as the rounds end, rising");
    }

    /// <summary>The definition of <see cref="StripWindows.Cut"/>: strip 0's windows, then strip 1's, until there are enough.</summary>
    private static (byte[] Pixels, byte[] Labels) OneStripAtATime(StripSynthesizer synthesizer, int count, int seed)
    {
        const int field = StripGeometry.Field;
        var pixels = new List<byte>();
        var labels = new List<byte>();
        for (int index = 0; labels.Count < count; index++)
        {
            DigitStrip strip = synthesizer.Compose(StripWindows.Recipe, seed, index);
            var random = new Random(LeNet.Training.SampleSeeds.ForStream(seed, ~index));
            var offsets = strip.Centres.Select(c => c + (float)(random.NextDouble() * 2 - 1) * StripWindows.DigitRadius).ToList();
            for (int k = 0; k < StripWindows.RandomWindowsPerStrip; k++)
                offsets.Add(StripGeometry.FirstCentre + random.Next(strip.Width - field + 1));
            foreach (float offset in offsets.Where(_ => labels.Count < count))
            {
                int left = Math.Clamp((int)MathF.Round(offset - field / 2f), 0, strip.Width - field);
                if (StripWindows.Label(strip, left + field / 2f) is not int label) continue;
                labels.Add((byte)label);
                for (int y = 0; y < field; y++) pixels.AddRange(strip.Pixels.AsSpan(y * strip.Width + left, field).ToArray());
            }
        }
        return (pixels.ToArray(), labels.ToArray());
    }

    private sealed class RecordingProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }

    [Fact]
    public void A_window_is_labelled_by_the_digit_centred_in_it()
    {
        var strip = new DigitStrip(new byte[StripGeometry.Height * StripGeometry.Width], StripGeometry.Width, [4, 7], [30f, 41f], [0, 1]);
        Assert.Equal(4, StripWindows.Label(strip, 31f));
        Assert.Equal(7, StripWindows.Label(strip, 39f));
        Assert.Null(StripWindows.Label(strip, 33f));          // 3 px from the 4: neither clearly a digit nor clearly none
        Assert.Equal(StripGeometry.NoDigit, StripWindows.Label(strip, 60f));
        Assert.Equal(StripGeometry.NoDigit, StripWindows.Label(strip, 20f));
    }

    [Fact]
    public void A_set_without_every_digit_is_refused()
    {
        LabelledImages bars = Bars(10, 255);
        var nines = new LabelledImages("nines", 28, 28, bars.Pixels, [.. bars.Labels.Select(_ => (byte)9)]);
        var error = Assert.Throws<ArgumentException>(() => new StripSynthesizer(nines));
        Assert.Contains("there is no 0", error.Message);
        Assert.Throws<ArgumentException>(() => new StripRecipe(0, 3, StripSpacing.Apart).Validate());
        Assert.Throws<ArgumentException>(() => new StripRecipe(1, 9, StripSpacing.Apart).Validate());
    }

    /// <summary>Runs of columns holding ink.</summary>
    private static int InkRuns(DigitStrip strip)
    {
        int runs = 0;
        bool inRun = false;
        for (int x = 0; x < strip.Width; x++)
        {
            bool ink = Enumerable.Range(0, StripGeometry.Height).Any(y => strip.Pixels[y * strip.Width + x] > StripSynthesizer.InkLevel);
            if (ink && !inRun) runs++;
            inRun = ink;
        }
        return runs;
    }
}
