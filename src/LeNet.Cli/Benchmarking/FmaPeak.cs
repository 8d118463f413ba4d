using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LeNet.Training;

namespace LeNet.Cli.Benchmarking;

/// <summary>The vector width an FMA kernel runs at.</summary>
internal enum VectorWidth
{
    /// <summary>8 floats (AVX2 / two NEON registers).</summary>
    Vector256,
    /// <summary>16 floats (AVX-512).</summary>
    Vector512,
}

/// <summary>
/// This machine's fused multiply-add throughput: a loop of <see cref="Accumulators"/> independent
/// vector FMA chains, enough to cover the FMA latency on every current x64 and Arm core, so the
/// FMA ports, not the dependency chains, are the limit. 2 FLOP per lane per FMA.
/// </summary>
internal static class FmaPeak
{
    /// <summary>Independent accumulator chains: FMA latency (4-5 cycles) times FMA ports (2), rounded up.</summary>
    public const int Accumulators = 12;

    /// <summary>The widest width the hardware runs natively: Vector512 only where it is accelerated.</summary>
    public static VectorWidth WidestAccelerated =>
        Vector512.IsHardwareAccelerated ? VectorWidth.Vector512 : VectorWidth.Vector256;

    /// <summary>Floats per vector at <paramref name="width"/>.</summary>
    public static int Lanes(VectorWidth width) => width == VectorWidth.Vector512 ? Vector512<float>.Count : Vector256<float>.Count;

    /// <summary>FLOP one loop iteration does on one thread: accumulators x lanes x 2.</summary>
    public static long FlopsPerIteration(VectorWidth width) => (long)Accumulators * Lanes(width) * Workload.FlopsPerMultiplyAdd;

    /// <summary>Runs the kernel for <paramref name="iterations"/> loop iterations on the calling thread; returns a checksum so the work cannot be dropped.</summary>
    public static float Run(VectorWidth width, long iterations) =>
        width == VectorWidth.Vector512 ? Run512(iterations) : Run256(iterations);

    /// <summary>
    /// Runs the kernel for <paramref name="iterations"/> on each of <paramref name="threads"/> threads
    /// started together, the calling thread one of them; returns when all are done.
    /// </summary>
    public static float RunParallel(VectorWidth width, int threads, long iterations) => RunTimed(width, threads, iterations).Checksum;

    /// <summary>
    /// Measures GFLOP/s on <paramref name="threads"/> threads: the iteration count is calibrated on one
    /// thread to take about <paramref name="runTime"/>, then <paramref name="runs"/> runs are timed
    /// and the best is returned, not the median, because the kernel itself does not vary: other
    /// processes can only make it look slower.
    /// </summary>
    public static double MeasureGflops(VectorWidth width, int threads, TimeSpan runTime, int runs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        // Calibrate on the calling thread (this also warms up): grow the count until a run takes a tenth of the target.
        long iterations = CalibrationStart;
        double seconds;
        while ((seconds = RunTimed(width, 1, iterations).Seconds) < runTime.TotalSeconds / 10) iterations *= 2;
        iterations = Math.Max(1, (long)(iterations * runTime.TotalSeconds / seconds));
        double best = 0;
        for (int r = 0; r < runs; r++)
            best = Math.Max(best, MeasureOnce(width, threads, iterations));
        return best;
    }

    /// <summary>One timed run of <paramref name="iterations"/> on each of <paramref name="threads"/> threads, in GFLOP/s.</summary>
    public static double MeasureOnce(VectorWidth width, int threads, long iterations) =>
        (double)FlopsPerIteration(width) * threads * iterations / RunTimed(width, threads, iterations).Seconds / 1e9;

    /// <summary>
    /// Runs the kernel on <paramref name="threads"/> workers of a crew (the calling thread is one) and
    /// times it from the moment they start to the moment the last one finishes (starting the threads
    /// is not timed).
    /// </summary>
    private static (float Checksum, double Seconds) RunTimed(VectorWidth width, int threads, long iterations)
    {
        var sums = new float[threads];
        using var crew = new WorkerCrew(threads);
        // An empty run first: the timed one then finds every worker awake and spinning.
        crew.Run(threads, _ => { });
        long begin = Stopwatch.GetTimestamp();
        crew.Run(threads, w => sums[w] = Run(width, iterations));
        return (sums.Sum(), Stopwatch.GetElapsedTime(begin).TotalSeconds);
    }

    /// <summary>Iterations the calibration starts from (well under a millisecond).</summary>
    private const long CalibrationStart = 1 << 14;

    // acc = acc * a + b with a just below 1 converges to b / (1 - a) = 1: no overflow, no denormals.
    private const float Decay = 0.999f, Drift = 0.001f;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run256(long iterations)
    {
        Vector256<float> a = Vector256.Create(Decay), b = Vector256.Create(Drift);
        // Distinct starting values, so no two chains are the same computation.
        Vector256<float> c0 = Vector256.Create(0.0f), c1 = Vector256.Create(0.1f), c2 = Vector256.Create(0.2f), c3 = Vector256.Create(0.3f);
        Vector256<float> c4 = Vector256.Create(0.4f), c5 = Vector256.Create(0.5f), c6 = Vector256.Create(0.6f), c7 = Vector256.Create(0.7f);
        Vector256<float> c8 = Vector256.Create(0.8f), c9 = Vector256.Create(0.9f), c10 = Vector256.Create(1.0f), c11 = Vector256.Create(1.1f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.MultiplyAddEstimate(c0, a, b); c1 = Vector256.MultiplyAddEstimate(c1, a, b);
            c2 = Vector256.MultiplyAddEstimate(c2, a, b); c3 = Vector256.MultiplyAddEstimate(c3, a, b);
            c4 = Vector256.MultiplyAddEstimate(c4, a, b); c5 = Vector256.MultiplyAddEstimate(c5, a, b);
            c6 = Vector256.MultiplyAddEstimate(c6, a, b); c7 = Vector256.MultiplyAddEstimate(c7, a, b);
            c8 = Vector256.MultiplyAddEstimate(c8, a, b); c9 = Vector256.MultiplyAddEstimate(c9, a, b);
            c10 = Vector256.MultiplyAddEstimate(c10, a, b); c11 = Vector256.MultiplyAddEstimate(c11, a, b);
        }
        return Vector256.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run512(long iterations)
    {
        Vector512<float> a = Vector512.Create(Decay), b = Vector512.Create(Drift);
        // Distinct starting values, so no two chains are the same computation.
        Vector512<float> c0 = Vector512.Create(0.0f), c1 = Vector512.Create(0.1f), c2 = Vector512.Create(0.2f), c3 = Vector512.Create(0.3f);
        Vector512<float> c4 = Vector512.Create(0.4f), c5 = Vector512.Create(0.5f), c6 = Vector512.Create(0.6f), c7 = Vector512.Create(0.7f);
        Vector512<float> c8 = Vector512.Create(0.8f), c9 = Vector512.Create(0.9f), c10 = Vector512.Create(1.0f), c11 = Vector512.Create(1.1f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.MultiplyAddEstimate(c0, a, b); c1 = Vector512.MultiplyAddEstimate(c1, a, b);
            c2 = Vector512.MultiplyAddEstimate(c2, a, b); c3 = Vector512.MultiplyAddEstimate(c3, a, b);
            c4 = Vector512.MultiplyAddEstimate(c4, a, b); c5 = Vector512.MultiplyAddEstimate(c5, a, b);
            c6 = Vector512.MultiplyAddEstimate(c6, a, b); c7 = Vector512.MultiplyAddEstimate(c7, a, b);
            c8 = Vector512.MultiplyAddEstimate(c8, a, b); c9 = Vector512.MultiplyAddEstimate(c9, a, b);
            c10 = Vector512.MultiplyAddEstimate(c10, a, b); c11 = Vector512.MultiplyAddEstimate(c11, a, b);
        }
        return Vector512.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
    }
}
