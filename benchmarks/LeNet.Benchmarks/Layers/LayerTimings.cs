using System.Diagnostics;

namespace LeNet.Benchmarks.Layers;

/// <summary>
/// `layers`: the one-sample forward pass and fused SGD step of every prefix of the classic and the
/// paper's LeNet-5 (<c>Prefixes.cs</c>), timed with a Stopwatch on the calling thread; a layer's time
/// is its prefix's minus the one before. Best of many short runs, so a busy machine inflates it less.
/// </summary>
internal static class LayerTimings
{
    private delegate void ForwardPass(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> activations);
    private delegate void SgdStep(Span<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> activations,
        ReadOnlySpan<float> outputGradient, float learningRate, Span<float> scratch);

    private sealed record Prefix(string Model, string Layer, int Parameters, int Input, int Activations, int Outputs, int Scratch,
        ForwardPass Forward, SgdStep Step);

    private static readonly Prefix[] Prefixes =
    [
        new("classic", "C1", ClassicToC1.ParameterCount, ClassicToC1.InputSize, ClassicToC1.ActivationCount, ClassicToC1.OutputSize, ClassicToC1.ScratchSize, ClassicToC1.Forward, ClassicToC1.SgdStep),
        new("classic", "S2", ClassicToS2.ParameterCount, ClassicToS2.InputSize, ClassicToS2.ActivationCount, ClassicToS2.OutputSize, ClassicToS2.ScratchSize, ClassicToS2.Forward, ClassicToS2.SgdStep),
        new("classic", "C3", ClassicToC3.ParameterCount, ClassicToC3.InputSize, ClassicToC3.ActivationCount, ClassicToC3.OutputSize, ClassicToC3.ScratchSize, ClassicToC3.Forward, ClassicToC3.SgdStep),
        new("classic", "S4", ClassicToS4.ParameterCount, ClassicToS4.InputSize, ClassicToS4.ActivationCount, ClassicToS4.OutputSize, ClassicToS4.ScratchSize, ClassicToS4.Forward, ClassicToS4.SgdStep),
        new("classic", "C5", ClassicToC5.ParameterCount, ClassicToC5.InputSize, ClassicToC5.ActivationCount, ClassicToC5.OutputSize, ClassicToC5.ScratchSize, ClassicToC5.Forward, ClassicToC5.SgdStep),
        new("classic", "F6", ClassicToF6.ParameterCount, ClassicToF6.InputSize, ClassicToF6.ActivationCount, ClassicToF6.OutputSize, ClassicToF6.ScratchSize, ClassicToF6.Forward, ClassicToF6.SgdStep),
        new("classic", "F7", ClassicToF7.ParameterCount, ClassicToF7.InputSize, ClassicToF7.ActivationCount, ClassicToF7.OutputSize, ClassicToF7.ScratchSize, ClassicToF7.Forward, ClassicToF7.SgdStep),
        new("classic", "OUTPUT", ClassicToOutput.ParameterCount, ClassicToOutput.InputSize, ClassicToOutput.ActivationCount, ClassicToOutput.OutputSize, ClassicToOutput.ScratchSize, ClassicToOutput.Forward, ClassicToOutput.SgdStep),
        new("paper", "C1", PaperToC1.ParameterCount, PaperToC1.InputSize, PaperToC1.ActivationCount, PaperToC1.OutputSize, PaperToC1.ScratchSize, PaperToC1.Forward, PaperToC1.SgdStep),
        new("paper", "S2", PaperToS2.ParameterCount, PaperToS2.InputSize, PaperToS2.ActivationCount, PaperToS2.OutputSize, PaperToS2.ScratchSize, PaperToS2.Forward, PaperToS2.SgdStep),
        new("paper", "C3", PaperToC3.ParameterCount, PaperToC3.InputSize, PaperToC3.ActivationCount, PaperToC3.OutputSize, PaperToC3.ScratchSize, PaperToC3.Forward, PaperToC3.SgdStep),
        new("paper", "S4", PaperToS4.ParameterCount, PaperToS4.InputSize, PaperToS4.ActivationCount, PaperToS4.OutputSize, PaperToS4.ScratchSize, PaperToS4.Forward, PaperToS4.SgdStep),
        new("paper", "C5", PaperToC5.ParameterCount, PaperToC5.InputSize, PaperToC5.ActivationCount, PaperToC5.OutputSize, PaperToC5.ScratchSize, PaperToC5.Forward, PaperToC5.SgdStep),
        new("paper", "F6", PaperToF6.ParameterCount, PaperToF6.InputSize, PaperToF6.ActivationCount, PaperToF6.OutputSize, PaperToF6.ScratchSize, PaperToF6.Forward, PaperToF6.SgdStep),
        new("paper", "OUTPUT", PaperToOutput.ParameterCount, PaperToOutput.InputSize, PaperToOutput.ActivationCount, PaperToOutput.OutputSize, PaperToOutput.ScratchSize, PaperToOutput.Forward, PaperToOutput.SgdStep),
    ];

    // Many short runs: on a busy machine some of them still run without being preempted, and the best is theirs.
    private const int Calls = 20, Runs = 400, WarmUp = 4000;

    public static void Run(TextWriter output)
    {
        output.WriteLine("model    layer    forward µs  step µs   (one thread; a layer = its prefix minus the one before; best of 400 runs of 20 calls)");
        foreach (IGrouping<string, Prefix> model in Prefixes.GroupBy(prefix => prefix.Model))
        {
            double forwardBefore = 0, stepBefore = 0;
            foreach (Prefix prefix in model)
            {
                (double forward, double step) = Time(prefix);
                output.WriteLine($"{prefix.Model,-8} {prefix.Layer,-8} {forward - forwardBefore,10:F2} {step - stepBefore,8:F2}");
                forwardBefore = forward;
                stepBefore = step;
            }
            output.WriteLine($"{model.Key,-8} {"whole",-8} {forwardBefore,10:F2} {stepBefore,8:F2}");
        }
    }

    /// <summary>Microseconds per call of the prefix's forward pass and of its fused step (the step alone, on fixed activations).</summary>
    private static (double Forward, double Step) Time(Prefix prefix)
    {
        var random = new Random(1);
        float[] parameters = Enumerable.Range(0, prefix.Parameters).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
        float[] input = Enumerable.Range(0, prefix.Input).Select(_ => (float)random.NextDouble()).ToArray();
        float[] activations = new float[prefix.Activations], scratch = new float[prefix.Scratch];
        float[] outputGradient = Enumerable.Range(0, prefix.Outputs).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        prefix.Forward(parameters, input, activations);
        double forward = Best(() => prefix.Forward(parameters, input, activations));
        double step = Best(() => prefix.Step(parameters, input, activations, outputGradient, 1e-6f, scratch));
        return (forward, step);
    }

    private static double Best(Action call)
    {
        for (int i = 0; i < WarmUp; i++) call();
        double best = double.MaxValue;
        for (int run = 0; run < Runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < Calls; i++) call();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / Calls);
        }
        return best;
    }
}
