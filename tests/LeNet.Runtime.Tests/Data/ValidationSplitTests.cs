namespace LeNet.Data.Tests;

public sealed class ValidationSplitTests
{
    /// <summary>Images of 1x2 pixels that spell their own index, labels in uneven classes (class c holds about c + 1 shares).</summary>
    private static LabelledImages Indexed(int count, int classes = 4)
    {
        var pixels = new byte[count * 2];
        var labels = new byte[count];
        int shares = classes * (classes + 1) / 2;
        for (int i = 0; i < count; i++)
        {
            pixels[2 * i] = (byte)(i >> 8);
            pixels[2 * i + 1] = (byte)i;
            int share = i % shares, c = 0;
            while (share >= c + 1) share -= ++c;
            labels[i] = (byte)c;
        }
        return new LabelledImages("indexed", 1, 2, pixels, labels, classes);
    }

    private static int[] IndicesOf(LabelledImages set) =>
        Enumerable.Range(0, set.Count).Select(i => set.Image(i)[0] << 8 | set.Image(i)[1]).ToArray();

    private static int[] ClassCounts(LabelledImages set) =>
        Enumerable.Range(0, set.Classes).Select(c => set.Labels.Count(l => l == c)).ToArray();

    [Theory]
    [InlineData(1000, 100)]
    [InlineData(1000, 333)]
    [InlineData(997, 7)]
    public void IsDisjointCompleteAndInTheSetsOrder(int count, int held)
    {
        LabelledImages all = Indexed(count);
        (LabelledImages train, LabelledImages validation) = all.SplitValidation(held, seed: 5);

        Assert.Equal(held, validation.Count);
        Assert.Equal(count - held, train.Count);
        int[] trainIndices = IndicesOf(train), validationIndices = IndicesOf(validation);
        Assert.Empty(trainIndices.Intersect(validationIndices));
        Assert.Equal(Enumerable.Range(0, count), trainIndices.Concat(validationIndices).Order());
        Assert.Equal(trainIndices.Order(), trainIndices);
        Assert.Equal(validationIndices.Order(), validationIndices);
        foreach (int i in validationIndices) Assert.Equal(all.Labels[i], validation.Labels[Array.IndexOf(validationIndices, i)]);
    }

    [Theory]
    [InlineData(1000, 100)]
    [InlineData(1000, 333)]
    [InlineData(997, 7)]
    public void IsStratifiedByClass(int count, int held)
    {
        LabelledImages all = Indexed(count);
        int[] classSizes = ClassCounts(all);
        int[] heldPerClass = ClassCounts(all.SplitValidation(held, seed: 5).Validation);
        for (int c = 0; c < all.Classes; c++)
        {
            double share = (double)held * classSizes[c] / count;
            Assert.True(Math.Abs(heldPerClass[c] - share) < 1, $"class {c}: {heldPerClass[c]} held out, its share is {share:F2}");
        }
    }

    [Fact]
    public void DependsOnTheSeedOnly()
    {
        LabelledImages all = Indexed(1000);
        int[] first = IndicesOf(all.SplitValidation(100, seed: 5).Validation);
        Assert.Equal(first, IndicesOf(all.SplitValidation(100, seed: 5).Validation));
        Assert.Equal(first, IndicesOf(Indexed(1000).SplitValidation(100, seed: 5).Validation));
        Assert.NotEqual(first, IndicesOf(all.SplitValidation(100, seed: 6).Validation));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(50)]
    [InlineData(51)]
    public void RefusesACountThatLeavesNothingToTrainOn(int held)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Indexed(50).SplitValidation(held, seed: 1));
        Assert.Contains("indexed", error.Message);
    }

    [Fact]
    public void HoldingOutNoneKeepsEveryImage()
    {
        (LabelledImages train, LabelledImages validation) = Indexed(40).SplitValidation(0, seed: 1);
        Assert.Equal(40, train.Count);
        Assert.Equal(0, validation.Count);
    }
}
