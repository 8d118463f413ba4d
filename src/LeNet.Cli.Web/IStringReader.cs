using LeNet.Strings;

namespace LeNet.Cli.Web;

/// <summary>What the demo page's wide pad asks of a string reader: read a drawing of a string of digits.</summary>
internal interface IStringReader
{
    /// <summary>The reader's model, as <c>GET /api/model</c> names it.</summary>
    DemoModel Model { get; }

    /// <summary>Reads a drawing.</summary>
    /// <param name="ink">The pad as ink coverage, 0 = blank, 1 = full ink, any size from 1x1 to 1024x1024.</param>
    /// <param name="options">How many digits the string may have.</param>
    /// <exception cref="ArgumentException">The drawing cannot be read (e.g. it is blank, or no string of the asked length fits); the message is shown to the user.</exception>
    StringReading Read(GreyImage ink, DecoderOptions options);
}

/// <summary>
/// An <see cref="IStringReader"/> over a <see cref="StripReader"/>: the drawing is prepared exactly as
/// <c>lenet read</c> prepares a picture (<see cref="StripPicture.Prepare"/>). A reader owns its buffers,
/// so requests take turns.
/// </summary>
/// <param name="reader">The string reader.</param>
/// <param name="model">What the page says about it.</param>
/// <param name="characterModel">The character model the checkpoint records (<see cref="LeNet.Checkpoints.CheckpointData.CharacterModel"/>); the default when null. A request sets only the length.</param>
internal sealed class NetworkStringReader(StripReader reader, DemoModel model, DecoderOptions? characterModel = null) : IStringReader
{
    /// <summary>The reader behind it.</summary>
    internal StripReader Reader { get; } = reader;

    private readonly DecoderOptions _characterModel = characterModel ?? DecoderOptions.Default;
    private readonly Lock _turn = new();

    /// <inheritdoc/>
    public DemoModel Model { get; } = model;

    /// <inheritdoc/>
    public StringReading Read(GreyImage ink, DecoderOptions options)
    {
        lock (_turn)
            return Reader.ReadPicture(ink.Pixels, ink.Width, ink.Height, _characterModel with { MinDigits = options.MinDigits, MaxDigits = options.MaxDigits });
    }
}
