using LeNet.Training;

namespace LeNet.Cli.Benchmarking;

/// <summary>
/// <see cref="Trainer"/>'s own step, the one <c>lenet train</c> runs, for timing: each
/// <see cref="Step"/> trains on the next batch of a fixed pool of synthetic images
/// (<see cref="SyntheticData.Images"/>), taken in turn. The same batch stepped on again and again
/// would be fitted exactly: its errors then decay into subnormal numbers, which some cores (Intel's
/// among them) compute in microcode assists, tens of times slower, a case training on a data set
/// does not meet.
/// </summary>
internal sealed class SyntheticTraining : IDisposable
{
    /// <summary>Images in the pool by default (4 MB of 32x32 images).</summary>
    public const int DefaultSamples = 4096;

    private readonly Trainer.TrainingSteps _steps;
    private readonly ReadOnlyMemory<int>[] _batches;
    private readonly float _learningRate;
    private int _next;

    /// <summary>
    /// Steps of <paramref name="engine"/> under <paramref name="options"/> (its batch size, learning
    /// rate and seed, which also draws the images) over a pool of about <paramref name="samples"/>
    /// images: whole batches, at least one.
    /// </summary>
    public SyntheticTraining(INetwork engine, TrainingOptions options, int samples = DefaultSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        int batch = options.BatchSize, count = Math.Max(1, samples / batch);
        Trainer = new Trainer(engine, options);
        _steps = Trainer.BeginSteps(SyntheticData.Images(engine.Description, count * batch, options.Seed));
        _batches = Enumerable.Range(0, count).Select(b => (ReadOnlyMemory<int>)Enumerable.Range(b * batch, batch).ToArray()).ToArray();
        _learningRate = options.LearningRate;
    }

    /// <summary>The trainer whose steps these are (its parameters are the ones trained).</summary>
    public Trainer Trainer { get; }

    /// <summary>One step on the next batch of the pool, after the last the first again.</summary>
    public void Step()
    {
        _steps.Step(_batches[_next], _learningRate);
        _next = _next + 1 == _batches.Length ? 0 : _next + 1;
    }

    /// <inheritdoc/>
    public void Dispose() => _steps.Dispose();
}
