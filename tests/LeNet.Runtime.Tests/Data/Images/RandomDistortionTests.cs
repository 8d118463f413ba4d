using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class RandomDistortionTests
{
    private const int Side = 28;

    [Fact]
    public void Same_seed_gives_the_same_distortions()
    {
        byte[] image = SyntheticDigits.Image(0);
        var first = new RandomDistortion(Side, Side, seed: 42);
        var second = new RandomDistortion(Side, Side, seed: 42);
        var a = new byte[Side * Side];
        var b = new byte[Side * Side];

        for (int i = 0; i < 5; i++)
        {
            first.Apply(image, a);
            second.Apply(image, b);
            Assert.Equal(a, b);
        }
        Assert.NotEqual(image, a);
        Assert.NotEqual(new RandomDistortion(Side, Side, seed: 43).Next(), new RandomDistortion(Side, Side, seed: 42).Next());
    }

    [Fact]
    public void Distortions_stay_within_the_documented_ranges()
    {
        var distortion = new RandomDistortion(Side, Side, seed: 3);
        const double centre = (Side - 1) / 2.0;
        for (int i = 0; i < 1000; i++)
        {
            AffineTransform t = distortion.Next();
            (double x, double y) = t.Map(centre, centre);
            Assert.InRange(x - centre, -2.0, 2.0);
            Assert.InRange(y - centre, -2.0, 2.0);
            // Area changes only through scaling: the determinant is scale squared.
            double determinant = t.M11 * t.M22 - t.M12 * t.M21;
            Assert.InRange(determinant, 0.85 * 0.85 - 1e-9, 1.15 * 1.15 + 1e-9);
        }
    }

    [Fact]
    public void Ink_mass_is_roughly_kept()
    {
        byte[] image = SyntheticDigits.Image(1);
        var distortion = new RandomDistortion(Side, Side, seed: 5);
        var output = new byte[Side * Side];
        double original = image.Sum(p => (double)p);

        for (int i = 0; i < 20; i++)
        {
            distortion.Apply(image, output);
            Assert.InRange(output.Sum(p => (double)p) / original, 0.6, 1.5);
        }
    }
}
