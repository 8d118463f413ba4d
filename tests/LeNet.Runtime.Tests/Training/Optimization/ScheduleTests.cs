namespace LeNet.Training.Tests;

public sealed class ScheduleTests
{
    private const int Steps = 100;

    [Theory]
    [InlineData(0, 0.0005f)]
    [InlineData(1, 0.0005f)]
    [InlineData(2, 0.0002f)]
    [InlineData(4, 0.0002f)]
    [InlineData(5, 0.0001f)]
    [InlineData(7, 0.0001f)]
    [InlineData(8, 0.00005f)]
    [InlineData(11, 0.00005f)]
    [InlineData(12, 0.00001f)]
    [InlineData(19, 0.00001f)]
    public void PaperScheduleGivesThePapersRatesAtPassBoundaries(int epochIndex, float expected)
    {
        var schedule = new PaperSchedule();
        Assert.Equal(expected, schedule.Rate(epochIndex, 0, Steps));
        Assert.Equal(expected, schedule.Rate(epochIndex, Steps - 1, Steps));
    }

    [Fact]
    public void PaperScheduleScalesToAnotherFirstRate()
    {
        var schedule = new PaperSchedule(0.0001f);
        Assert.Equal(0.0001f, schedule.Rate(1, 0, Steps));
        Assert.Equal(0.00004f, schedule.Rate(2, 0, Steps), 9);
        Assert.Equal(0.000002f, schedule.Rate(12, 0, Steps), 9);
    }

    [Fact]
    public void StepScheduleDropsEveryNPasses()
    {
        var schedule = new StepSchedule(0.1f, everyEpochs: 3, gamma: 0.5f);
        Assert.Equal(0.1f, schedule.Rate(2, Steps - 1, Steps));
        Assert.Equal(0.05f, schedule.Rate(3, 0, Steps));
        Assert.Equal(0.025f, schedule.Rate(6, 0, Steps));
    }

    [Fact]
    public void CosineScheduleAnnealsFromTheBaseRateToTheFloor()
    {
        var schedule = new CosineSchedule(0.1f, 0.001f, epochs: 4);
        Assert.Equal(0.1f, schedule.Rate(0, 0, Steps), 6);
        Assert.Equal(0.001f, schedule.Rate(3, Steps - 1, Steps), 6);
        Assert.InRange(schedule.Rate(2, 0, Steps), 0.049f, 0.052f); // half-way: (base + floor) / 2
        Assert.True(schedule.Rate(1, 10, Steps) > schedule.Rate(1, 11, Steps));
    }

    [Fact]
    public void CosineWarmUpClimbsLinearlyToTheBaseRate()
    {
        var schedule = new CosineSchedule(0.1f, 0f, epochs: 2, warmupSteps: 50);
        Assert.Equal(0.1f / 50, schedule.Rate(0, 0, Steps), 6);
        Assert.Equal(0.1f * 25 / 50, schedule.Rate(0, 24, Steps), 6);
        Assert.Equal(0.1f, schedule.Rate(0, 49, Steps), 6);
        Assert.Equal(0.1f, schedule.Rate(0, 50, Steps), 6);
        Assert.Equal(0f, schedule.Rate(1, Steps - 1, Steps), 6);
    }

    [Fact]
    public void CreateFollowsTheOptions()
    {
        Assert.Equal(0.0005f, Assert.IsType<PaperSchedule>(LearningRateSchedules.Create(TrainingOptions.Paper)).FirstRate);
        var cosine = Assert.IsType<CosineSchedule>(LearningRateSchedules.Create(new TrainingOptions
            { Schedule = ScheduleKind.Cosine, LearningRate = 0.2f, MinLearningRate = 0.01f, Epochs = 3, WarmupSteps = 7 }));
        Assert.Equal((0.2f, 0.01f, 3, 7), (cosine.BaseRate, cosine.Floor, cosine.Epochs, cosine.WarmupSteps));
        Assert.Equal(ScheduleKind.Step, LearningRateSchedules.Parse("Step"));
        Assert.Throws<ArgumentException>(() => LearningRateSchedules.Parse("exponential"));
    }
}
