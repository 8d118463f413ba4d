using LeNet.Cli.Visualization;
using SkiaSharp;
using Xunit.Abstractions;

namespace LeNet.Cli.Tests.Visualization;

public sealed class SweepStripTests(ITestOutputHelper output)
{
    private static List<SweepFrame> ShiftFrames(int from, int to)
    {
        var (network, parameters) = TestSupport.Lenet5(seed: 3);
        var frames = new List<SweepFrame>();
        for (int shift = from; shift <= to; shift++)
        {
            ForwardPass pass = TestSupport.Run(network, parameters, TestSupport.SyntheticDigit(3, shiftX: shift));
            frames.Add(new SweepFrame($"shift {shift:+0;-0;0} px", pass.Input, pass.Activations, pass.Probabilities, pass.Predicted, Expected: 3));
        }
        return frames;
    }

    [Fact]
    public void Strip_has_one_column_per_frame_and_wraps_into_bands()
    {
        List<SweepFrame> frames = ShiftFrames(-4, 4);
        var description = TestSupport.Lenet5().Network.Description;

        byte[] oneBand = SweepStrip.Render(description, frames, "Horizontal shift of a 3", framesPerRow: 9);
        byte[] twoBands = SweepStrip.Render(description, frames, "Horizontal shift of a 3", framesPerRow: 5);

        string path = Path.Combine(TestSupport.OutputFolder, "sweep-strip.png");
        File.WriteAllBytes(path, twoBands);
        output.WriteLine($"strip: {path}");
        using SKBitmap wide = TestSupport.DecodePng(oneBand), wrapped = TestSupport.DecodePng(twoBands);
        Assert.True(wide.Width > wrapped.Width, "nine frames on one band must be wider than five");
        Assert.True(wrapped.Height > wide.Height * 1.6, "two bands must be about twice as tall as one");
        Assert.True(TestSupport.DistinctColours(wrapped) > 200, "the strip looks blank");
    }

    [Fact]
    public void Right_answers_are_green_and_wrong_ones_red()
    {
        var description = TestSupport.Lenet5().Network.Description;
        SweepFrame frame = ShiftFrames(0, 0)[0];
        SweepFrame right = frame with { Expected = frame.Predicted }, wrong = frame with { Expected = (frame.Predicted + 1) % 10 };

        using SKBitmap rightPicture = TestSupport.DecodePng(SweepStrip.Render(description, [right], "right"));
        using SKBitmap wrongPicture = TestSupport.DecodePng(SweepStrip.Render(description, [wrong], "wrong"));

        Assert.Contains(Palette.Correct, rightPicture.Pixels);
        Assert.DoesNotContain(Palette.Wrong, rightPicture.Pixels);
        Assert.Contains(Palette.Wrong, wrongPicture.Pixels);
    }

    [Fact]
    public void Unknown_layer_labels_are_named_in_the_error()
    {
        var description = TestSupport.Lenet5().Network.Description;
        var error = Assert.Throws<ArgumentException>(() => SweepStrip.Render(description, ShiftFrames(0, 0), "x", ["C1", "C9"]));
        Assert.Contains("'C9'", error.Message);
        Assert.Throws<ArgumentException>(() => SweepStrip.Render(description, [], "x"));
    }
}
