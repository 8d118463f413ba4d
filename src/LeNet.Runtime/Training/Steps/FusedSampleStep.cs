namespace LeNet.Training;

/// <summary>
/// The step on one sample with plain SGD (no momentum, no decay) on an engine that offers
/// <see cref="IFusedSgdStep"/>: the engine adds -rate x gradient straight into the parameters, with no
/// gradient buffer.
/// </summary>
internal sealed class FusedSampleStep(StepContext step, IFusedSgdStep fused, MovingAverage? average)
{
    /// <summary>Runs the step on the context's one current sample; <paramref name="number"/> numbers it in errors.</summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public StepResult Run(int number)
    {
        TrainingWorker worker = step.Workers[0];
        SampleWorkspace sample = worker.Sample;
        step.Encode(worker, 0, 0, sample.Input);
        sample.ForwardTraining(step.Parameters.Span, step.DropoutStep(0));
        int index = step.Indices.Span[0], label = step.Data!.Labels[index];
        float loss = step.Loss.Loss(sample.Output, label, sample.OutputGradient);
        if (!float.IsFinite(loss))
            throw new TrainingDivergedException(step.Epoch + 1, number, step.Rate, $"the loss of training image {index} became {loss}");
        int correct = step.Loss.Predict(sample.Output) == label ? 1 : 0;
        fused.SgdStep(step.Parameters.Span, sample.Input, sample.Activations, sample.OutputGradient, step.Rate, sample.Scratch);
        average?.Move(step.Parameters.Span, 0, step.Parameters.Length);
        return new StepResult(1, loss, correct);
    }
}
