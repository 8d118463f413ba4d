namespace LeNet.Training;

/// <summary>The order in which <see cref="Trainer"/> visits the training set, pass after pass.</summary>
public enum SampleOrder
{
    /// <summary>A fresh seeded permutation for every pass.</summary>
    Reshuffled = 0,
    /// <summary>
    /// One seeded permutation, drawn before the first pass and reused for every pass: the paper's
    /// "patterns presented in a constant random order" (Appendix C). Its first pass is the
    /// reshuffled order's first pass.
    /// </summary>
    Fixed = 1,
}

/// <summary>Names the sample orders.</summary>
internal static class SampleOrders
{
    /// <summary>Parses "reshuffled" or "fixed" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static SampleOrder Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "reshuffled" or "reshuffle" or "shuffled" => SampleOrder.Reshuffled,
        "fixed" or "constant" => SampleOrder.Fixed,
        _ => throw new ArgumentException($"Unknown sample order '{name}'. Known: reshuffled, fixed."),
    };
}
