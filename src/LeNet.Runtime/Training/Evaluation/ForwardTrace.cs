namespace LeNet.Training;

/// <summary>One image run through the network with everything kept for display (<see cref="Evaluator.Trace"/>).</summary>
/// <param name="Label">The predicted class.</param>
/// <param name="Probabilities">One probability per class (see <see cref="ILoss.Probabilities"/>).</param>
/// <param name="Input">The encoded input.</param>
/// <param name="Activations">Every layer's outputs (offsets in <see cref="LayerInfo.ActivationOffset"/>).</param>
public sealed record ForwardTrace(int Label, float[] Probabilities, float[] Input, float[] Activations);
