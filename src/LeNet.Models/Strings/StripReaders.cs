using LeNet.Checkpoints;
using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Models;

/// <summary>The one place a string reader's network is chosen for a field network and its parameters.</summary>
public static class StripReaders
{
    /// <summary>Every shipped string field with a generated strip (<c>[Replicate]</c>), the field first.</summary>
    private static readonly (NetworkDescription Field, Func<IReplicatedNetwork> Create)[] GeneratedStrips =
    [
        (LeNet5StringsStrip.Field, () => new LeNet5StringsStrip()),
        (LeNet5StringsWideStrip.Field, () => new LeNet5StringsWideStrip()),
        (LeNet5AmountsStrip.Field, () => new LeNet5AmountsStrip()),
        (LeNet5AmountsWideStrip.Field, () => new LeNet5AmountsWideStrip()),
    ];

    /// <summary>
    /// The generated strip that replicates <paramref name="field"/> (<see cref="LeNet5StringsStrip"/> for
    /// <see cref="LeNet5Strings"/>, <see cref="LeNet5StringsWideStrip"/> for <see cref="LeNet5StringsWide"/>,
    /// <see cref="LeNet5AmountsStrip"/> for <see cref="LeNet5Amounts"/>, <see cref="LeNet5AmountsWideStrip"/> for
    /// <see cref="LeNet5AmountsWide"/>), or null when none does.
    /// </summary>
    public static IReplicatedNetwork? GeneratedStrip(NetworkDescription field)
    {
        ArgumentNullException.ThrowIfNull(field);
        foreach ((NetworkDescription known, Func<IReplicatedNetwork> create) in GeneratedStrips)
            if (known.Signature == field.Signature) return create();
        return null;
    }

    /// <summary>
    /// A reader for <paramref name="field"/> with <paramref name="parameters"/>: the generated strip
    /// (<see cref="GeneratedStrip"/>, one pass per strip) when there is one, otherwise the field run window by window
    /// (<see cref="WindowedScorer"/>); pictures of strings too wide for that strip are read on wider strips window by window.
    /// </summary>
    /// <exception cref="ArgumentException">The network is not a string reader's field or the parameters do not fit it.</exception>
    /// <remarks>A digits field reads <see cref="StripGeometry.Width"/>-column strips; an amounts field (<see cref="AmountStrips.Answers"/> answers) <see cref="AmountStrips.Width"/>-column ones.</remarks>
    public static StripReader For(INetwork field, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(field);
        WindowedScorer.CheckField(field.Description);
        return GeneratedStrip(field.Description) is { } strip
            ? new StripReader(new StripScorer(strip, parameters), width => new WindowedScorer(field, parameters, width))
            : StripReader.ForField(field, parameters, field.Description.Output.Size == AmountStrips.Answers ? AmountStrips.Width : StripGeometry.Width);
    }

    /// <summary>
    /// A reader for <paramref name="field"/> with <paramref name="checkpoint"/>'s parameters (as <see cref="For(INetwork, float[])"/>),
    /// decoding with the character model the checkpoint records (<see cref="CheckpointData.CharacterModel"/>, learned by global training).
    /// </summary>
    /// <exception cref="ArgumentException">The network is not a string reader's field or the checkpoint's parameters do not fit it.</exception>
    public static StripReader For(INetwork field, CheckpointData checkpoint)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(checkpoint);
        StripReader reader = For(field, checkpoint.ParametersFor(field.Description));
        reader.Decoding = checkpoint.CharacterModel;
        return reader;
    }
}
