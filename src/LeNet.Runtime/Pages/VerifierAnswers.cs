namespace LeNet.Pages;

/// <summary>
/// The answers of the verifier's field network (e.g. <c>lenet5-verifier</c>): whether the ink centred in a 32x32
/// window of a candidate line, prepared as a string reader's strip, belongs to the handwritten field.
/// </summary>
public static class VerifierAnswers
{
    /// <summary>Anything else the detector takes for handwriting: print, a stamp, a signature, a rule.</summary>
    public const int Other = 0;
    /// <summary>Handwritten characters of the field.</summary>
    public const int Field = 1;
    /// <summary>Answers per position.</summary>
    public const int Count = 2;
}
