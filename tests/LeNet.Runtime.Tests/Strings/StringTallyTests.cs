using LeNet.Strings;

namespace LeNet.Runtime.Tests.Strings;

public class StringTallyTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("12345", "12345", 0)]
    [InlineData("12345", "1245", 1)]
    [InlineData("12345", "123345", 1)]
    [InlineData("12345", "92349", 2)]
    [InlineData("", "123", 3)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string a, string b, int expected) =>
        Assert.Equal(expected, StringTally.EditDistance(a, b));

    [Fact]
    public void Tallies_strings_digits_and_the_field_by_length()
    {
        var tally = new StringTally();
        // "35" read right; "7" read as "77" with the field right at its centre.
        tally.Add([3, 5], [LeNet.Data.StripGeometry.Centre(1), LeNet.Data.StripGeometry.Centre(3)],
            Reading(StringDecoderTests.Scores("-3-5-")));
        tally.Add([7], [LeNet.Data.StripGeometry.Centre(1)], Reading(StringDecoderTests.Scores("-7-7-")));
        var lines = tally.Lines();
        Assert.Equal([1, 2, 0], lines.Select(l => l.Length));
        StringTally.Line total = tally.Total;
        Assert.Equal((2, 1, 3, 1, 3), (total.Strings, total.Right, total.Digits, total.Edits, total.FieldRight));
        Assert.Equal(0.5, total.StringAccuracy);
        Assert.Equal(2 / 3.0, total.DigitAccuracy, 9);
        Assert.Equal(1.0, total.FieldAccuracyToLength);
    }

    private static StringReading Reading(PositionScores scores) => new(StringDecoder.Decode(scores), scores, [], null);
}
