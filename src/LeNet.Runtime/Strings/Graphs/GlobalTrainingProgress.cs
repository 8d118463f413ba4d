namespace LeNet.Strings;

/// <summary>Where a <see cref="GlobalTrainer.Run"/> is.</summary>
/// <param name="Composed">Strips of the pool composed so far.</param>
/// <param name="PoolSize">Strips in the pool.</param>
/// <param name="Strips">Strips learned from so far (0 while the pool is composed).</param>
/// <param name="RunningLoss">The criterion over the last steps; NaN before the first.</param>
/// <param name="Elapsed">Time since the run started, the pool's composition included.</param>
public sealed record GlobalTrainingProgress(int Composed, int PoolSize, long Strips, float RunningLoss, TimeSpan Elapsed);
