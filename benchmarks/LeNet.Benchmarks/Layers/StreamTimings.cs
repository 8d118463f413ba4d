using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LeNet.Cli.Benchmarking;
using LeNet.Kernels;
using LeNet.Models;
using LeNet.Training;

using static LeNet.Benchmarks.Layers.KernelTiming;

namespace LeNet.Benchmarks.Layers;

/// <summary>
/// The memory floor of a one-sample pass over a model's largest weight block (<c>stream [model...]</c>):
/// one thread reading a buffer of that size (lenet5-classic's C5: 192 KB, more than L1 holds), then
/// reading and writing it back, as the layer's forward pass and its fused SGD step must, best of many
/// windows. The share of the FMA peak that layer's forward would reach if it took only the reading
/// time is the most any arrangement of its FMAs can give in that weight layout.
/// </summary>
internal static class StreamTimings
{
    public static void Run(ModelEntry model, TextWriter output)
    {
        NetworkDescription d = model.Create().Description;
        LayerInfo layer = d.Layers.MaxBy(l => l.ParameterCount)!;
        double peak = FmaPeak.MeasureGflops(FmaPeak.WidestAccelerated, 1, TimeSpan.FromMilliseconds(20), 10) * 1e9;
        // Laid out as the engines lay the weights, the buffer starting a cache line (AlignedFloats).
        int length = (layer.ParameterCount + 63) / 64 * 64;
        Memory<float> weights = new AlignedFloats(length).Memory;
        Values(new Random(1), length, 0.1f).CopyTo(weights);
        float sink = 0;
        double read = Best(() => sink += Read(weights.Span)), update = Best(() => Update(weights.Span, 1e-9f));
        double bytes = weights.Length * sizeof(float);
        output.WriteLine($"Model {d.Name}: {layer.Label}'s {bytes / 1000:F0} kB of parameters streamed by one thread; FMA peak {peak / 1e9:F1} GFLOP/s.");
        output.WriteLine($"  read             {read * 1e6,6:F2} µs  {bytes / read / 1e9,5:F0} GB/s   {layer.Label} forward at this speed: {100 * layer.MultiplyAdds * Workload.FlopsPerMultiplyAdd / read / peak,5:F1}% of the peak");
        output.WriteLine($"  read and write   {update * 1e6,6:F2} µs  {2 * bytes / update / 1e9,5:F0} GB/s{(sink == 1 ? " " : "")}");
    }

    /// <summary>Sums the buffer in four Vector512 accumulators (narrower vectors where the path has them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Read(Span<float> buffer)
    {
        ref float at = ref buffer[0];
        Vector512<float> s0 = Vector512<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < buffer.Length; i += 64)
        {
            s0 += Vector512.LoadUnsafe(ref at, (nuint)i);
            s1 += Vector512.LoadUnsafe(ref at, (nuint)(i + 16));
            s2 += Vector512.LoadUnsafe(ref at, (nuint)(i + 32));
            s3 += Vector512.LoadUnsafe(ref at, (nuint)(i + 48));
        }
        return Vector512.Sum(s0 + s1 + s2 + s3);
    }

    /// <summary>Adds <paramref name="step"/> to every value in place: the traffic of a fused SGD step's weight update.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Update(Span<float> buffer, float step)
    {
        ref float at = ref buffer[0];
        Vector512<float> add = Vector512.Create(step);
        for (int i = 0; i < buffer.Length; i += 16)
            Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref at, (nuint)i) + add, ref at, (nuint)i);
    }
}
