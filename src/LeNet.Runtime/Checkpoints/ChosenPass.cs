namespace LeNet.Checkpoints;

/// <summary>The pass of training a checkpoint's parameters come from, and how well they did.</summary>
/// <param name="Pass">The pass, 1-based.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set held out of the training set (a fraction), when there was one.</param>
/// <param name="TestAccuracy">Accuracy on the test set (a fraction), when it was measured.</param>
public sealed record ChosenPass(int Pass, double? ValidationAccuracy, double? TestAccuracy);
