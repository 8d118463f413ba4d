namespace LeNet.Training;

/// <summary>A sample the network got wrong.</summary>
/// <param name="Index">Its index in the data set.</param>
/// <param name="Label">The true class.</param>
/// <param name="Predicted">The class the network chose.</param>
public readonly record struct Misclassification(int Index, int Label, int Predicted);
