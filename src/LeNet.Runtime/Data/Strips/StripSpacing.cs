namespace LeNet.Data;

/// <summary>How far apart neighbouring digits of a synthetic strip are (the gap between their ink boxes).</summary>
public enum StripSpacing
{
    /// <summary>Clear gaps: <see cref="StripSynthesizer.ApartGaps"/>.</summary>
    Apart,
    /// <summary>Touching or overlapping ink boxes: <see cref="StripSynthesizer.TouchingGaps"/>.</summary>
    Touching,
    /// <summary>Each gap drawn from the whole range, overlapping to apart.</summary>
    Mixed,
}
