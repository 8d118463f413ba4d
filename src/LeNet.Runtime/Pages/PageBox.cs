namespace LeNet.Pages;

/// <summary>A rectangle on a page, in page pixels: columns [<see cref="X"/>, X + <see cref="Width"/>), rows [<see cref="Y"/>, Y + <see cref="Height"/>).</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct PageBox(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge (exclusive).</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge (exclusive).</summary>
    public double Bottom => Y + Height;

    /// <summary>Area in square pixels.</summary>
    public double Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>Intersection over union with <paramref name="other"/>: 1 for the same box, 0 for disjoint ones.</summary>
    public double IoU(PageBox other)
    {
        double w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        double h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0) return 0;
        double inter = w * h;
        return inter / (Area + other.Area - inter);
    }

    /// <summary>"x,y widthxheight" in whole pixels.</summary>
    public override string ToString() => $"{X:0},{Y:0} {Width:0}x{Height:0}";
}
