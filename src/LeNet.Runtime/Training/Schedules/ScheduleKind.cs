namespace LeNet.Training;

/// <summary>The learning-rate schedules <see cref="LearningRateSchedules.Create"/> builds.</summary>
public enum ScheduleKind
{
    /// <summary><see cref="ConstantSchedule"/>.</summary>
    Constant = 0,
    /// <summary><see cref="StepSchedule"/>.</summary>
    Step = 1,
    /// <summary><see cref="CosineSchedule"/>.</summary>
    Cosine = 2,
    /// <summary><see cref="PaperSchedule"/>.</summary>
    Paper = 3,
}
