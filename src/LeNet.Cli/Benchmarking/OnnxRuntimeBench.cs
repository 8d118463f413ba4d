using System.Globalization;
using System.Text;

namespace LeNet.Benchmarking;

/// <summary>
/// The ONNX Runtime rows of <c>lenet bench</c>: inference of the exported network against the generated
/// engine at batch 1 and 64, on one thread and on every worker, both timed by <see cref="RateMeter"/>
/// on the same synthetic parameters and inputs.
/// </summary>
internal static class OnnxRuntimeBench
{
    /// <summary>The batches measured.</summary>
    public static IReadOnlyList<int> Batches { get; } = [1, 64];

    /// <summary>One row: a batch and thread count, images per second of ONNX Runtime and of the generated engine.</summary>
    public sealed record Row(int Batch, int Threads, double OnnxRuntimeImagesPerSecond, double GeneratedImagesPerSecond)
    {
        /// <summary>How many times faster the generated engine is.</summary>
        public double Ratio => GeneratedImagesPerSecond / OnnxRuntimeImagesPerSecond;
    }

    /// <summary>Measures every row for <paramref name="network"/>, whose generated engine <paramref name="create"/> makes.</summary>
    public static IReadOnlyList<Row> Run(NetworkDescription network, Func<INetwork> create, QuickBenchOptions options, TextWriter? progress = null)
    {
        float[] parameters = SyntheticData.Parameters(network, options.Seed);
        float[] inputs = SyntheticData.Inputs(network, Batches.Max(), options.Seed);
        int[] threadCounts = options.EffectiveThreads == 1 ? [1] : [1, options.EffectiveThreads];
        var rows = new List<Row>();
        foreach (int threads in threadCounts)
            foreach (int batch in Batches)
            {
                progress?.WriteLine($"lenet: ONNX Runtime, batch {batch}, {threads} thread{(threads == 1 ? "" : "s")}");
                using var onnx = new OnnxRuntimeInference(network, parameters, inputs, batch, threads);
                var ours = new ParallelInference(create(), batch, workers: threads);
                double onnxRate = RateMeter.Measure(onnx.Run, options).CallsPerSecond * batch;
                double oursRate = RateMeter.Measure(() => ours.Run(parameters, inputs, batch), options).CallsPerSecond * batch;
                rows.Add(new Row(batch, threads, onnxRate, oursRate));
            }
        return rows;
    }

    /// <summary>The rows as a plain-text table.</summary>
    public static string Format(string model, IReadOnlyList<Row> rows)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        string[][] table =
        [
            ["workload", "unit", "generated", "ONNX Runtime", "ratio"],
            .. rows.Select(r => new[]
            {
                $"inference, batch {r.Batch}, {r.Threads} thread{(r.Threads == 1 ? "" : "s")}", "images/s",
                r.GeneratedImagesPerSecond.ToString("#,0", invariant), r.OnnxRuntimeImagesPerSecond.ToString("#,0", invariant),
                r.Ratio.ToString("0.00", invariant) + "x",
            }),
        ];
        int[] widths = [.. Enumerable.Range(0, table[0].Length).Select(c => table.Max(row => row[c].Length))];
        var text = new StringBuilder();
        text.Append(invariant, $"Model {model}: generated engine against ONNX Runtime {OnnxRuntimeVersion} on the exported model (lenet export; ratio = how many times faster).\n");
        foreach (string[] row in table)
            text.Append(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd()).Append('\n');
        return text.ToString();
    }

    private static string OnnxRuntimeVersion =>
        typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString(3) ?? "";
}
