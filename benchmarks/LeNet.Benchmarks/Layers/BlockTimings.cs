using System.Reflection;
using LeNet.Cli.Benchmarking;
using LeNet.Kernels;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

using static LeNet.Benchmarks.Layers.KernelTiming;

namespace LeNet.Benchmarks.Layers;

/// <summary>
/// Where a batch's time goes (<c>blocks [model...]</c>): each layer's generated block kernels alone
/// (forward, and backward: input delta and weight gradient), the whole block passes, and the trainer's
/// step at batch 64 on one and two threads, each as a share of this thread's FMA peak. The kernels are
/// the generated class's private block methods, called through delegates on buffers of the block's
/// size; what the step adds to the block passes is the pipeline (encoding, loss, reduction, update,
/// hand-offs). Every figure is the best of many short windows, so a busy machine shows less of itself.
/// </summary>
internal static class BlockTimings
{
    private const int Batch = 64;

    private delegate void ForwardKernel(ref float parameters, ref float input, ref float output);
    private delegate void BackwardKernel(ref float parameters, ref float input, ref float output, ref float delta, ref float inputDelta, ref float work, ref float accumulator);
    private delegate void FirstBackwardKernel(ref float parameters, ref float input, ref float output, ref float delta, ref float work, ref float accumulator);

    public static void Run(ModelEntry model, TextWriter output)
    {
        INetwork network = model.Create();
        NetworkDescription d = network.Description;
        int lanes = network.BlockSize, blocks = Batch / lanes;
        double peak = FmaPeak.MeasureGflops(FmaPeak.WidestAccelerated, 1, TimeSpan.FromMilliseconds(20), 10) * 1e9;
        string Share(long multiplyAdds, double seconds) => $"{100 * multiplyAdds * Batch * Workload.FlopsPerMultiplyAdd / seconds / peak,5:F1}%";
        output.WriteLine($"Model {d.Name}: {Batch} samples in blocks of {lanes}, one thread; FMA peak {peak / 1e9:F1} GFLOP/s; µs per {Batch} samples and % of the peak.");

        var random = new Random(1);
        // Laid out as the engines lay their buffers: each starting a cache line, the parameters' largest layer's weights too.
        Memory<float> Values(int count, float scale, int alignedIndex = 0) => Aligned(random, count, scale, alignedIndex);
        int weights = AlignedFloats.WeightsToAlign(d);
        Memory<float> parameters = Values(d.ParameterCount, 0.1f, weights), gradient = Values(d.ParameterCount, 0f, weights);
        int buffer = lanes * (d.ActivationCount + d.LargestLayer) + network.BlockScratchLength;
        Memory<float> input = Values(buffer, 1f), outputs = Values(buffer, 0.5f), deltas = Values(buffer, 0.01f), delta = Values(buffer, 0f);
        Memory<float> inputDelta = Values(buffer, 0f), work = Values(buffer, 0f);
        const BindingFlags kernels = BindingFlags.NonPublic | BindingFlags.Static;
        long forwardSum = 0, backwardSum = 0;
        foreach (LayerInfo layer in d.Layers)
        {
            MethodInfo forward = network.GetType().GetMethod("ForwardBlock" + layer.Label, kernels)!, backward = network.GetType().GetMethod("BackwardBlock" + layer.Label, kernels)!;
            var f = forward.CreateDelegate<ForwardKernel>();
            double tf = Best(() => { for (int b = 0; b < blocks; b++) f(ref parameters.Span[0], ref input.Span[0], ref outputs.Span[0]); });
            Action kernel;
            if (backward.GetParameters().Length == 7)
            {
                var k = backward.CreateDelegate<BackwardKernel>();
                kernel = () => k(ref parameters.Span[0], ref input.Span[0], ref outputs.Span[0], ref delta.Span[0], ref inputDelta.Span[0], ref work.Span[0], ref gradient.Span[0]);
            }
            else
            {
                var k = backward.CreateDelegate<FirstBackwardKernel>();
                kernel = () => k(ref parameters.Span[0], ref input.Span[0], ref outputs.Span[0], ref delta.Span[0], ref work.Span[0], ref gradient.Span[0]);
            }
            // A backward pass scales its output delta in place by f'(a); each call starts again from the same deltas, so
            // that they do not shrink into denormals over the calls (which Intel cores compute in microcode). The copy's
            // own time is taken off.
            int size = lanes * layer.Output.Size;
            double copy = Best(() => { for (int b = 0; b < blocks; b++) deltas.Span[..size].CopyTo(delta.Span); });
            double tb = Math.Max(0, Best(() =>
            {
                for (int b = 0; b < blocks; b++)
                {
                    deltas.Span[..size].CopyTo(delta.Span);
                    kernel();
                }
            }) - copy);
            long macs = layer.MultiplyAdds, backwardMacs = layer.Index == 0 ? macs : 2 * macs;
            forwardSum += (long)(tf * 1e9);
            backwardSum += (long)(tb * 1e9);
            output.WriteLine($"  {layer.Label,-8} forward {tf * 1e6,8:F1} µs {(macs > 0 ? Share(macs, tf) : "     -")}   backward {tb * 1e6,8:F1} µs {(macs > 0 ? Share(backwardMacs, tb) : "     -")}");
        }
        long forwardMacs = d.MultiplyAdds, trainingMacs = Workload.TrainingMultiplyAdds(d);
        output.WriteLine($"  layers   forward {forwardSum / 1e3,8:F1} µs {Share(forwardMacs, forwardSum / 1e9)}   backward {backwardSum / 1e3,8:F1} µs");

        Memory<float> blockInputs = Values(lanes * d.Input.Size, 1f), activations = Values(lanes * d.ActivationCount, 0f);
        Memory<float> outputGradients = Values(lanes * d.Output.Size, 0.01f), scratch = Values(Math.Max(network.BlockScratchLength, network.ScratchLength), 0f);
        double whole = Best(() => { for (int b = 0; b < blocks; b++) network.ForwardBlock(parameters.Span, blockInputs.Span, activations.Span); });
        double both = Best(() =>
        {
            for (int b = 0; b < blocks; b++)
            {
                network.ForwardBlock(parameters.Span, blockInputs.Span, activations.Span);
                network.BackwardBlock(parameters.Span, blockInputs.Span, activations.Span, outputGradients.Span, gradient.Span, scratch.Span);
            }
        });
        output.WriteLine($"  ForwardBlock {whole * 1e6,8:F1} µs {Share(forwardMacs, whole)}   ForwardBlock + BackwardBlock {both * 1e6,8:F1} µs {Share(trainingMacs, both)}");
        foreach (int threads in new[] { 1, 2 })
        {
            using var steps = new SyntheticTraining(network, new TrainingOptions { BatchSize = Batch, Threads = threads, LearningRate = 0.001f, Seed = 1 });
            double step = Best(steps.Step);
            output.WriteLine($"  trainer step, {threads} thread(s) {step * 1e6,8:F1} µs {Share(trainingMacs, step * threads)} of {threads} x the peak");
        }
    }
}
