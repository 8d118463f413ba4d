
namespace LeNet.Cli.Web;

/// <summary>What the demo page asks of a network: read a drawing, say which digit it is and show how.</summary>
internal interface IDigitPredictor
{
    /// <summary>Classifies a drawing.</summary>
    /// <param name="ink">
    /// The canvas as ink coverage, 0 = blank background, 1 = full ink (MNIST's polarity, not luminance),
    /// any size from 1x1 to 1024x1024; the page sends its 280x280 canvas averaged down to 112x112.
    /// </param>
    /// <exception cref="ArgumentException">The drawing cannot be read as a digit (e.g. it is blank); the message is shown to the user.</exception>
    DigitPrediction Predict(GreyImage ink);

    /// <summary>The classes' names, label by label, when the model has them (trained on an image folder); null: the classes are digits.</summary>
    IReadOnlyList<string>? ClassNames => null;
}

/// <summary>A drawing's classification with everything the page draws.</summary>
/// <param name="Digit">The preprocessed picture the network was given, <paramref name="DigitWidth"/> x <paramref name="DigitHeight"/> bytes, 255 = ink.</param>
/// <param name="DigitWidth">Columns of <paramref name="Digit"/> (28).</param>
/// <param name="DigitHeight">Rows of <paramref name="Digit"/> (28).</param>
/// <param name="Layers">Every layer's output, in network order.</param>
/// <param name="Probabilities">One probability per class, summing to 1.</param>
/// <param name="Predicted">The most probable class.</param>
internal sealed record DigitPrediction(byte[] Digit, int DigitWidth, int DigitHeight, IReadOnlyList<LayerActivation> Layers,
    float[] Probabilities, int Predicted);

/// <summary>One layer's output for the page.</summary>
/// <param name="Label">"C1".</param>
/// <param name="Kind">"convolution 5x5, ReLU".</param>
/// <param name="Shape">Maps x rows x columns (flat layers are N x 1 x 1).</param>
/// <param name="Values">Shape.Size values, [map][row][column].</param>
internal sealed record LayerActivation(string Label, string Kind, Shape Shape, float[] Values);

/// <summary>Hands out test digits for the page's "Random MNIST digit" button.</summary>
internal interface IRandomDigits
{
    /// <summary>A digit picked at random.</summary>
    RandomDigit Next();
}

/// <summary>A labelled digit picture.</summary>
/// <param name="Pixels">Width x Height bytes, row after row, 255 = ink.</param>
/// <param name="Width">Columns (28 for MNIST).</param>
/// <param name="Height">Rows (28 for MNIST).</param>
/// <param name="Label">The true class.</param>
internal sealed record RandomDigit(byte[] Pixels, int Width, int Height, int Label);
