namespace LeNet.Training;

/// <summary>
/// An optimizer that scales each parameter's step by a curvature estimate, which the trainer
/// computes with <see cref="INetwork.BackwardCurvature"/> before each pass and hands over here.
/// </summary>
internal interface ICurvatureOptimizer : IOptimizer
{
    /// <summary>
    /// Takes the new diagonal curvature estimate h_kk (mean over samples of d2E/dw_k2, one per
    /// parameter); it holds until the next call.
    /// </summary>
    void SetCurvature(ReadOnlySpan<float> curvature);
}
