namespace LeNet.Cli.Visualization;

/// <summary>One step of a sweep: the transformed digit's forward pass and the network's answer.</summary>
/// <param name="Caption">What was done to the digit, e.g. "shift +3 px".</param>
/// <param name="Input">The encoded input (<see cref="NetworkDescription.Input"/> units).</param>
/// <param name="Activations">Every layer's output for that input (<see cref="NetworkDescription.ActivationCount"/> floats).</param>
/// <param name="Probabilities">Class probabilities.</param>
/// <param name="Predicted">The predicted class.</param>
/// <param name="Expected">The true class when known: the answer is then drawn green when right, red when wrong.</param>
internal sealed record SweepFrame(string Caption, float[] Input, float[] Activations, float[] Probabilities, int Predicted, int? Expected = null);
