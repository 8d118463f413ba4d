namespace LeNet.Training;

/// <summary>Builds and names learning-rate schedules.</summary>
internal static class LearningRateSchedules
{
    /// <summary>The schedule <paramref name="options"/> ask for.</summary>
    public static ILearningRateSchedule Create(TrainingOptions options) => options.Schedule switch
    {
        ScheduleKind.Constant => new ConstantSchedule(options.LearningRate),
        ScheduleKind.Step => new StepSchedule(options.LearningRate, options.StepEpochs, options.StepGamma),
        ScheduleKind.Cosine => new CosineSchedule(options.LearningRate, options.MinLearningRate, options.Epochs, options.WarmupSteps),
        ScheduleKind.Paper => new PaperSchedule(options.LearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Schedule, "Unknown schedule."),
    };

    /// <summary>Parses "constant", "step", "cosine" or "paper" (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static ScheduleKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "constant" or "fixed" => ScheduleKind.Constant,
        "step" => ScheduleKind.Step,
        "cosine" or "cos" => ScheduleKind.Cosine,
        "paper" => ScheduleKind.Paper,
        _ => throw new ArgumentException($"Unknown schedule '{name}'. Known: constant, step, cosine, paper."),
    };
}
