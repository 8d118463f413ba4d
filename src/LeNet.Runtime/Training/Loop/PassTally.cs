namespace LeNet.Training;

/// <summary>One pass's running totals.</summary>
/// <param name="Steps">Steps in the pass.</param>
/// <param name="LossSum">The sum of the losses of the samples trained so far.</param>
/// <param name="Correct">How many of them the network classified right.</param>
/// <param name="Done">Samples trained so far.</param>
/// <param name="Rate">The learning rate of the latest step.</param>
/// <param name="Cancelled">Whether the pass stopped before its end.</param>
internal record struct PassTally(int Steps, double LossSum, int Correct, int Done, float Rate, bool Cancelled);
