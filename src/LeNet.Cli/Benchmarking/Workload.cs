namespace LeNet.Cli.Benchmarking;

/// <summary>
/// How much arithmetic a network costs per sample, the figures speed is compared against: a
/// throughput in samples/s becomes FLOP/s, and a machine's FMA peak becomes a ceiling in samples/s.
/// </summary>
internal static class Workload
{
    /// <summary>One multiply-add is one fused multiply-add instruction lane: a multiply and an add.</summary>
    public const int FlopsPerMultiplyAdd = 2;

    /// <summary>Multiply-adds of one forward pass (convolutions, full layers and RBF; pooling is not counted).</summary>
    public static long ForwardMultiplyAdds(NetworkDescription network) => network.MultiplyAdds;

    /// <summary>
    /// Multiply-adds of one training sample: the forward pass, the weight gradients (as many as the
    /// forward pass) and the input deltas (as many again, except for the first layer, whose input
    /// delta nobody needs). For lenet5-classic: 3 x 416,520 - 117,600 = 1,131,960.
    /// </summary>
    public static long TrainingMultiplyAdds(NetworkDescription network) =>
        3 * network.MultiplyAdds - network.Layers[0].MultiplyAdds;

    /// <summary>The best samples/s a workload of <paramref name="multiplyAdds"/> per sample could reach at <paramref name="peakFlops"/> FLOP/s.</summary>
    public static double CeilingSamplesPerSecond(double peakFlops, long multiplyAdds) =>
        peakFlops / ((double)FlopsPerMultiplyAdd * multiplyAdds);

    /// <summary>The share (0..1) of <paramref name="peakFlops"/> a rate of <paramref name="samplesPerSecond"/> uses.</summary>
    public static double ShareOfPeak(double samplesPerSecond, long multiplyAdds, double peakFlops) =>
        samplesPerSecond / CeilingSamplesPerSecond(peakFlops, multiplyAdds);
}
