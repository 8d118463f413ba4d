using LeNet.Data;

namespace LeNet.Pages;

/// <summary>
/// What the detector says over one level of the pyramid: for each position (row, column), 4 level
/// pixels apart each way, the probability of each <see cref="LocatorAnswers"/> answer for the 32x32
/// window whose top-left corner is (4 row, 4 column), centred on (4 row + 16, 4 column + 16).
/// </summary>
/// <param name="Scale">The level's scale: level pixels per page pixel.</param>
/// <param name="Rows">Positions down.</param>
/// <param name="Columns">Positions across.</param>
/// <param name="Probabilities">Answers x rows x columns: plane after plane (<see cref="LocatorAnswers"/> order), row after row.</param>
public sealed record DetectionPlane(double Scale, int Rows, int Columns, float[] Probabilities)
{
    /// <summary>The probability of <paramref name="answer"/> at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public float this[int answer, int row, int column] => Probabilities[(answer * Rows + row) * Columns + column];

    /// <summary>The plane of one answer, row after row.</summary>
    public ReadOnlySpan<float> Plane(int answer) => Probabilities.AsSpan(answer * Rows * Columns, Rows * Columns);

    /// <summary>The page column a position column is centred on.</summary>
    public double PageX(double column) => StripGeometry.Centre((float)column) / Scale;

    /// <summary>The page row a position row is centred on.</summary>
    public double PageY(double row) => StripGeometry.Centre((float)row) / Scale;
}
