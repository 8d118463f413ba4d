namespace LeNet.Training;

/// <summary>One sample run through the network, everything kept for display.</summary>
/// <param name="Label">The predicted class.</param>
/// <param name="Probabilities">One probability per class (see <see cref="ILoss.Probabilities"/>).</param>
/// <param name="Input">The encoded input.</param>
/// <param name="Activations">Every layer's outputs (offsets in <see cref="LayerInfo.ActivationOffset"/>).</param>
public sealed record Prediction(int Label, float[] Probabilities, float[] Input, float[] Activations);
