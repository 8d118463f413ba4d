namespace LeNet.Cli.Web;

/// <summary>The JSON the page receives from <c>POST /api/predict</c> (camelCase on the wire).</summary>
/// <param name="Digit">The preprocessed picture the network saw.</param>
/// <param name="Layers">Every layer's output, in order.</param>
/// <param name="Probabilities">One per class.</param>
/// <param name="Predicted">The answer.</param>
/// <param name="ClassNames">The classes' names, or null when the classes are digits.</param>
internal sealed record PredictResponse(PictureJson Digit, IReadOnlyList<LayerJson> Layers, float[] Probabilities, int Predicted, IReadOnlyList<string>? ClassNames)
{
    // Four decimals are plenty for grey tiles and keep a LeNet-5 answer near 60 kB.
    private const int Decimals = 4;

    public static PredictResponse From(DigitPrediction prediction, IReadOnlyList<string>? classNames = null) => new(
        new PictureJson(prediction.DigitWidth, prediction.DigitHeight, prediction.Digit.Select(b => (int)b).ToArray()),
        prediction.Layers.Select(l => new LayerJson(l.Label, l.Kind, l.Shape.Channels, l.Shape.Height, l.Shape.Width,
            l.Values.Select(v => float.IsFinite(v) ? MathF.Round(v, Decimals) : 0f).ToArray())).ToArray(),
        prediction.Probabilities, prediction.Predicted, classNames);
}

/// <summary>A byte picture: width, height, pixels 0..255 row after row.</summary>
internal sealed record PictureJson(int Width, int Height, int[] Pixels);

/// <summary>One layer: label, kind, shape and values [map][row][column].</summary>
internal sealed record LayerJson(string Label, string Kind, int Channels, int Height, int Width, float[] Values);

/// <summary>The answer of <c>GET /api/random</c>: a labelled test image, its class name, pixels 0..255 row after row.</summary>
internal sealed record RandomDigitJson(int Width, int Height, int Label, string Name, int[] Pixels);

/// <summary>The network behind the page, as <c>GET /api/model</c> names it.</summary>
/// <param name="Name">The catalogue name ("lenet5").</param>
/// <param name="Summary">One line about it: parameters, and the test accuracy its checkpoint records when there is one.</param>
internal sealed record DemoModel(string Name, string Summary);

/// <summary>The answer of <c>GET /api/model</c>: the digit network, the string reader behind the wide pad and the page reader's detector when there are.</summary>
internal sealed record ModelsJson(string Name, string Summary, DemoModel? Reader, DemoModel? Pages);
