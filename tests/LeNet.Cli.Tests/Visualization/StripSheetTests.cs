using LeNet.Cli.Visualization;
using LeNet.Data;
using LeNet.Strings;
using SkiaSharp;

namespace LeNet.Cli.Tests.Visualization;

/// <summary>The picture <c>lenet show</c> draws for a string reader: Figure 25, then the best path and the posteriors under the character model.</summary>
public sealed class StripSheetTests
{
    private static readonly int Positions = StripGeometry.Positions(StripGeometry.Width);

    /// <summary>A table sure of one answer per position: <paramref name="answer"/>(t) at 1, the others at 0.</summary>
    private static PositionScores Sure(Func<int, int> answer)
    {
        var probabilities = new float[Positions * StripGeometry.Answers];
        for (int t = 0; t < Positions; t++) probabilities[t * StripGeometry.Answers + answer(t)] = 1;
        return PositionScores.FromProbabilities(probabilities);
    }

    /// <summary>A reading of "27" off a blank strip: the 2 over positions 5-6, the 7 at 12, "no digit" elsewhere.</summary>
    private static StringReading Reading(int lastOfTheSeven = 12)
    {
        PositionScores scores = Sure(t => t is 5 or 6 ? 2 : t >= 12 && t <= lastOfTheSeven ? 7 : StripGeometry.NoDigit);
        return new StringReading(StringDecoder.Decode(scores), scores, new byte[StripGeometry.Height * StripGeometry.Width], null);
    }

    private static bool IsPath(SKColor p) => p.Red > 230 && p.Green is > 150 and < 200 && p.Blue < 60;

    private static bool IsSure(SKColor p) => Math.Abs(p.Red - 0x15) < 12 && Math.Abs(p.Green - 0x65) < 12 && Math.Abs(p.Blue - 0xC0) < 12;

    [Fact]
    public void The_posteriors_are_a_heat_map_with_the_best_path_drawn_across_it()
    {
        StripSheet.Reading reading = StripSheet.Reading.Of(Reading());
        Assert.Equal("27", reading.Text);
        PositionScores flat = PositionScores.FromProbabilities(Enumerable.Repeat(1f / StripGeometry.Answers, Positions * StripGeometry.Answers).ToArray());
        using SKBitmap sure = TestSupport.DecodePng(StripSheet.Render(reading, Sure(_ => 5), "title"));
        using SKBitmap unsure = TestSupport.DecodePng(StripSheet.Render(reading, flat, "title"));

        Assert.Equal((sure.Width, sure.Height), (unsure.Width, unsure.Height));
        Assert.True(sure.Width >= StripGeometry.Width * 7, "the sheet is drawn on the strip's columns, 7 pixels each");
        // Posteriors sure of answer 5 fill row 5 of the map: one cell a position, 27 x 12 pixels, less where the path crosses it.
        int cells = sure.Pixels.Count(IsSure) - unsure.Pixels.Count(IsSure);
        Assert.InRange(cells, 0.85 * Positions * 27 * 12, 1.02 * Positions * 27 * 12);
        // The path: a dot at every position and the lines between them, the same whatever the posteriors.
        int path = sure.Pixels.Count(IsPath);
        Assert.InRange(path, Positions * 30, Positions * 400);
        Assert.InRange(unsure.Pixels.Count(IsPath), 0.9 * path, 1.1 * path);
    }

    [Fact]
    public void The_path_row_marks_each_digits_run()
    {
        StripSheet.Reading reading = StripSheet.Reading.Of(Reading()), longer = StripSheet.Reading.Of(Reading(lastOfTheSeven: 13));
        PositionScores posteriors = StringDecoder.Posteriors(reading.Scores);
        static int Accent(SKBitmap picture) => picture.Pixels.Count(p => p.Red < 40 && p.Green is > 80 and < 120 && p.Blue > 170);
        using SKBitmap one = TestSupport.DecodePng(StripSheet.Render(reading, posteriors, "title"));
        using SKBitmap two = TestSupport.DecodePng(StripSheet.Render(longer, posteriors, "title"));
        // The 7's run grows by a position: its bar by one step of 28 pixels, 5 high, and one more digit in the path row.
        Assert.InRange(Accent(two) - Accent(one), 28 * 5, 28 * 5 + 400);
    }

    [Fact]
    public void Posteriors_of_another_strip_are_refused()
    {
        StripSheet.Reading reading = StripSheet.Reading.Of(Reading());
        var shorter = new PositionScores(new float[3 * StripGeometry.Answers]);
        Assert.Contains("do not fit", Assert.Throws<ArgumentException>(() => StripSheet.Render(reading, shorter, "title")).Message);
    }
}
