namespace LeNet.Training;

/// <summary>
/// SDLM's curvature estimate: the per-sample curvature (the Gauss-Newton diagonal) averaged over the
/// first samples of a pass, one sample at a time on the crew, and handed to the optimizer.
/// </summary>
internal sealed class CurvatureStep
{
    private readonly StepContext _step;
    private readonly ICurvatureOptimizer _optimizer;
    private readonly Action<int> _body;

    public CurvatureStep(StepContext step, ICurvatureOptimizer optimizer)
    {
        _step = step;
        _optimizer = optimizer;
        _body = Body;
    }

    /// <summary>
    /// Estimates the curvature over the first <see cref="TrainingOptions.CurvatureSamples"/> of
    /// <paramref name="order"/> (the pass's order) and sets it on the optimizer.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The estimate became NaN or infinite.</exception>
    public void Run(int[] order)
    {
        StepContext c = _step;
        int size = Math.Min(c.Options.CurvatureSamples, order.Length);
        c.Indices = order.AsMemory(0, size);
        c.FirstPosition = 0;
        c.Active = WorkerCrew.ActiveFor(size, 1, c.Workers.Length);
        c.Crew!.Run(c.Active, _body);
        for (int w = 0; w < c.Active; w++)
            if (!c.Workers[w].SliceFinite) throw new TrainingDivergedException(c.Epoch + 1, 1, c.Rate, "the curvature estimate became NaN or infinite");
        _optimizer.SetCurvature(c.Workers[0].Gradient);
    }

    /// <summary>Worker <paramref name="w"/>'s part: its share of the samples one at a time, then its slice of the reduction.</summary>
    private void Body(int w)
    {
        StepContext c = _step;
        TrainingWorker worker = c.Workers[w];
        SampleWorkspace sample = worker.Sample;
        worker.BeginStep();
        (int first, int count) = c.ShareOf(w, 1);
        ReadOnlySpan<int> indices = c.Indices.Span;
        for (int i = first; i < first + count; i++)
        {
            c.Encode(worker, w, i, sample.Input);
            sample.ForwardTraining(c.Parameters.Span, c.DropoutStep(i));
            c.Loss.Curvature(sample.Output, c.Data!.Labels[indices[i]], sample.OutputGradient);
            c.Network.BackwardCurvature(c.Parameters.Span, sample.Input, sample.Activations, sample.OutputGradient, worker.Gradient, sample.Scratch);
        }
        c.Crew!.Barrier();
        (int start, int length) = GradientReduction.SliceOf(c, w);
        GradientReduction.ReduceSlice(c, worker, c.Workers[0], start, length);
    }
}
