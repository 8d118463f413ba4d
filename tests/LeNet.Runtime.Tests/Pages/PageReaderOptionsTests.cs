using LeNet.Pages;

namespace LeNet.Runtime.Tests.Pages;

/// <summary><see cref="PageReaderOptions"/>: the defaults pass, and every option out of range is refused by name.</summary>
public sealed class PageReaderOptionsTests
{
    [Fact]
    public void Options_out_of_range_are_refused_naming_the_option()
    {
        PageReaderOptions.Default.Validate();
        Assert.Equal(0.2, PageReaderOptions.Default.ReadingWeight);
        new PageReaderOptions { ReadingWeight = 0 }.Validate();
        new PageReaderOptions { ReadingWeight = 1 }.Validate();
        Assert.Contains("reading's weight", Assert.Throws<ArgumentException>(() => new PageReaderOptions { ReadingWeight = 1.5 }.Validate()).Message);
        Assert.Contains("reading's weight", Assert.Throws<ArgumentException>(() => new PageReaderOptions { ReadingWeight = double.NaN }.Validate()).Message);
        Assert.Equal(0.5, PageReaderOptions.Default.VerifierWeight);
        new PageReaderOptions { VerifierWeight = 0 }.Validate();
        new PageReaderOptions { VerifierWeight = PageReaderOptions.MaxVerifierWeight }.Validate();
        Assert.Contains("verifier's weight", Assert.Throws<ArgumentException>(() => new PageReaderOptions { VerifierWeight = -0.1 }.Validate()).Message);
        Assert.Contains("verifier's weight", Assert.Throws<ArgumentException>(() => new PageReaderOptions { VerifierWeight = double.PositiveInfinity }.Validate()).Message);
        Assert.Equal(0.02, PageReaderOptions.Default.MinVerification);
        new PageReaderOptions { MinVerification = 0 }.Validate();
        Assert.Contains("not read", Assert.Throws<ArgumentException>(() => new PageReaderOptions { MinVerification = 1 }.Validate()).Message);
        Assert.Contains("not read", Assert.Throws<ArgumentException>(() => new PageReaderOptions { MinVerification = double.NaN }.Validate()).Message);
        Assert.Contains("rejection threshold", Assert.Throws<ArgumentException>(() => new PageReaderOptions { Reject = -0.1 }.Validate()).Message);
        Assert.Contains("detection threshold", Assert.Throws<ArgumentException>(() => new PageReaderOptions { Threshold = 0 }.Validate()).Message);
        Assert.Contains("one candidate", Assert.Throws<ArgumentException>(() => new PageReaderOptions { MaxReadings = 0 }.Validate()).Message);
        Assert.Contains("scale", Assert.Throws<ArgumentException>(() => new PageReaderOptions { Scales = [] }.Validate()).Message);
    }
}
