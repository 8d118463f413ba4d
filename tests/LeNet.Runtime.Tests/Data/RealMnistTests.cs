using LeNet.Data;

namespace LeNet.Runtime.Tests.Data;

public sealed class RealMnistTests
{
    [Fact]
    public void EnsureMnist_gives_the_original_sets()
    {
        MnistSplit split = RealMnist.Load();

        Assert.Equal(60000, split.Train.Count);
        Assert.Equal(10000, split.Test.Count);
        Assert.Equal(5, split.Train.Labels[0]);
        Assert.Equal(7, split.Test.Labels[0]);
        Assert.Equal((28, 28), (split.Train.Rows, split.Train.Columns));
    }
}
