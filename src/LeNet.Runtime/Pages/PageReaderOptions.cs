namespace LeNet.Pages;

/// <summary>How <see cref="PageReader"/> looks for the field and when it refuses to answer.</summary>
public sealed record PageReaderOptions
{
    /// <summary>
    /// The pyramid's scales, largest first. A level at scale s finds handwriting whose lines of digits are
    /// about 23 / s page pixels high (a string's ink at MNIST scale is 23 rows), give or take a sixth.
    /// By default 2^(-k/2) for k = 1..5: lines 33 to 130 pixels high.
    /// </summary>
    public IReadOnlyList<double> Scales { get; init; } = [0.7071, 0.5, 0.3536, 0.25, 0.1768];

    /// <summary>The handwriting probability at which a position counts towards a candidate line.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>How many of the best candidates are read before the field is chosen among them.</summary>
    public int MaxReadings { get; init; } = 4;

    /// <summary>Below this confidence the reading is rejected: returned, but marked <see cref="PageReading.Rejected"/>. 0 rejects nothing.</summary>
    public double Reject { get; init; }

    /// <summary>Whether the page is straightened (up to <see cref="PageInk.MaxSkewDegrees"/>) before the search.</summary>
    public bool Deskew { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static PageReaderOptions Default { get; } = new();

    /// <summary>Fails on options no search can use.</summary>
    /// <exception cref="ArgumentException">The message names the option.</exception>
    public void Validate()
    {
        if (Scales.Count == 0 || Scales.Any(s => !(s > 0 && s <= 2)))
            throw new ArgumentException("The pyramid needs at least one scale, each above 0 and at most 2.");
        if (!(Threshold > 0 && Threshold <= 1))
            throw new ArgumentException($"The detection threshold must be a probability above 0, not {Threshold}.");
        if (MaxReadings < 1)
            throw new ArgumentException($"At least one candidate must be read, not {MaxReadings}.");
        if (!(Reject >= 0 && Reject <= 1))
            throw new ArgumentException($"The rejection threshold must be between 0 and 1, not {Reject}.");
    }
}
