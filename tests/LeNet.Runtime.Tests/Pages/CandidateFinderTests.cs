using LeNet.Data;
using LeNet.Pages;

namespace LeNet.Runtime.Tests.Pages;

/// <summary>Candidate lines grouped from hand-made detection planes, and the page's preparation.</summary>
public sealed class CandidateFinderTests
{
    /// <summary>A plane of <paramref name="rows"/> x <paramref name="columns"/> with handwriting probability <paramref name="level"/> on the given (row, column) runs.</summary>
    private static DetectionPlane Plane(double scale, int rows, int columns, float level, params (int Row, int First, int Last)[] runs)
    {
        var probabilities = new float[LocatorAnswers.Count * rows * columns];
        Array.Fill(probabilities, 1f, 0, rows * columns); // background everywhere
        foreach ((int row, int first, int last) in runs)
            for (int c = first; c <= last; c++)
            {
                probabilities[row * columns + c] = 1 - level;
                probabilities[(LocatorAnswers.Handwriting * rows + row) * columns + c] = level;
            }
        return new DetectionPlane(scale, rows, columns, probabilities);
    }

    [Fact]
    public void Positions_a_small_gap_apart_form_one_line_and_a_wider_gap_two()
    {
        // Row 5: columns 2-6 and 9-12 (a gap of 2 positions: joined); 20-24 (a gap of 7: apart).
        DetectionPlane plane = Plane(0.5, 12, 30, 0.9f, (5, 2, 6), (5, 9, 12), (6, 3, 5), (5, 20, 24));
        IReadOnlyList<FieldCandidate> lines = CandidateFinder.OnPlane(plane, 0.5f);
        Assert.Equal(2, lines.Count);
        FieldCandidate first = lines.OrderBy(c => c.Left).First();
        Assert.Equal(StripGeometry.Centre(2), first.Left);
        Assert.Equal(StripGeometry.Centre(12), first.Right);
        Assert.Equal(5 + 4 + 3, first.Positions);
        // Page coordinates are level coordinates over the scale, the box half a line high each side of the centre row.
        Assert.Equal((StripGeometry.Centre(2) - CandidateFinder.HalfCharacter) / 0.5, first.Box.X, 6);
        Assert.Equal(2 * CandidateFinder.HalfHeight / 0.5, first.Box.Height, 6);
        // Columns 7-8 have nothing: the score is the mean over the line's columns of each column's best, to a power.
        Assert.Equal(Math.Pow(0.9 * 9 / 11, CandidateFinder.ScorePower), first.Score, 5);
    }

    [Fact]
    public void Weak_and_short_groups_are_not_candidates()
    {
        DetectionPlane plane = Plane(0.5, 12, 30, 0.4f, (5, 2, 12));
        Assert.Empty(CandidateFinder.OnPlane(plane, 0.5f));
        DetectionPlane shortRun = Plane(0.5, 12, 30, 0.9f, (5, 2, 3));
        Assert.Empty(CandidateFinder.OnPlane(shortRun, 0.5f));
    }

    [Fact]
    public void Across_levels_the_better_of_two_overlapping_lines_is_kept()
    {
        // The same line on two levels, scales 0.5 and 0.4; a third line elsewhere.
        DetectionPlane large = Plane(0.5, 20, 40, 0.95f, (10, 10, 20));
        DetectionPlane small = Plane(0.4, 16, 32, 0.7f, (8, 8, 16), (2, 20, 28));
        IReadOnlyList<FieldCandidate> kept = CandidateFinder.Find([small, large], 0.5f);
        Assert.Equal(2, kept.Count);
        Assert.Equal(0.5, kept[0].Scale);
        Assert.Equal(Math.Pow(0.95, CandidateFinder.ScorePower), kept[0].Score, 5);
        Assert.True(kept[1].Box.IoU(kept[0].Box) < CandidateFinder.OverlapIoU);
    }

    [Fact]
    public void Boxes_overlap_by_their_intersection_over_union()
    {
        var box = new PageBox(0, 0, 10, 10);
        Assert.Equal(1, box.IoU(box));
        Assert.Equal(0, box.IoU(new PageBox(10, 0, 10, 10)));
        Assert.Equal(50.0 / 150, box.IoU(new PageBox(5, 0, 10, 10)), 9);
    }

    [Fact]
    public void A_page_of_either_polarity_becomes_the_same_ink_and_a_sloping_line_is_straightened()
    {
        const int width = 400, height = 200;
        var dark = new float[width * height];
        Array.Fill(dark, 0.9f);
        // A line of ink sloping 3 degrees: rows fall by tan(3 degrees) per column.
        double slope = Math.Tan(3 * Math.PI / 180);
        for (int x = 40; x < 360; x++)
            for (int t = 0; t < 3; t++)
                dark[(int)Math.Round(100 + (x - 200) * slope + t) * width + x] = 0.1f;
        var light = dark.Select(v => 1 - v).ToArray();
        PageInk a = PageInk.Prepare(new GreyImage(width, height, dark), deskew: false);
        PageInk b = PageInk.Prepare(new GreyImage(width, height, light), deskew: false);
        Assert.Equal(a.Ink, b.Ink);
        Assert.Equal(0, a.Ink[0]);
        Assert.True(a.Ink[101 * width + 200] > 0.9f);

        PageInk straight = PageInk.Prepare(new GreyImage(width, height, dark));
        Assert.InRange(Math.Abs(straight.SkewDegrees), 2.5, 3.5);
        (double x0, double y0) = straight.ToPage(100, 50);
        (double x1, double y1) = straight.FromPage(x0, y0);
        Assert.Equal(100, x1, 6);
        Assert.Equal(50, y1, 6);
    }
}
