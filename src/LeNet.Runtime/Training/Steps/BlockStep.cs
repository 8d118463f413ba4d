namespace LeNet.Training;

/// <summary>
/// The step on the crew: each worker runs its share of the samples a block at a time into its own
/// gradient buffer, then reduces its slice of the parameters (<see cref="GradientReduction"/>), then
/// hands that slice to the optimizer (and moves that slice of the average).
/// </summary>
internal sealed class BlockStep
{
    private readonly StepContext _step;
    private readonly IOptimizer _optimizer;
    private readonly MovingAverage? _average;
    private readonly Action<int> _body;

    public BlockStep(StepContext step, IOptimizer optimizer, MovingAverage? average)
    {
        _step = step;
        _optimizer = optimizer;
        _average = average;
        _body = Body;
    }

    /// <summary>Runs the step on the context's current samples; <paramref name="step"/> numbers it in errors.</summary>
    /// <exception cref="TrainingDivergedException">A loss or the gradient became NaN or infinite.</exception>
    public StepResult Run(int step)
    {
        StepContext c = _step;
        int size = c.Indices.Length;
        c.Active = WorkerCrew.ActiveFor(size, c.BlockSize, c.Workers.Length);
        _optimizer.BeginStep();
        c.Crew!.Run(c.Active, _body);
        double lossSum = 0;
        int correct = 0;
        for (int w = 0; w < c.Active; w++)
        {
            TrainingWorker worker = c.Workers[w];
            if (worker.DivergedIndex >= 0)
                throw new TrainingDivergedException(c.Epoch + 1, step, c.Rate, $"the loss of training image {worker.DivergedIndex} became {worker.DivergedLoss}");
            lossSum += worker.LossSum;
            correct += worker.Correct;
        }
        for (int w = 0; w < c.Active; w++)
            if (!c.Workers[w].SliceFinite) throw new TrainingDivergedException(c.Epoch + 1, step, c.Rate, "the gradient became NaN or infinite");
        return new StepResult(size, lossSum, correct);
    }

    /// <summary>
    /// Worker <paramref name="w"/>'s step: its share of the samples, a block at a time; then, once
    /// every share is done, its slice of the reduction; then its slice of the update (and of the average).
    /// </summary>
    private void Body(int w)
    {
        StepContext c = _step;
        TrainingWorker worker = c.Workers[w];
        worker.BeginStep();
        (int first, int count) = c.ShareOf(w, c.BlockSize);
        var samples = new TrainingSamples(c, worker, w);
        worker.Block.Train(ref samples, first, count, c.Parameters.Span, worker.Gradient);
        // One write per step: the tallies of the workers may share a cache line.
        worker.LossSum = samples.LossSum;
        worker.Correct = samples.Correct;
        c.Crew!.Barrier();
        for (int v = 0; v < c.Active; v++)
            if (c.Workers[v].DivergedIndex >= 0) return;
        (int start, int length) = GradientReduction.SliceOf(c, w);
        GradientReduction.ReduceSlice(c, worker, worker, start, length);
        c.Crew.Barrier();
        for (int v = 0; v < c.Active; v++)
            if (!c.Workers[v].SliceFinite) return;
        _optimizer.Update(c.Parameters.Span, worker.Gradient, c.Rate, start, length);
        _average?.Move(c.Parameters.Span, start, length);
    }

    /// <summary>The current step's samples as a worker's blocks see them; tallies its loss and correct predictions.</summary>
    private struct TrainingSamples(StepContext step, TrainingWorker worker, int w) : ITrainingSamples
    {
        public double LossSum;
        public int Correct;

        public readonly void Encode(int sample, Span<float> input) => step.Encode(worker, w, sample, input);

        public bool Seed(int sample, ReadOnlySpan<float> output, Span<float> outputGradient)
        {
            int index = step.Indices.Span[sample], label = step.Data!.Labels[index];
            float loss = step.Loss.Loss(output, label, outputGradient);
            if (!float.IsFinite(loss))
            {
                worker.MarkDiverged(index, loss);
                return false;
            }
            LossSum += loss;
            if (step.Loss.Predict(output) == label) Correct++;
            return true;
        }

        public readonly TrainingStep Step(int sample) => step.DropoutStep(sample);
    }
}
