namespace LeNet;

/// <summary>
/// A field network replicated along a wider strip (<see cref="Replication"/>): a generated
/// <see cref="ReplicateAttribute"/> class, or <see cref="Engine.GenericNetwork.Replicate"/>. Its
/// <see cref="INetwork.Description"/> is the strip's: input (channels, field height,
/// <see cref="Width"/>), output (classes, 1, <see cref="Positions"/>), the output of position
/// <c>p</c> at units <c>class * Positions + p</c>. Its parameters are the field's, same layout.
/// </summary>
public interface IReplicatedNetwork : INetwork
{
    /// <summary>The replicated network, as declared for one field: its parameters are the strip's.</summary>
    NetworkDescription Field { get; }

    /// <summary>Input columns of the strip.</summary>
    int Width { get; }

    /// <summary>Input columns between neighbouring positions (the product of the field's subsampling windows).</summary>
    int Step { get; }

    /// <summary>Positions along the strip: (Width - field width) / Step + 1.</summary>
    int Positions { get; }

    /// <summary>The first input column of the window position <paramref name="position"/> reads; the window is the field's width wide.</summary>
    int WindowStart(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Positions);
        return position * Step;
    }
}
