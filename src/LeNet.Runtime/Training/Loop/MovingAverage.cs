namespace LeNet.Training;

/// <summary>
/// The moving average of the parameters (<see cref="TrainingOptions.AverageDecay"/>): after each
/// step's update, each worker moves its slice of the average toward the parameters.
/// </summary>
internal sealed class MovingAverage(ReadOnlySpan<float> parameters, float decay)
{
    private long _steps;

    /// <summary>The averaged parameters.</summary>
    public float[] Values { get; } = parameters.ToArray();

    /// <summary>The share of the way the average moves after the current step (<see cref="NextStep"/>).</summary>
    public float Weight { get; private set; }

    /// <summary>Starts the average at <paramref name="parameters"/>, with no step taken.</summary>
    public void Restart(ReadOnlySpan<float> parameters)
    {
        parameters.CopyTo(Values);
        _steps = 0;
    }

    /// <summary>Sets <see cref="Weight"/> for the next step: a plain mean at first, then the decay.</summary>
    public void NextStep()
    {
        long n = _steps++;
        Weight = 1f - Math.Min(decay, (1f + n) / (10f + n));
    }

    /// <summary>Moves the average's slice [<paramref name="start"/>, + <paramref name="length"/>) toward the parameters.</summary>
    public void Move(ReadOnlySpan<float> parameters, int start, int length) =>
        SpanMath.MoveToward(Values.AsSpan(start, length), parameters.Slice(start, length), Weight);
}
