using LeNet.Kernels;
using LeNet.Training;

namespace LeNet.Cli.Benchmarking;

/// <summary>
/// A quick speed summary of one model without BenchmarkDotNet (for <c>lenet bench</c>): inference and
/// training on the generated engine against the generic one (inference only for a replicated
/// network, whose input is a strip or page), and this machine's FMA peak as the ceiling. Inference runs as deployed (<see cref="ParallelInference"/>); training runs
/// <see cref="Trainer"/>'s own step. Each figure is the median of several short <see cref="System.Diagnostics.Stopwatch"/> runs
/// after a warm-up, so a model takes a few seconds. A tool, not a test: timings depend on the machine
/// and whatever else runs on it.
/// </summary>
internal static class QuickBench
{
    /// <summary>Single-sample rows: inference latency and one-sample training steps.</summary>
    private const int SingleSample = 1;

    /// <summary>
    /// Measures <paramref name="generated"/> against <paramref name="generic"/> (the same network on
    /// two engines); <paramref name="progress"/>, when given, hears what is being measured.
    /// </summary>
    /// <exception cref="ArgumentException">The two engines do not describe the same network.</exception>
    public static QuickBenchReport Run(INetwork generated, INetwork generic, QuickBenchOptions? options = null, TextWriter? progress = null)
    {
        options ??= new QuickBenchOptions();
        NetworkDescription network = generated.Description;
        if (network.Signature != generic.Description.Signature)
            throw new ArgumentException(
                $"The engines run different networks: '{network.Name}' ({network.Signature}) and '{generic.Description.Name}' ({generic.Description.Signature}).",
                nameof(generic));
        int threads = options.EffectiveThreads;
        long forward = Workload.ForwardMultiplyAdds(network), training = Workload.TrainingMultiplyAdds(network);

        VectorWidth width = FmaPeak.WidestAccelerated;
        progress?.WriteLine($"FMA peak ({width}) on 1 and {threads} threads...");
        TimeSpan fmaRun = options.RunTime;
        double peakOne = FmaPeak.MeasureGflops(width, 1, fmaRun, options.Runs);
        double peakAll = FmaPeak.MeasureGflops(width, threads, fmaRun, options.Runs);

        var resources = new List<IDisposable>();
        try
        {
            var workloads = new List<(string Name, RowUnit Unit, int Samples, int Threads, long MultiplyAdds, Func<INetwork, Action> Make)>
            {
                ($"inference, batch {options.InferenceBatch}, {OnThreads(threads)}", RowUnit.ImagesPerSecond, options.InferenceBatch, threads, forward,
                    engine => Inference(engine, options, options.InferenceBatch, threads, resources)),
                ($"inference latency, batch {SingleSample}, {OnThreads(1)}", RowUnit.MicrosecondsPerImage, SingleSample, 1, forward,
                    engine => Inference(engine, options, SingleSample, 1, resources)),
            };
            // Training at the batch on every thread and, with more than one, on one: the report says what the others add.
            // A replicated network (a strip or page) answers at every window, not once per labelled sample: inference only.
            if (generated is not IReplicatedNetwork)
            {
                foreach (int t in threads > 1 ? [threads, 1] : new[] { 1 })
                    workloads.Add(($"training, batch {options.TrainingBatch}, {OnThreads(t)}", RowUnit.SamplesPerSecond, options.TrainingBatch, t, training,
                        engine => Training(engine, options, options.TrainingBatch, t, resources)));
                workloads.Add(($"training, batch {SingleSample}, {OnThreads(1)}", RowUnit.StepsPerSecond, SingleSample, 1, training,
                    engine => Training(engine, options, SingleSample, 1, resources)));
            }
            var operations = workloads.Select(w => (Generated: w.Make(generated), Generic: w.Make(generic))).ToArray();

            progress?.WriteLine("JIT warm-up (until no method has been compiled for a while)...");
            JitWarmUp.Run(operations.SelectMany(o => new[] { o.Generated, o.Generic }).ToArray(),
                options.JitWarmUpMinimum, options.JitQuietPeriod, options.JitWarmUpMaximum);

            var rows = new List<QuickBenchRow>();
            var cores = new CoreCheck(width, threads, peakOne, options.CoreProbe);
            for (int i = 0; i < workloads.Count; i++)
            {
                var w = workloads[i];
                progress?.WriteLine($"{w.Name}...");
                Func<bool>? check = w.Threads > 1 ? cores.EveryThreadHasACore : null;
                Measurement fast = RateMeter.Measure(operations[i].Generated, options, check);
                Measurement baseline = RateMeter.Measure(operations[i].Generic, options, check);
                rows.Add(new QuickBenchRow(w.Name, w.Unit, w.Samples, w.Threads, w.MultiplyAdds, fast, baseline));
            }
            double peakAllAfter = FmaPeak.MeasureGflops(width, threads, fmaRun, options.Runs);
            // A probe the host disturbed measures the host: the one-thread peak is the best any probe showed of one
            // core, before or after the workloads, so that a disturbed first probe cannot inflate every share.
            double peakOneAfter = FmaPeak.MeasureGflops(width, 1, fmaRun, options.Runs);
            double ceiling = Math.Max(Math.Max(peakOne, peakOneAfter), Math.Max(peakAll, peakAllAfter) / threads);
            return new QuickBenchReport(network.Name, width, ceiling, peakAll, peakAllAfter, threads, rows);
        }
        finally
        {
            foreach (IDisposable resource in resources) resource.Dispose();
        }
    }

    private static string OnThreads(int threads) => threads == 1 ? "1 thread" : $"{threads} threads";

    /// <summary>Inference as deployed (<see cref="ParallelInference"/>): a batch of inputs in, the outputs out.</summary>
    private static Action Inference(INetwork engine, QuickBenchOptions options, int batch, int threads, List<IDisposable> resources)
    {
        NetworkDescription d = engine.Description;
        // The parameters laid out as a Model keeps them (AlignedFloats.ForParameters).
        AlignedFloats parameters = AlignedFloats.ForParameters(d, SyntheticData.Parameters(d, options.Seed));
        float[] inputs = SyntheticData.Inputs(d, batch, options.Seed);
        var inference = new ParallelInference(engine, batch, threads);
        resources.Add(inference);
        return () => inference.Run(parameters.Memory, inputs, batch);
    }

    /// <summary>
    /// <see cref="Trainer"/>'s own step on batches of synthetic images taken in turn
    /// (<see cref="SyntheticTraining"/>): SGD with the trainer's default momentum, or plain SGD for one
    /// sample, which the generated engines run as their fused step.
    /// </summary>
    private static Action Training(INetwork engine, QuickBenchOptions options, int batch, int threads, List<IDisposable> resources)
    {
        var training = new SyntheticTraining(engine, new TrainingOptions
        {
            BatchSize = batch, Threads = threads, LearningRate = options.LearningRate, Seed = options.Seed,
            Momentum = batch == SingleSample ? 0f : SgdOptimizer.DefaultMomentum,
        }, options.TrainingSamples);
        resources.Add(training);
        return training.Step;
    }
}
