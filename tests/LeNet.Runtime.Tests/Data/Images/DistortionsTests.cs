using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class DistortionsTests
{
    private const int Rows = 28, Columns = 28;

    /// <summary>A blob of ink off-centre, with graded edges, so shifts and turns are visible.</summary>
    private static byte[] Blob()
    {
        var image = new byte[Rows * Columns];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                double distance = Math.Sqrt((r - 10) * (r - 10) + (c - 16) * (c - 16) / 2.0);
                image[r * Columns + c] = (byte)Math.Clamp(255 - 40 * distance, 0, 255);
            }
        return image;
    }

    [Fact]
    public void Identity_leaves_the_image_unchanged()
    {
        byte[] image = Blob();

        Assert.Equal(image, Distortions.Apply(image, Rows, Columns, AffineTransform.Identity));
    }

    [Fact]
    public void Whole_pixel_translation_shifts_exactly()
    {
        byte[] image = Blob();

        byte[] moved = Distortions.Translate(image, Rows, Columns, 3, -2);

        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                int fromRow = r + 2, fromColumn = c - 3;
                byte expected = fromRow < Rows && fromColumn >= 0 ? image[fromRow * Columns + fromColumn] : (byte)0;
                Assert.Equal(expected, moved[r * Columns + c]);
            }
    }

    [Fact]
    public void Half_pixel_translation_averages_neighbours()
    {
        var image = new byte[Rows * Columns];
        image[5 * Columns + 5] = 200;

        byte[] moved = Distortions.Translate(image, Rows, Columns, 0.5, 0);

        Assert.Equal(100, moved[5 * Columns + 5]);
        Assert.Equal(100, moved[5 * Columns + 6]);
        Assert.Equal(200, moved.Sum(p => p));
    }

    [Fact]
    public void Full_turn_is_the_identity()
    {
        byte[] image = Blob();

        Assert.Equal(image, Distortions.Rotate(image, Rows, Columns, 360));
    }

    [Fact]
    public void Quarter_turn_moves_a_pixel_clockwise_about_the_centre()
    {
        var image = new byte[Rows * Columns];
        image[3 * Columns + 13] = 255; // above the centre (13.5, 13.5)

        byte[] turned = Distortions.Rotate(Distortions.Translate(image, Rows, Columns, 0.5, 0), Rows, Columns, 90);

        // (13.5, 3) goes to (24, 13.5): right of the centre, split over rows 13 and 14.
        Assert.Equal(128, turned[13 * Columns + 24]);
        Assert.Equal(128, turned[14 * Columns + 24]);
    }

    [Fact]
    public void Scale_squeeze_and_shear_keep_the_centre_and_change_the_extent()
    {
        var image = new byte[Rows * Columns];
        // A horizontal bar, rows 13 and 14, columns 9..18: centred on the image's centre (13.5, 13.5).
        for (int c = 9; c <= 18; c++) image[13 * Columns + c] = image[14 * Columns + c] = 255;

        Assert.Equal(255, Distortions.Scale(image, Rows, Columns, 2)[13 * Columns + 5]);
        Assert.Equal(0, Distortions.Scale(image, Rows, Columns, 2)[13 * Columns + 2]);
        Assert.Equal(0, Distortions.Scale(image, Rows, Columns, 0.5)[13 * Columns + 9]);
        Assert.Equal(0, Distortions.Squeeze(image, Rows, Columns, 0.5)[13 * Columns + 9]);
        Assert.Equal(255, Distortions.Squeeze(image, Rows, Columns, 0.5)[13 * Columns + 12]);
        // Row 13 sits 0.5 above the centre row 13.5: a shear of 2 moves it 1 pixel left.
        Assert.Equal(255, Distortions.Shear(image, Rows, Columns, 2)[13 * Columns + 8]);
        Assert.Equal(0, Distortions.Shear(image, Rows, Columns, 2)[13 * Columns + 18]);
        Assert.Equal(255, Distortions.Shear(image, Rows, Columns, 2)[14 * Columns + 19]);
    }

    [Fact]
    public void Composition_then_inverse_is_identity()
    {
        AffineTransform t = AffineTransform.Rotation(30, 13.5, 13.5)
            .Then(AffineTransform.ShearX(0.2, 13.5))
            .Then(AffineTransform.Scaling(1.1, 0.9, 13.5, 13.5))
            .Then(AffineTransform.Translation(2, -1));

        (double x, double y) = t.Then(t.Inverse()).Map(7, 19);

        Assert.Equal(7, x, 1e-9);
        Assert.Equal(19, y, 1e-9);
        Assert.Equal((3.0, 4.0), AffineTransform.Translation(1, 1).Then(AffineTransform.Scaling(2, 0, 0)).Map(0.5, 1));
    }

    [Fact]
    public void Thickening_and_thinning_by_one_pixel()
    {
        var image = new byte[Rows * Columns];
        for (int r = 10; r < 15; r++)
            for (int c = 10; c < 15; c++) image[r * Columns + c] = 255;

        byte[] thick = Distortions.ChangeThickness(image, Rows, Columns, 1);
        byte[] thin = Distortions.ChangeThickness(image, Rows, Columns, -1);

        Assert.Equal(25 + 4 * 5, thick.Count(p => p == 255)); // grown by one pixel on each side, corners of a disc excluded
        Assert.Equal(9, thin.Count(p => p == 255));
        Assert.Equal(image, Distortions.ChangeThickness(image, Rows, Columns, 0));
    }

    [Fact]
    public void Noise_with_probability_zero_changes_nothing_and_one_inverts_all()
    {
        byte[] image = Blob();

        Assert.Equal(image, Distortions.SaltAndPepper(image, 0, new Random(1)));
        Assert.Equal(image.Select(p => (byte)(255 - p)), Distortions.SaltAndPepper(image, 1, new Random(1)));
    }

    [Fact]
    public void Noise_flips_about_the_given_share_of_pixels()
    {
        var image = new byte[100 * 100];

        int flipped = Distortions.SaltAndPepper(image, 0.1, new Random(7)).Count(p => p == 255);

        Assert.InRange(flipped, 850, 1150);
    }
}
