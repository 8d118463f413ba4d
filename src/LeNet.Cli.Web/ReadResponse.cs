using LeNet.Strings;

namespace LeNet.Cli.Web;

/// <summary>The JSON the page receives from <c>POST /api/read</c> (camelCase on the wire).</summary>
/// <param name="Text">The digits read, e.g. "40213"; empty when none.</param>
/// <param name="Confidence">exp of the mean log-probability of the best path's answers.</param>
/// <param name="Digits">Each digit read, with where it sits on the strip.</param>
/// <param name="Strip">The strip the network read (white ink on black).</param>
/// <param name="Positions">Every position's centre column on the strip, its best answer, the string's answer there (10 = no digit) and the probability of each answer.</param>
/// <param name="ScaledDown">True when the drawing was too wide for the strip at MNIST scale and was shrunk to fit.</param>
internal sealed record ReadResponse(string Text, double Confidence, IReadOnlyList<ReadDigitJson> Digits, PictureJson Strip,
    IReadOnlyList<PositionJson> Positions, bool ScaledDown)
{
    private const int Decimals = 3;

    public static ReadResponse From(StringReading reading)
    {
        int width = reading.Strip.Length / LeNet.Data.StripGeometry.Height;
        var positions = Enumerable.Range(0, reading.Scores.Positions).Select(p => new PositionJson(
            LeNet.Data.StripGeometry.Centre(p), reading.Scores.Best(p), reading.Decoded.Path[p],
            reading.Scores.At(p).ToArray().Select(s => MathF.Round(MathF.Exp(s), Decimals)).ToArray())).ToArray();
        return new ReadResponse(reading.Text, Math.Round(reading.Confidence, Decimals),
            reading.Digits.Select(d => new ReadDigitJson(d.Digit, d.X, MathF.Round(d.Confidence, Decimals))).ToArray(),
            new PictureJson(width, LeNet.Data.StripGeometry.Height, reading.Strip.Select(b => (int)b).ToArray()),
            positions, reading.Picture?.ScaledDown ?? false);
    }
}

/// <summary>One digit read: its value, the strip column it is centred on, the network's highest probability for it along its run.</summary>
internal sealed record ReadDigitJson(int Digit, float X, float Confidence);

/// <summary>One position: the strip column of its centre, its best answer and the answer the string read takes there (10 = no digit), and every answer's probability.</summary>
internal sealed record PositionJson(float X, int Best, int Path, float[] Probabilities);
