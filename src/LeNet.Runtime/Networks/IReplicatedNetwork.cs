namespace LeNet;

/// <summary>
/// A field network replicated along a wider strip, or over a page in both directions
/// (<see cref="Replication"/>): a generated <see cref="ReplicateAttribute"/> class, or
/// <see cref="Engine.GenericNetwork.Replicate(NetworkDescription, int, int)"/>. Its
/// <see cref="INetwork.Description"/> is the replicated network's: input (channels,
/// <see cref="Height"/>, <see cref="Width"/>), output (classes, <see cref="Rows"/>,
/// <see cref="Positions"/>), class-major, then row, then column: the output of the window at row
/// <c>r</c>, position <c>p</c> is at units <c>(class * Rows + r) * Positions + p</c> (a strip has one
/// row: <c>class * Positions + p</c>). Its parameters are the field's, same layout.
/// </summary>
public interface IReplicatedNetwork : INetwork
{
    /// <summary>The replicated network, as declared for one field: its parameters are the strip's.</summary>
    NetworkDescription Field { get; }

    /// <summary>Input columns of the strip.</summary>
    int Width { get; }

    /// <summary>Input rows: the field's height for a strip.</summary>
    int Height => Description.Input.Height;

    /// <summary>Input columns (and rows) between neighbouring windows (the product of the field's subsampling windows).</summary>
    int Step { get; }

    /// <summary>Positions along each row of windows: (Width - field width) / Step + 1.</summary>
    int Positions { get; }

    /// <summary>Rows of windows: (Height - field height) / Step + 1, 1 for a strip.</summary>
    int Rows => Description.Output.Height;

    /// <summary>The first input column of the window position <paramref name="position"/> reads; the window is the field's width wide.</summary>
    int WindowStart(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Positions);
        return position * Step;
    }

    /// <summary>The first input row of the windows of row <paramref name="row"/>; a window is the field's height high.</summary>
    int WindowTop(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return row * Step;
    }
}
