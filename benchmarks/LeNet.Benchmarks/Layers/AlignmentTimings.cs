using LeNet.Cli.Benchmarking;
using LeNet.Kernels;
using LeNet.Models;

using static LeNet.Benchmarks.Layers.KernelTiming;

namespace LeNet.Benchmarks.Layers;

/// <summary>
/// What the buffers' place in memory costs (<c>alignment [model...]</c>): the whole one-sample passes and the
/// block passes over 64 samples, one thread, on buffers laid out as the engines lay them
/// (<see cref="AlignedFloats"/>: a block's units and activations starting cache lines, the largest layer's
/// weights starting one), against the same buffers moved 16 bytes on, as a managed array may start.
/// </summary>
internal static class AlignmentTimings
{
    private const int Batch = 64;

    /// <summary>Bytes the second layout is moved by: a quarter of a line, where a fresh array often starts.</summary>
    private const int Moved = 16;

    public static void Run(ModelEntry model, TextWriter output)
    {
        INetwork network = model.Create();
        NetworkDescription d = network.Description;
        int lanes = network.BlockSize, blocks = Batch / lanes;
        double peak = FmaPeak.MeasureGflops(FmaPeak.WidestAccelerated, 1, TimeSpan.FromMilliseconds(20), 10) * 1e9;
        string Share(long multiplyAdds, int samples, double seconds) => $"{100 * multiplyAdds * samples * Workload.FlopsPerMultiplyAdd / seconds / peak,5:F1}%";
        long forwardMacs = d.MultiplyAdds, trainingMacs = Workload.TrainingMultiplyAdds(d);
        output.WriteLine($"Model {d.Name}: one thread, FMA peak {peak / 1e9:F1} GFLOP/s; µs per sample (one-sample passes) and per {Batch} samples (blocks of {lanes}), % of the peak.");
        foreach (int moved in new[] { 0, Moved, 0, Moved })
        {
            var random = new Random(1);
            Memory<float> Buffer(int length, float scale, int alignedIndex = 0) => Aligned(random, length, scale, alignedIndex, moved);
            Memory<float> parameters = Buffer(d.ParameterCount, 0.1f, AlignedFloats.WeightsToAlign(d)), gradient = Buffer(d.ParameterCount, 0f, AlignedFloats.WeightsToAlign(d));
            Memory<float> inputs = Buffer(lanes * d.Input.Size, 1f), activations = Buffer(lanes * d.ActivationCount, 0f);
            Memory<float> outputGradients = Buffer(lanes * d.Output.Size, 0.01f), scratch = Buffer(Math.Max(network.BlockScratchLength, network.ScratchLength), 0f);
            Span<float> Sample(Memory<float> buffer, int length) => buffer.Span[..length];
            double one = Best(() => network.Forward(parameters.Span, Sample(inputs, d.Input.Size), Sample(activations, d.ActivationCount)));
            double oneBoth = Best(() =>
            {
                network.Forward(parameters.Span, Sample(inputs, d.Input.Size), Sample(activations, d.ActivationCount));
                network.Backward(parameters.Span, Sample(inputs, d.Input.Size), Sample(activations, d.ActivationCount),
                    Sample(outputGradients, d.Output.Size), gradient.Span, Sample(scratch, network.ScratchLength));
            });
            double block = Best(() => { for (int b = 0; b < blocks; b++) network.ForwardBlock(parameters.Span, inputs.Span, activations.Span); });
            double blockBoth = Best(() =>
            {
                for (int b = 0; b < blocks; b++)
                {
                    network.ForwardBlock(parameters.Span, inputs.Span, activations.Span);
                    network.BackwardBlock(parameters.Span, inputs.Span, activations.Span, outputGradients.Span, gradient.Span, scratch.Span);
                }
            });
            string layout = moved == 0 ? "lines        " : $"{moved} bytes on  ";
            output.WriteLine($"  {layout} one sample: forward {one * 1e6,6:F2} µs {Share(forwardMacs, 1, one)}, with backward {oneBoth * 1e6,6:F2} µs {Share(trainingMacs, 1, oneBoth)}" +
                $"   blocks: forward {block * 1e6,7:F1} µs {Share(forwardMacs, Batch, block)}, with backward {blockBoth * 1e6,7:F1} µs {Share(trainingMacs, Batch, blockBoth)}");
        }
    }
}
