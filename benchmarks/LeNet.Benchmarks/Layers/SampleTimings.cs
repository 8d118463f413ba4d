using System.Reflection;
using LeNet.Cli.Benchmarking;
using LeNet.Kernels;
using LeNet.Data;
using LeNet.Models;
using LeNet.Training;

using static LeNet.Benchmarks.Layers.KernelTiming;

namespace LeNet.Benchmarks.Layers;

/// <summary>
/// Where one sample's time goes (<c>layers [model...]</c>): each layer's generated one-sample kernels
/// alone (forward, and backward: input delta and weight gradient), the whole passes, and the trainer's
/// one-sample step, each as a share of this thread's FMA peak. The kernels are the generated class's
/// private methods, called through delegates; what the step adds to the passes is the loss, the
/// encoding and the update. Every figure is the best of many short windows, so a busy machine shows
/// less of itself. <see cref="BlockTimings"/> is the same for a block of samples.
/// </summary>
internal static class SampleTimings
{

    private delegate void ForwardKernel(ref float parameters, ref float input, ref float output);
    private delegate void FirstBackwardKernel(ref float parameters, ref float input, ref float output, ref float delta, ref float accumulator);
    private delegate void BackwardKernel(ref float parameters, ref float input, ref float output, ref float delta, ref float inputDelta, ref float accumulator);
    private delegate void PaddedBackwardKernel(ref float parameters, ref float input, ref float output, ref float delta, ref float inputDelta, ref float padded, ref float accumulator);

    public static void Run(ModelEntry model, TextWriter output)
    {
        INetwork network = model.Create();
        NetworkDescription d = network.Description;
        double peak = FmaPeak.MeasureGflops(FmaPeak.WidestAccelerated, 1, TimeSpan.FromMilliseconds(20), 10) * 1e9;
        string Share(long multiplyAdds, double seconds) => $"{100 * multiplyAdds * Workload.FlopsPerMultiplyAdd / seconds / peak,5:F1}%";
        output.WriteLine($"Model {d.Name}: one sample, one thread; FMA peak {peak / 1e9:F1} GFLOP/s; µs per sample and % of the peak.");

        var random = new Random(1);
        // Laid out as the engines lay their buffers: each starting a cache line, the parameters' largest layer's weights too.
        Memory<float> Values(int count, float scale, int alignedIndex = 0) => Aligned(random, count, scale, alignedIndex);
        int weights = AlignedFloats.WeightsToAlign(d);
        Memory<float> parameters = Values(d.ParameterCount, 0.1f, weights), gradient = Values(d.ParameterCount, 0f, weights);
        int buffer = d.ActivationCount + d.LargestLayer + network.ScratchLength;
        Memory<float> input = Values(buffer, 1f), outputs = Values(buffer, 0.5f), deltas = Values(buffer, 0.01f), inputDelta = Values(buffer, 0f), padded = Values(buffer, 0f);
        // A backward pass scales its output delta in place by f'(a); each call starts again from the same deltas, so
        // that they do not shrink into denormals over the calls. The copy's own time is taken off.
        Memory<float> delta = Values(buffer, 0f);
        deltas.CopyTo(delta);
        const BindingFlags kernels = BindingFlags.NonPublic | BindingFlags.Static;
        double forwardSum = 0, backwardSum = 0;
        foreach (LayerInfo layer in d.Layers)
        {
            MethodInfo forward = network.GetType().GetMethod("Forward" + layer.Label, kernels)!, backward = network.GetType().GetMethod("Backward" + layer.Label, kernels)!;
            var f = forward.CreateDelegate<ForwardKernel>();
            double tf = Best(() => f(ref parameters.Span[0], ref input.Span[0], ref outputs.Span[0]));
            Action b = backward.GetParameters().Length switch
            {
                5 => Bind(backward.CreateDelegate<FirstBackwardKernel>()),
                6 => Bind(backward.CreateDelegate<BackwardKernel>()),
                _ => Bind(backward.CreateDelegate<PaddedBackwardKernel>()),
            };
            Action Bind(Delegate kernel) => kernel switch
            {
                FirstBackwardKernel k => () => k(ref parameters.Span[0], ref input.Span[0], ref outputs.Span[0], ref delta.Span[0], ref gradient.Span[0]),
                BackwardKernel k => () => k(ref parameters.Span[0], ref input.Span[0], ref outputs.Span[0], ref delta.Span[0], ref inputDelta.Span[0], ref gradient.Span[0]),
                PaddedBackwardKernel k => () => k(ref parameters.Span[0], ref input.Span[0], ref outputs.Span[0], ref delta.Span[0], ref inputDelta.Span[0], ref padded.Span[0], ref gradient.Span[0]),
                _ => throw new InvalidOperationException($"Unexpected kernel {kernel}."),
            };
            int size = layer.Output.Size;
            double copy = Best(() => deltas.Span[..size].CopyTo(delta.Span));
            double tb = Math.Max(0, Best(() => { deltas.Span[..size].CopyTo(delta.Span); b(); }) - copy);
            long macs = layer.MultiplyAdds, backwardMacs = layer.Index == 0 ? macs : 2 * macs;
            forwardSum += tf;
            backwardSum += tb;
            output.WriteLine($"  {layer.Label,-8} forward {tf * 1e6,8:F2} µs {(macs > 0 ? Share(macs, tf) : "     -")}   backward {tb * 1e6,8:F2} µs {(macs > 0 ? Share(backwardMacs, tb) : "     -")}");
        }
        long forwardMacs = d.MultiplyAdds, trainingMacs = Workload.TrainingMultiplyAdds(d);
        output.WriteLine($"  layers   forward {forwardSum * 1e6,8:F2} µs {Share(forwardMacs, forwardSum)}   backward {backwardSum * 1e6,8:F2} µs");

        Memory<float> sample = Values(d.Input.Size, 1f), activations = Values(d.ActivationCount, 0f);
        Memory<float> outputGradient = Values(d.Output.Size, 0.01f), scratch = Values(network.ScratchLength, 0f);
        double whole = Best(() => network.Forward(parameters.Span, sample.Span, activations.Span));
        double both = Best(() =>
        {
            network.Forward(parameters.Span, sample.Span, activations.Span);
            network.Backward(parameters.Span, sample.Span, activations.Span, outputGradient.Span, gradient.Span, scratch.Span);
        });
        output.WriteLine($"  Forward {whole * 1e6,8:F2} µs {Share(forwardMacs, whole)}   Forward + Backward {both * 1e6,8:F2} µs {Share(trainingMacs, both)}");
        using var steps = new SyntheticTraining(network, new TrainingOptions { BatchSize = 1, Threads = 1, LearningRate = 0.001f, Momentum = 0f, Seed = 1 });
        double step = Best(steps.Step);
        output.WriteLine($"  trainer step, batch 1 {step * 1e6,8:F2} µs {Share(trainingMacs, step)} ({(network is IFusedSgdStep ? "the fused SGD step" : "forward, backward and the update")})");
    }
}
