namespace LeNet.Training;

/// <summary>One training thread: its sample buffers, its private gradient and its tallies for the current step.</summary>
internal sealed class TrainingWorker(INetwork network)
{
    public SampleWorkspace Workspace { get; } = new(network);

    /// <summary>The sum of the chunk's per-sample gradients (or curvatures).</summary>
    public float[] Gradient { get; } = new float[network.Description.ParameterCount];

    public double LossSum { get; set; }
    public int Correct { get; set; }

    /// <summary>Index of the sample whose loss was not finite, or -1.</summary>
    public int DivergedIndex { get; private set; } = -1;
    public float DivergedLoss { get; private set; }

    /// <summary>Clears the gradient and the tallies before a step.</summary>
    public void BeginStep()
    {
        Array.Clear(Gradient);
        LossSum = 0;
        Correct = 0;
        DivergedIndex = -1;
    }

    public void MarkDiverged(int index, float loss)
    {
        DivergedIndex = index;
        DivergedLoss = loss;
    }
}
