using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Models;

/// <summary>The one place a string reader's network is chosen for a field network and its parameters.</summary>
public static class StripReaders
{
    /// <summary>
    /// A reader for <paramref name="field"/> with <paramref name="parameters"/> on <see cref="StripGeometry.Width"/>-column
    /// strips: the generated strip (<see cref="LeNet5StringsStrip"/>, one pass per strip) when the field is
    /// <see cref="LeNet5Strings"/>, otherwise the field run window by window (<see cref="WindowedScorer"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The network is not a string reader's field or the parameters do not fit it.</exception>
    public static StripReader For(INetwork field, float[] parameters) =>
        new(field.Description.Signature == LeNet5Strings.Description.Signature
            ? new StripScorer(new LeNet5StringsStrip(), parameters)
            : new WindowedScorer(field, parameters));
}
