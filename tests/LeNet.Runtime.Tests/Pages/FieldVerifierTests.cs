using LeNet.Data;
using LeNet.Engine;
using LeNet.Models;
using LeNet.Pages;
using LeNet.Strings;
using LeNet.Training;

namespace LeNet.Runtime.Tests.Pages;

/// <summary>
/// <see cref="FieldVerifier"/>: a line's verification is the geometric mean of the field network's own answers on the
/// windows with ink at their centre; what it refuses; and the windows it is trained on (<see cref="VerifierWindows"/>).
/// </summary>
public sealed class FieldVerifierTests
{
    private static float[] RandomParameters(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, LeNet5Verifier.Description.ParameterCount).Select(_ => (float)(random.NextDouble() - 0.5) * 0.4f)];
    }

    /// <summary>A strip with ink in columns [from, to) of rows 8 to 23.</summary>
    private static byte[] Strip(int from, int to, int seed)
    {
        var random = new Random(seed);
        var strip = new byte[StripGeometry.Height * FieldVerifier.Width];
        for (int row = 8; row < 24; row++)
            for (int column = from; column < to; column++)
                strip[row * FieldVerifier.Width + column] = (byte)random.Next(100, 256);
        return strip;
    }

    [Fact]
    public void A_verification_is_the_geometric_mean_of_the_field_probability_over_the_windows_with_ink_at_their_centre()
    {
        float[] parameters = RandomParameters(3);
        var verifier = PageReaders.Verifier(new LeNet5Verifier(), parameters);
        Assert.IsType<StripScorer>(verifier.Scorer);
        byte[] strip = Strip(40, 100, 4);

        var network = new GenericNetwork(LeNet5Verifier.Description);
        var encoder = new InputEncoder(LeNet5Verifier.Description.Input, StripGeometry.Field, StripGeometry.Field);
        var window = new byte[StripGeometry.Field * StripGeometry.Field];
        var input = new float[encoder.InputSize];
        var activations = new float[LeNet5Verifier.Description.ActivationCount];
        var probabilities = new float[VerifierAnswers.Count];
        double sum = 0;
        int counted = 0;
        for (int p = 0; p < StripGeometry.Positions(FieldVerifier.Width); p++)
        {
            int centre = (int)StripGeometry.Centre(p);
            if (!FieldVerifier.HasInkAt(strip, FieldVerifier.Width, centre)) continue;
            for (int y = 0; y < StripGeometry.Field; y++)
                strip.AsSpan(y * FieldVerifier.Width + centre - StripGeometry.Field / 2, StripGeometry.Field).CopyTo(window.AsSpan(y * StripGeometry.Field));
            encoder.Encode(window, input);
            network.Forward(parameters, input, activations);
            Losses.ForOutput(LeNet5Verifier.Description).Probabilities(
                activations.AsSpan(LeNet5Verifier.Description.OutputOffset, VerifierAnswers.Count), probabilities);
            sum += Math.Log(Math.Max(probabilities[VerifierAnswers.Field], FieldVerifier.MinimumProbability));
            counted++;
        }
        // The windows centred on columns 36, 40, ..., 104 have ink within 6 columns of their centre: 18 of them.
        Assert.Equal(18, counted);
        Assert.Equal(Math.Exp(sum / counted), verifier.Verify(strip)!.Value, 5);
        // The generic engine window by window gives the same.
        Assert.Equal(verifier.Verify(strip)!.Value, FieldVerifier.ForField(new LeNet5Verifier(), parameters).Verify(strip)!.Value, 5);
    }

    [Fact]
    public void A_blank_picture_has_no_verification_and_a_picture_of_ink_has_one()
    {
        var verifier = PageReaders.Verifier(new LeNet5Verifier(), RandomParameters(5));
        Assert.Null(verifier.Verify(new byte[StripGeometry.Height * FieldVerifier.Width]));
        Assert.Null(verifier.Verify(Enumerable.Repeat(1f, 60 * 20).ToArray(), 60, 20));
        var picture = new float[90 * 30];
        for (int y = 5; y < 25; y++)
            for (int x = 10; x < 80; x++)
                picture[y * 90 + x] = 1;
        Assert.InRange(verifier.Verify(picture, 90, 30)!.Value, FieldVerifier.MinimumProbability, 1);
        Assert.Throws<ArgumentException>(() => verifier.Verify(new byte[10]));
        Assert.Throws<ArgumentException>(() => verifier.Verify(new float[10], 4, 4));
    }

    [Fact]
    public void A_verifier_needs_a_field_of_two_answers_over_its_strip()
    {
        var digits = LeNet5Strings.Description;
        float[] parameters = new float[digits.ParameterCount];
        Assert.Contains("not 11", Assert.Throws<ArgumentException>(() => new FieldVerifier(new WindowedScorer(new LeNet5Strings(), parameters, FieldVerifier.Width))).Message);
        Assert.Contains("160 columns wide, not 128", Assert.Throws<ArgumentException>(() => new FieldVerifier(new WindowedScorer(new LeNet5Strings(), parameters))).Message);
        Assert.Throws<ArgumentException>(() => PageReaders.Verifier(new LeNet5Verifier(), new float[3]));
    }

    [Fact]
    public void Training_windows_are_centred_on_ink_and_labelled_by_their_line()
    {
        byte[] field = Strip(50, 60, 1), other = Strip(100, 130, 2), blank = new byte[field.Length];
        (byte[] pixels, byte[] labels) = VerifierWindows.Windows([(field, true), (blank, false), (other, false)], new Random(3));
        Assert.Equal(2 * VerifierWindows.PerStrip, labels.Length);
        Assert.Equal(labels.Length * StripGeometry.Field * StripGeometry.Field, pixels.Length);
        Assert.All(labels.Take(VerifierWindows.PerStrip), label => Assert.Equal(VerifierAnswers.Field, label));
        Assert.All(labels.Skip(VerifierWindows.PerStrip), label => Assert.Equal(VerifierAnswers.Other, label));
        for (int w = 0; w < labels.Length; w++)
        {
            ReadOnlySpan<byte> window = pixels.AsSpan(w * StripGeometry.Field * StripGeometry.Field, StripGeometry.Field * StripGeometry.Field);
            Assert.True(FieldVerifier.HasInkAt(window, StripGeometry.Field, StripGeometry.Field / 2), $"window {w} has no ink at its centre");
        }
        Assert.Throws<ArgumentException>(() => VerifierWindows.Windows([(new byte[5], true)], new Random(1)));
    }
}

/// <summary><see cref="PageWindowSet"/>: the windows of every page in page order, however many a page gives, up to the count.</summary>
public sealed class PageWindowSetTests
{
    [Fact]
    public void Windows_are_collected_in_page_order_up_to_the_count()
    {
        const int size = StripGeometry.Field * StripGeometry.Field;
        // Page i gives i mod 3 windows, each filled with i and labelled i mod 2.
        (byte[], byte[]) Page(int i) => (Enumerable.Repeat((byte)i, (i % 3) * size).ToArray(), Enumerable.Repeat((byte)(i % 2), i % 3).ToArray());
        var reported = new List<long>();
        var progress = new SynchronousProgress(reported);
        LabelledImages set = PageWindowSet.Collect(() => 0, (_, i) => Page(i), 700, "test", 2, progress);
        Assert.Equal(700, set.Count);
        int[] expected = [.. Enumerable.Range(0, 1000).SelectMany(i => Enumerable.Repeat(i, i % 3)).Take(700)];
        for (int w = 0; w < set.Count; w++)
        {
            Assert.Equal((byte)expected[w], set.Pixels[w * size]);
            Assert.Equal((byte)expected[w], set.Pixels[w * size + size - 1]);
            Assert.Equal(expected[w] % 2, set.Labels[w]);
        }
        Assert.Equal(700, reported[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => PageWindowSet.Collect(() => 0, (_, i) => Page(i), 0, "test", 2, null));
    }

    private sealed class SynchronousProgress(List<long> reported) : IProgress<long>
    {
        public void Report(long value) => reported.Add(value);
    }
}
