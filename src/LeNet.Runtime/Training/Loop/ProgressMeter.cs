using System.Diagnostics;

namespace LeNet.Training;

/// <summary>
/// Progress of a training run: the time spent training (evaluation excluded), the samples trained,
/// the rate and the time remaining, reported at most every <see cref="Trainer.ProgressInterval"/> seconds.
/// </summary>
internal sealed class ProgressMeter
{
    private readonly Stopwatch _clock = new();
    private long _samplesTrained, _lastReport;

    /// <summary>Starts a run: nothing trained, no time spent.</summary>
    public void StartRun()
    {
        _clock.Reset();
        _samplesTrained = 0;
    }

    /// <summary>Starts the clock for a pass.</summary>
    public void StartPass()
    {
        _lastReport = Stopwatch.GetTimestamp();
        _clock.Start();
    }

    /// <summary>Stops the clock after a pass.</summary>
    public void StopPass() => _clock.Stop();

    /// <summary>Counts <paramref name="samples"/> more trained samples.</summary>
    public void Trained(int samples) => _samplesTrained += samples;

    /// <summary>True, once per <see cref="Trainer.ProgressInterval"/>, when a report is due.</summary>
    public bool Due()
    {
        if (Stopwatch.GetElapsedTime(_lastReport).TotalSeconds < Trainer.ProgressInterval) return false;
        _lastReport = Stopwatch.GetTimestamp();
        return true;
    }

    /// <summary>
    /// The progress of pass <paramref name="epoch"/> (from 0) of <paramref name="epochs"/>, each of
    /// <paramref name="passSize"/> samples, as <paramref name="tally"/> stands.
    /// </summary>
    public TrainingProgress Snapshot(int epoch, int epochs, int passSize, PassTally tally)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        long runSamples = (long)epochs * passSize;
        double perSecond = seconds > 0 ? _samplesTrained / seconds : 0;
        TimeSpan remaining = perSecond > 0 ? TimeSpan.FromSeconds((runSamples - _samplesTrained) / perSecond) : TimeSpan.Zero;
        return new TrainingProgress(epoch + 1, epochs, tally.Done, passSize, perSecond, remaining,
            tally.Done == 0 ? 0 : tally.LossSum / tally.Done, tally.Done == 0 ? 0 : (double)tally.Correct / tally.Done, tally.Rate);
    }
}
