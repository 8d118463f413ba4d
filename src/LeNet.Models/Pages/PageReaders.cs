using LeNet.Pages;
using LeNet.Strings;

namespace LeNet.Models;

/// <summary>The one place a page reader's networks are chosen for a detector and the string readers of each kind of field.</summary>
public static class PageReaders
{
    /// <summary>
    /// A reader that finds the field with <paramref name="detector"/> and its <paramref name="detectorParameters"/>
    /// (the generated tile <see cref="LeNet5LocatorTile"/> when the detector is <see cref="LeNet5Locator"/>, otherwise
    /// the generic engine's), reads zip codes with <paramref name="zipReader"/> and amounts with <paramref name="amountReader"/>
    /// (each from <see cref="StripReaders.For(INetwork, Checkpoints.CheckpointData)"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The detector is not a page detector's field network or its parameters do not fit it, or a reader does not answer its grammar's characters (<see cref="PageReader(PlaneScorer, StripReader, StripReader, PageReaderOptions?)"/>).</exception>
    public static PageReader For(INetwork detector, float[] detectorParameters, StripReader zipReader, StripReader amountReader, PageReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        PlaneScorer.CheckField(detector.Description);
        IReplicatedNetwork tile = detector.Description.Signature == LeNet5Locator.Description.Signature
            ? new LeNet5LocatorTile()
            : Engine.GenericNetwork.Replicate(detector.Description, TileWidth, TileHeight);
        return new PageReader(new PlaneScorer(tile, detectorParameters), zipReader, amountReader, options);
    }

    /// <summary>
    /// The pretrained reader: <c>lenet5-locator</c> finds the field, <see cref="ZipReader"/> reads zip codes and
    /// <see cref="AmountReader"/> amounts, each decoding with the character model its checkpoint records.
    /// </summary>
    public static PageReader Pretrained(PageReaderOptions? options = null) =>
        For(new LeNet5Locator(), PretrainedModels.Find(LeNet5Locator.NetworkName).Read().ParametersFor(LeNet5Locator.Description),
            StripReaders.For(new LeNet5StringsWide(), PretrainedModels.Find(ZipReader).Read()),
            StripReaders.For(new LeNet5Amounts(), PretrainedModels.Find(AmountReader).Read()), options);

    /// <summary>The pretrained zip code reader: <c>lenet5-strings-wide</c> trained further on zip codes cut from envelopes.</summary>
    public const string ZipReader = LeNet5StringsWide.NetworkName + PretrainedModels.PagesSuffix;

    /// <summary>The pretrained courtesy amount reader: <c>lenet5-amounts</c> trained further on amounts cut from cheques.</summary>
    public const string AmountReader = LeNet5Amounts.NetworkName + PretrainedModels.PagesSuffix;

    /// <summary>Columns and rows of the tile a detector other than <see cref="LeNet5Locator"/> is replicated over.</summary>
    public const int TileWidth = 256, TileHeight = 128;
}
