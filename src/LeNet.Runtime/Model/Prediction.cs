namespace LeNet;

/// <summary>What a <see cref="Model{TNet}"/> reads in one image.</summary>
/// <param name="Label">The predicted class, the index of its output unit.</param>
/// <param name="ClassName">That class's name (<see cref="Model{TNet}.ClassNames"/>): "7" for a digit model.</param>
/// <param name="Probabilities">One probability per class, non-negative and summing to 1, as the output layer gives them (a softmax's outputs; for radial-basis outputs, a softmax of the negated distances).</param>
public sealed record Prediction(int Label, string ClassName, float[] Probabilities)
{
    /// <summary>The probability of the predicted class.</summary>
    public float Confidence => Probabilities[Label];
}
