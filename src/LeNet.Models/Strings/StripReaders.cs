using LeNet.Data;
using LeNet.Strings;

namespace LeNet.Models;

/// <summary>The one place a string reader's network is chosen for a field network and its parameters.</summary>
public static class StripReaders
{
    /// <summary>
    /// A reader for <paramref name="field"/> with <paramref name="parameters"/> on <see cref="StripGeometry.Width"/>-column
    /// strips: the generated strip (<see cref="LeNet5StringsStrip"/>, one pass per strip) when the field is
    /// <see cref="LeNet5Strings"/>, otherwise the field run window by window (<see cref="WindowedScorer"/>);
    /// pictures of strings too wide for that strip are read on wider strips window by window.
    /// </summary>
    /// <exception cref="ArgumentException">The network is not a string reader's field or the parameters do not fit it.</exception>
    /// <remarks>An amounts field (<see cref="AmountStrips.Answers"/> answers) reads <see cref="AmountStrips.Width"/>-column strips, with <see cref="LeNet5AmountsStrip"/> when it is <see cref="LeNet5Amounts"/>.</remarks>
    public static StripReader For(INetwork field, float[] parameters) =>
        field.Description.Signature == LeNet5Strings.Description.Signature
            ? new StripReader(new StripScorer(new LeNet5StringsStrip(), parameters), width => new WindowedScorer(field, parameters, width))
        : field.Description.Signature == LeNet5Amounts.Description.Signature
            ? new StripReader(new StripScorer(new LeNet5AmountsStrip(), parameters), width => new WindowedScorer(field, parameters, width))
        : StripReader.ForField(field, parameters, field.Description.Output.Size == AmountStrips.Answers ? AmountStrips.Width : StripGeometry.Width);
}
