namespace LeNet.Data;

/// <summary>
/// A planar affine map, as the 2x3 matrix [[M11, M12, M13], [M21, M22, M23]]: a point (x, y) goes to
/// (M11 x + M12 y + M13, M21 x + M22 y + M23). Points are in pixel indices, x the column and y the row
/// (downwards), so pixel (c, r) sits at (c, r) and an image's centre is ((columns - 1) / 2, (rows - 1) / 2).
/// </summary>
internal readonly record struct AffineTransform(double M11, double M12, double M13, double M21, double M22, double M23)
{
    private const double DegreesPerHalfTurn = 180;
    /// <summary>Determinant below which a map counts as singular: it would shrink areas a trillion-fold.</summary>
    private const double SingularDeterminant = 1e-12;

    /// <summary>Leaves every point where it is.</summary>
    public static AffineTransform Identity { get; } = new(1, 0, 0, 0, 1, 0);

    /// <summary>Moves every point by (<paramref name="dx"/>, <paramref name="dy"/>): right and down for positive values.</summary>
    public static AffineTransform Translation(double dx, double dy) => new(1, 0, dx, 0, 1, dy);

    /// <summary>Scales by <paramref name="sx"/> horizontally and <paramref name="sy"/> vertically about (<paramref name="cx"/>, <paramref name="cy"/>).</summary>
    public static AffineTransform Scaling(double sx, double sy, double cx, double cy) =>
        new(sx, 0, cx - sx * cx, 0, sy, cy - sy * cy);

    /// <summary>Scales by <paramref name="factor"/> both ways about (<paramref name="cx"/>, <paramref name="cy"/>).</summary>
    public static AffineTransform Scaling(double factor, double cx, double cy) => Scaling(factor, factor, cx, cy);

    /// <summary>
    /// The paper's squeezing: horizontal scaling by <paramref name="factor"/> with vertical scaling by its
    /// inverse (a factor below 1 compresses horizontally and elongates vertically; above 1 the reverse).
    /// </summary>
    public static AffineTransform Squeeze(double factor, double cx, double cy) => Scaling(factor, 1 / factor, cx, cy);

    /// <summary>Horizontal shear about row <paramref name="cy"/>: x moves by <paramref name="factor"/> times the distance below that row.</summary>
    public static AffineTransform ShearX(double factor, double cy) => new(1, factor, -factor * cy, 0, 1, 0);

    /// <summary>Rotation by <paramref name="degrees"/> about (<paramref name="cx"/>, <paramref name="cy"/>); positive turns clockwise on screen (y points down).</summary>
    public static AffineTransform Rotation(double degrees, double cx, double cy)
    {
        double radians = degrees * Math.PI / DegreesPerHalfTurn;
        double cos = Math.Cos(radians), sin = Math.Sin(radians);
        return new(cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy);
    }

    /// <summary>This map followed by <paramref name="next"/>.</summary>
    public AffineTransform Then(AffineTransform next) => new(
        next.M11 * M11 + next.M12 * M21, next.M11 * M12 + next.M12 * M22, next.M11 * M13 + next.M12 * M23 + next.M13,
        next.M21 * M11 + next.M22 * M21, next.M21 * M12 + next.M22 * M22, next.M21 * M13 + next.M22 * M23 + next.M23);

    /// <summary>The map that undoes this one.</summary>
    /// <exception cref="InvalidOperationException">The map is singular (it flattens the plane).</exception>
    public AffineTransform Inverse()
    {
        double determinant = M11 * M22 - M12 * M21;
        if (Math.Abs(determinant) < SingularDeterminant)
            throw new InvalidOperationException($"The affine map {this} is singular and has no inverse.");
        double i11 = M22 / determinant, i12 = -M12 / determinant, i21 = -M21 / determinant, i22 = M11 / determinant;
        return new(i11, i12, -(i11 * M13 + i12 * M23), i21, i22, -(i21 * M13 + i22 * M23));
    }

    /// <summary>Where (<paramref name="x"/>, <paramref name="y"/>) goes.</summary>
    public (double X, double Y) Map(double x, double y) => (M11 * x + M12 * y + M13, M21 * x + M22 * y + M23);
}
