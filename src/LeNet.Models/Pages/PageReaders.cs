using LeNet.Pages;

namespace LeNet.Models;

/// <summary>The one place a page reader's networks are chosen for a detector and a string reader.</summary>
public static class PageReaders
{
    /// <summary>
    /// A reader that finds the field with <paramref name="detector"/> and its <paramref name="detectorParameters"/>
    /// and reads it with <paramref name="field"/> (a string reader's field network) and its <paramref name="fieldParameters"/>
    /// (<see cref="StripReaders.For"/>): the generated tile (<see cref="LeNet5LocatorTile"/>) when the detector is
    /// <see cref="LeNet5Locator"/>, otherwise the generic engine's.
    /// </summary>
    /// <exception cref="ArgumentException">A network is not what its role needs, or its parameters do not fit it.</exception>
    public static PageReader For(INetwork detector, float[] detectorParameters, INetwork field, float[] fieldParameters, PageReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        PlaneScorer.CheckField(detector.Description);
        IReplicatedNetwork tile = detector.Description.Signature == LeNet5Locator.Description.Signature
            ? new LeNet5LocatorTile()
            : Engine.GenericNetwork.Replicate(detector.Description, TileWidth, TileHeight);
        return new PageReader(new PlaneScorer(tile, detectorParameters), StripReaders.For(field, fieldParameters), options);
    }

    /// <summary>The pretrained reader: <c>lenet5-locator</c> finds the field, <c>lenet5-strings</c> reads it.</summary>
    public static PageReader Pretrained(PageReaderOptions? options = null) =>
        For(new LeNet5Locator(), PretrainedModels.Find(LeNet5Locator.NetworkName).Read().ParametersFor(LeNet5Locator.Description),
            new LeNet5Strings(), PretrainedModels.Find(LeNet5Strings.NetworkName).Read().ParametersFor(LeNet5Strings.Description), options);

    /// <summary>Columns and rows of the tile a detector other than <see cref="LeNet5Locator"/> is replicated over.</summary>
    public const int TileWidth = 256, TileHeight = 128;
}
