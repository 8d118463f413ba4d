using LeNet.Data;
using LeNet.Runtime.Tests.Data;
using LeNet.Runtime.Tests.Strings;

namespace LeNet.Runtime.Tests.Handwriting;

public class HandwritingComposerTests
{
    [Fact]
    public void The_same_text_seed_and_index_give_the_same_strip()
    {
        LabelledImages digits = SyntheticDigits.Set(100);
        HandwrittenText a = new HandwritingComposer(digits).Compose("1,234.56", 7, 3), b = new HandwritingComposer(digits).Compose("1,234.56", 7, 3);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Boxes, b.Boxes);
        var composer = new HandwritingComposer(digits);
        Assert.NotEqual(a.Pixels, composer.Compose("1,234.56", 8, 3).Pixels);
        Assert.NotEqual(a.Pixels, composer.Compose("1,234.56", 7, 4).Pixels);
    }

    [Theory]
    [InlineData(StripSpacing.Apart, null)]
    [InlineData(StripSpacing.Touching, null)]
    [InlineData(StripSpacing.Mixed, 160)]
    public void Every_box_holds_its_characters_ink_and_a_position_reads_its_centre(StripSpacing spacing, int? width)
    {
        var composer = new HandwritingComposer(RealMnist.Load().Test);
        var random = new Random(5);
        for (int i = 0; i < 60; i++)
        {
            string text = i % 10 == 9 ? "**" + AmountText.Random(random) + "-" : AmountText.Random(random);
            HandwrittenText written = composer.Compose(text, 1, i, spacing, width);
            Assert.Equal(text, written.Text);
            Assert.Equal(text.Length, written.Boxes.Count);
            Assert.Equal(written.Height * written.Width, written.Pixels.Length);
            if (width is int w) Assert.Equal(w, written.Width);
            else Assert.Equal(0, StripGeometry.Positions(written.Width) * 0);
            foreach (CharacterBox box in written.Boxes)
            {
                Assert.True(box.Left < box.Right && box.Top < box.Bottom, $"'{text}': the box of '{box.Character}' is empty");
                Assert.InRange(box.Centre, StripGeometry.FirstCentre, StripGeometry.LastCentre(written.Width));
                Assert.InRange(box.Centre, box.Left, box.Right);
                Assert.True(Ink(written, box) > 0, $"'{text}': no ink in the box of '{box.Character}'");
            }
            // Nothing is drawn outside the boxes.
            long inside = 0, all = written.Pixels.Count(p => p > StripSynthesizer.InkLevel);
            for (int y = 0; y < written.Height; y++)
                for (int x = 0; x < written.Width; x++)
                    if (written.Pixels[y * written.Width + x] > StripSynthesizer.InkLevel && written.Boxes.Any(b => x >= b.Left && x < b.Right && y >= b.Top && y < b.Bottom)) inside++;
            Assert.Equal(all, inside);
        }
    }

    [Fact]
    public void A_point_sits_on_the_line_of_the_digits_and_a_comma_descends_below_it()
    {
        var composer = new HandwritingComposer(RealMnist.Load().Test);
        int descending = 0;
        for (int i = 0; i < 100; i++)
        {
            HandwrittenText written = composer.Compose("12,345.67", 3, i);
            CharacterBox comma = written.Boxes[2], point = written.Boxes[6];
            float baseline = written.Boxes.Where(b => char.IsAsciiDigit(b.Character)).Select(b => (float)b.Bottom).Order().ElementAt(3);
            float top = written.Boxes.Where(b => char.IsAsciiDigit(b.Character)).Select(b => (float)b.Top).Order().ElementAt(3);
            Assert.InRange(point.Bottom, baseline - 3, baseline + 2);
            Assert.True(point.Bottom - point.Top <= 6, $"a point {point.Bottom - point.Top} rows high");
            Assert.True(point.Top > (top + baseline) / 2, "the point is in the lower half of the line");
            Assert.True(comma.Top > (top + baseline) / 2, "the comma is in the lower half of the line");
            if (comma.Bottom > baseline + 1) descending++;
        }
        Assert.True(descending >= 90, $"{descending} commas of 100 descend below the baseline");
    }

    [Fact]
    public void Digits_come_only_from_the_given_set_and_show_their_digit()
    {
        // Image i of the bar set is a bar 4 + (i % 10) wide at ink level 100 + i: the strip's ink levels tell which images were drawn.
        LabelledImages bars = StripSynthesisTests.Bars(40, 180, "bars");
        var composer = new HandwritingComposer(bars);
        for (int i = 0; i < 20; i++)
        {
            HandwrittenText written = composer.Compose("90,817.26", 2, i);
            foreach (CharacterBox box in written.Boxes)
            {
                if (!char.IsAsciiDigit(box.Character))
                {
                    Assert.Equal(-1, box.Source);
                    continue;
                }
                Assert.InRange(box.Source, 0, bars.Count - 1);
                Assert.Equal(box.Character - '0', bars.Labels[box.Source]);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("12$34")]
    [InlineData("1 2")]
    public void Text_it_cannot_write_is_refused(string text)
    {
        var composer = new HandwritingComposer(SyntheticDigits.Set(100));
        Assert.Throws<ArgumentException>(() => composer.Compose(text, 1, 0));
    }

    [Fact]
    public void A_width_that_is_not_a_strip_width_is_refused_and_a_text_too_long_for_it_fails()
    {
        var composer = new HandwritingComposer(SyntheticDigits.Set(100));
        Assert.Throws<ArgumentException>(() => composer.Compose("1.00", 1, 0, width: 130));
        Assert.Throws<InvalidOperationException>(() => composer.Compose("12,345,678,901.23", 1, 0, width: 64));
    }

    [Fact]
    public void Random_amounts_are_amounts()
    {
        var random = new Random(1);
        var pattern = new System.Text.RegularExpressions.Regex(@"^(0|[1-9][0-9]{0,6}|[1-9][0-9]{0,2}(,[0-9]{3}){1,2})\.[0-9]{2}$");
        var lengths = new HashSet<int>();
        for (int i = 0; i < 2000; i++)
        {
            string amount = AmountText.Random(random, AmountText.MaxWholeDigits);
            Assert.Matches(pattern, amount);
            lengths.Add(amount.Count(char.IsAsciiDigit) - 2);
            Assert.Equal(amount, AmountText.Text(amount.Select(c => AmountText.Character(c)!.Value)));
        }
        Assert.Equal(Enumerable.Range(1, AmountText.MaxWholeDigits), lengths.Order());
        Assert.Null(AmountText.Character('*'));
    }

    private static int Ink(HandwrittenText written, CharacterBox box)
    {
        int ink = 0;
        for (int y = box.Top; y < box.Bottom; y++)
            for (int x = box.Left; x < box.Right; x++)
                if (written.Pixels[y * written.Width + x] > StripSynthesizer.InkLevel) ink++;
        return ink;
    }

    [Fact]
    public void An_amount_strips_label_is_its_amount_without_the_asterisks_before_it()
    {
        var composer = new HandwritingComposer(SyntheticDigits.Set(100));
        int starred = Enumerable.Range(0, 200).First(i => AmountStrips.Text(2, i).StartsWith('*'));
        HandwrittenText text = AmountStrips.Compose(composer, 2, starred);
        Assert.StartsWith("*", text.Text);
        Assert.Equal(text.Text.TrimStart('*'), AmountStrips.Label(text));
        int plain = Enumerable.Range(0, 200).First(i => !AmountStrips.Text(2, i).StartsWith('*'));
        HandwrittenText amount = AmountStrips.Compose(composer, 2, plain);
        Assert.Equal(amount.Text, AmountStrips.Label(amount));
    }
}
