using LeNet.Data;
using LeNet.Pages;
using LeNet.Strings;

namespace LeNet.Runtime.Tests.Pages;

/// <summary>The box of the characters a reading of a cut read (<see cref="FieldCut.ReadBox"/>), where a page reports its field, and a line's cuts (<see cref="FieldCut.Of"/>) whatever is cut between them.</summary>
public sealed class FieldCutTests
{
    // A cut 200 x 40 (2 columns and rows of paper around the ink) whose ink box is at (300, 100) on the page.
    private const int Width = 200, Height = 40, Pad = 2;
    private static readonly PageBox CutBox = new(300, 100, Width - 2 * Pad, Height - 2 * Pad);
    private static readonly PageBox Line = new(290, 105, 150, 28);

    private static void Fill(float[] ink, int left, int top, int right, int bottom)
    {
        for (int y = top; y <= bottom; y++)
            for (int x = left; x <= right; x++) ink[y * Width + x] = 1f;
    }

    /// <summary>A reading of the cut as a picture strip column for picture column, its characters centred on <paramref name="centres"/>.</summary>
    private static GrammarReading Reading(params float[] centres)
    {
        ReadCharacter[] characters = [.. centres.Select((x, i) => new ReadCharacter(i % 10, i, i, x, 0.9f))];
        var picture = new StripPicture(new byte[StripGeometry.Height * Width], Width, 1, false, 0, 0);
        return new GrammarReading(new GrammarString(characters, [], 0.9), new PositionScores(new float[2], 2), picture.Pixels, picture);
    }

    [Fact]
    public void The_read_box_holds_the_strokes_read_and_leaves_out_print_beside_them()
    {
        PageBox? read = FiveDigitsRead(ink =>
        {
            Fill(ink, 4, 8, 7, 30);      // print before the field: a bar whose middle is 5.5
            Fill(ink, 150, 10, 160, 30); // print after it
        });

        // Columns 24 to 115 of the picture: page columns 322 to 413; the rows are the line's.
        Assert.Equal(Line with { X = CutBox.X + 24 - Pad, Width = 115 - 24 + 1 }, read);
    }

    [Fact]
    public void A_long_stroke_through_the_field_is_cut_to_the_characters_read()
    {
        // A postmark line through every digit: one stroke with them, 186 columns.
        PageBox? read = FiveDigitsRead(ink => Fill(ink, 10, 20, 195, 21));

        // From 10 columns before the first centre (20) to 10 after the last (120).
        Assert.Equal(Line with { X = CutBox.X + 20 - Pad, Width = 120 - 20 + 1 }, read);
    }

    /// <summary>
    /// The read box of a cut holding five "digits" 12 columns wide centred on 29.5, 49.5, ..., 109.5 and what
    /// <paramref name="more"/> draws, read as five characters centred on 30, 50, ..., 110.
    /// </summary>
    private static PageBox? FiveDigitsRead(Action<float[]> more)
    {
        var ink = new float[Width * Height];
        for (int d = 0; d < 5; d++)
            Fill(ink, 24 + 20 * d, 6, 35 + 20 * d, 32);
        more(ink);
        return new FieldCut(ink, Width, Height, CutBox).ReadBox(Reading(30, 50, 70, 90, 110), Line);
    }

    [Fact]
    public void Nothing_read_or_no_stroke_under_the_characters_gives_no_read_box()
    {
        var ink = new float[Width * Height];
        Fill(ink, 4, 8, 7, 30);
        var cut = new FieldCut(ink, Width, Height, CutBox);
        Assert.Null(cut.ReadBox(Reading(), Line));
        Assert.Null(cut.ReadBox(Reading(100, 120), Line));
        GrammarReading noPicture = Reading(6) with { Picture = null };
        Assert.Null(cut.ReadBox(noPicture, Line));
        Assert.NotNull(cut.ReadBox(Reading(6), Line));
    }

    [Fact]
    public void A_zip_code_is_where_its_digits_were_read_and_an_amount_is_the_detectors_line()
    {
        var read = new PageBox(320, 105, 90, 28);
        var candidate = new FieldCandidate(Line, 0.5, 0.9, 6, 30, 60, 90) { ReadBox = read };
        Assert.Equal(read, PageReader.FieldBox(PageKind.Envelope, candidate));
        Assert.Equal(Line, PageReader.FieldBox(PageKind.Cheque, candidate));
        Assert.Equal(Line, PageReader.FieldBox(PageKind.Envelope, candidate with { ReadBox = null }));
    }

    [Fact]
    public void A_line_cut_while_another_is_cut_gives_the_cuts_it_gives_alone()
    {
        // Two lines of five blobs on a 400 x 200 page, each with a stroke just past its box that widens its second cut.
        const int PageWidth = 400, PageHeight = 200;
        var levels = new float[PageWidth * PageHeight];
        void Blob(int left, int top, int right, int bottom, float level)
        {
            for (int y = top; y <= bottom; y++)
                for (int x = left; x <= right; x++) levels[y * PageWidth + x] = level;
        }
        for (int d = 0; d < 5; d++)
        {
            Blob(40 + 22 * d, 40, 52 + 22 * d, 62, 0.9f);
            Blob(180 + 24 * d, 120, 194 + 24 * d, 146, 0.6f);
        }
        Blob(148, 44, 154, 60, 0.8f);
        Blob(302, 124, 308, 144, 0.8f);
        PageInk page = PageInk.FromInk(levels, PageWidth, PageHeight);
        var first = new PageBox(38, 40, 108, 23);
        var second = new PageBox(178, 120, 118, 27);
        List<FieldCut> firstAlone = [.. FieldCut.Of(page, first)], secondAlone = [.. FieldCut.Of(page, second)];

        // The second line cut whole while the first line's cutting waits after its first cut.
        var firstInterleaved = new List<FieldCut>();
        List<FieldCut>? secondInterleaved = null;
        foreach (FieldCut cut in FieldCut.Of(page, first))
        {
            firstInterleaved.Add(cut);
            secondInterleaved ??= [.. FieldCut.Of(page, second)];
        }

        Assert.Equal(3, firstAlone.Count);
        Assert.Equal(3, secondAlone.Count);
        AssertSameCuts(firstAlone, firstInterleaved);
        AssertSameCuts(secondAlone, secondInterleaved!);
    }

    private static void AssertSameCuts(List<FieldCut> expected, List<FieldCut> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Box, actual[i].Box);
            Assert.Equal(expected[i].Ink, actual[i].Ink);
        }
    }
}
