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
    /// (each from <see cref="StripReaders.For(INetwork, Checkpoints.CheckpointData)"/>), and tells the field from print
    /// with <paramref name="verifier"/> when given (<see cref="Verifier"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The detector is not a page detector's field network or its parameters do not fit it, or a reader does not answer its grammar's characters (<see cref="PageReader(PlaneScorer, StripReader, StripReader, PageReaderOptions?, FieldVerifier?)"/>).</exception>
    public static PageReader For(INetwork detector, float[] detectorParameters, StripReader zipReader, StripReader amountReader, PageReaderOptions? options = null,
        FieldVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        PlaneScorer.CheckField(detector.Description);
        IReplicatedNetwork tile = detector.Description.Signature == LeNet5Locator.Description.Signature
            ? new LeNet5LocatorTile()
            : Engine.GenericNetwork.Replicate(detector.Description, TileWidth, TileHeight);
        return new PageReader(new PlaneScorer(tile, detectorParameters), zipReader, amountReader, options, verifier);
    }

    /// <summary>
    /// A verifier running <paramref name="field"/> with <paramref name="parameters"/>: the generated strip
    /// (<see cref="LeNet5VerifierStrip"/>, one pass per strip) when the field is <see cref="LeNet5Verifier"/>, otherwise the
    /// field window by window.
    /// </summary>
    /// <exception cref="ArgumentException">The network is not a verifier's field or the parameters do not fit it.</exception>
    public static FieldVerifier Verifier(INetwork field, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Description.Signature == LeNet5Verifier.Description.Signature
            ? new FieldVerifier(new StripScorer(new LeNet5VerifierStrip(), parameters))
            : FieldVerifier.ForField(field, parameters);
    }

    /// <summary>
    /// The pretrained reader: <c>lenet5-locator</c> finds the field, <see cref="ZipReader"/> reads zip codes and
    /// <see cref="AmountReader"/> amounts, each decoding with the character model its checkpoint records, and
    /// <c>lenet5-verifier</c> tells the field from print.
    /// </summary>
    public static PageReader Pretrained(PageReaderOptions? options = null) => Pretrained(options, PretrainedVerifier());

    /// <summary>The pretrained verifier (<c>lenet5-verifier</c>).</summary>
    public static FieldVerifier PretrainedVerifier() =>
        Verifier(new LeNet5Verifier(), PretrainedModels.Find(LeNet5Verifier.NetworkName).Read().ParametersFor(LeNet5Verifier.Description));

    /// <summary>
    /// The pretrained reader without its verifier: what the verifier's training material is cut with
    /// (<c>lenet train --model lenet5-verifier</c>), the candidates and cuts the pretrained reader chooses among.
    /// </summary>
    public static PageReader PretrainedWithoutVerifier(PageReaderOptions? options = null) => Pretrained(options, null);

    private static PageReader Pretrained(PageReaderOptions? options, FieldVerifier? verifier) =>
        For(new LeNet5Locator(), PretrainedModels.Find(LeNet5Locator.NetworkName).Read().ParametersFor(LeNet5Locator.Description),
            StripReaders.For(new LeNet5StringsWide(), PretrainedModels.Find(ZipReader).Read()),
            StripReaders.For(new LeNet5AmountsWide(), PretrainedModels.Find(AmountReader).Read()), options, verifier);

    /// <summary>The pretrained zip code reader: <c>lenet5-strings-wide</c> trained further on zip codes cut from envelopes.</summary>
    public const string ZipReader = LeNet5StringsWide.NetworkName + PretrainedModels.PagesSuffix;

    /// <summary>The pretrained courtesy amount reader: <c>lenet5-amounts-wide</c> trained further on amounts cut from cheques.</summary>
    public const string AmountReader = LeNet5AmountsWide.NetworkName + PretrainedModels.PagesSuffix;

    /// <summary>Columns and rows of the tile a detector other than <see cref="LeNet5Locator"/> is replicated over.</summary>
    public const int TileWidth = 256, TileHeight = 128;
}
