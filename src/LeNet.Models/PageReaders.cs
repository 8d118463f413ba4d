using LeNet.Pages;

namespace LeNet.Models;

/// <summary>The one place a page reader's networks are chosen for a detector and a string reader.</summary>
public static class PageReaders
{
    /// <summary>
    /// A reader that finds the field with <paramref name="detector"/> and its <paramref name="detectorParameters"/>
    /// and reads it with <paramref name="field"/> (a string reader's field network) and its <paramref name="fieldParameters"/>
    /// (<see cref="StripReaders.For"/>): the generated band (<see cref="LeNet5LocatorStrip"/>) when the detector is
    /// <see cref="LeNet5Locator"/>, otherwise the generic engine's.
    /// </summary>
    /// <exception cref="ArgumentException">A network is not what its role needs, or its parameters do not fit it.</exception>
    public static PageReader For(INetwork detector, float[] detectorParameters, INetwork field, float[] fieldParameters, PageReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        PlaneScorer.CheckField(detector.Description);
        IReplicatedNetwork band = detector.Description.Signature == LeNet5Locator.Description.Signature
            ? new LeNet5LocatorStrip()
            : Engine.GenericNetwork.Replicate(detector.Description, BandWidth);
        return new PageReader(new PlaneScorer(band, detectorParameters), StripReaders.For(field, fieldParameters), options);
    }

    /// <summary>The pretrained reader: <c>lenet5-locator</c> finds the field, <c>lenet5-strings</c> reads it.</summary>
    public static PageReader Pretrained(PageReaderOptions? options = null) =>
        For(new LeNet5Locator(), PretrainedModels.Find(LeNet5Locator.NetworkName).Read().ParametersFor(LeNet5Locator.Description),
            new LeNet5Strings(), PretrainedModels.Find(LeNet5Strings.NetworkName).Read().ParametersFor(LeNet5Strings.Description), options);

    /// <summary>Columns of the band a detector other than <see cref="LeNet5Locator"/> is replicated along.</summary>
    public const int BandWidth = 256;
}
