namespace LeNet.Pages;

/// <summary>
/// The answers of the detector's field network (e.g. <c>lenet5-locator</c>): what is centred in a
/// 32x32 window of a page scaled so that handwritten digits are at MNIST size.
/// </summary>
public static class LocatorAnswers
{
    /// <summary>Blank paper.</summary>
    public const int Background = 0;
    /// <summary>Ink that is not the handwritten field at this scale: print, rules, stamps, clutter, handwriting far too large or small.</summary>
    public const int OtherInk = 1;
    /// <summary>The middle of a line of handwritten characters at MNIST size.</summary>
    public const int Handwriting = 2;
    /// <summary>Answers per position.</summary>
    public const int Count = 3;
}
