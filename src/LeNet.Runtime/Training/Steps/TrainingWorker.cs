namespace LeNet.Training;

/// <summary>
/// One training thread's own buffers and results: its block workspace, a one-sample workspace (the
/// curvature pass and the fused one-sample step), its private gradient and its tallies for the
/// current step. Nothing here is written by another thread during a step's compute phase; the
/// tallies are written once per step, at the end of the worker's share.
/// </summary>
internal sealed class TrainingWorker(INetwork network)
{
    public BlockWorkspace Block { get; } = new(network);
    public SampleWorkspace Sample { get; } = new(network);

    /// <summary>
    /// The sum of the share's per-sample gradients (or curvatures); after the reduction, this worker's slice of a
    /// training step's mean (<see cref="GradientReduction.SliceOf"/>), or in worker 0's the whole curvature estimate.
    /// </summary>
    public float[] Gradient { get; } = new float[network.Description.ParameterCount];

    /// <summary>Where a distorted copy of an image goes.</summary>
    public byte[] Image { get; private set; } = [];

    public double LossSum { get; set; }
    public int Correct { get; set; }

    /// <summary>Index of the sample whose loss was not finite, or -1.</summary>
    public int DivergedIndex { get; private set; } = -1;
    public float DivergedLoss { get; private set; }

    /// <summary>Whether the slice of the summed gradient this worker reduced is finite.</summary>
    public bool SliceFinite { get; set; }

    /// <summary>Sizes <see cref="Image"/> for images of <paramref name="pixels"/> pixels.</summary>
    public void EnsureImage(int pixels)
    {
        if (Image.Length != pixels) Image = new byte[pixels];
    }

    /// <summary>Clears the gradient and the tallies before a step.</summary>
    public void BeginStep()
    {
        Array.Clear(Gradient);
        LossSum = 0;
        Correct = 0;
        DivergedIndex = -1;
        SliceFinite = true;
    }

    public void MarkDiverged(int index, float loss)
    {
        DivergedIndex = index;
        DivergedLoss = loss;
    }
}
