using System.Globalization;
using System.Text;

namespace LeNet.Cli.Benchmarking;

/// <summary>How a row's figure reads: a rate (higher is better) or a latency (lower is better).</summary>
internal enum RowUnit
{
    /// <summary>Images per second through inference.</summary>
    ImagesPerSecond,
    /// <summary>Microseconds to infer one image.</summary>
    MicrosecondsPerImage,
    /// <summary>Training samples per second.</summary>
    SamplesPerSecond,
    /// <summary>Training steps per second.</summary>
    StepsPerSecond,
}

/// <summary>One workload timed on both engines.</summary>
/// <param name="Workload">What was run, e.g. "training, batch 64, 2 threads".</param>
/// <param name="Unit">How the figures read.</param>
/// <param name="SamplesPerCall">Samples one timed call processes (the batch).</param>
/// <param name="Threads">Threads the workload ran on; its FMA ceiling is the peak at that many threads.</param>
/// <param name="MultiplyAddsPerSample">Multiply-adds one sample costs in this workload.</param>
/// <param name="Generated">The generated engine's measurement.</param>
/// <param name="Generic">The generic engine's measurement.</param>
internal sealed record QuickBenchRow(string Workload, RowUnit Unit, int SamplesPerCall, int Threads, long MultiplyAddsPerSample,
    Measurement Generated, Measurement Generic)
{
    /// <summary>Samples per second of the generated engine.</summary>
    public double GeneratedSamplesPerSecond => Generated.CallsPerSecond * SamplesPerCall;
    /// <summary>Samples per second of the generic engine.</summary>
    public double GenericSamplesPerSecond => Generic.CallsPerSecond * SamplesPerCall;
    /// <summary>How many times faster the generated engine is.</summary>
    public double Speedup => Generated.CallsPerSecond / Generic.CallsPerSecond;
    /// <summary>Whether the allocation figures cover all the work (single-threaded rows only).</summary>
    public bool AllocationsMeasured => Threads == 1;
}

/// <summary>What <see cref="QuickBench"/> measured for one model, with the table it prints.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Width">The vector width the FMA peak was measured at.</param>
/// <param name="PeakGflopsOneThread">FMA peak of one core, GFLOP/s: the best a probe showed, on one thread or per thread on all, before or after the workloads.</param>
/// <param name="PeakGflopsAllThreads">FMA throughput measured on all the workers together, GFLOP/s: below
/// <paramref name="Threads"/> x <paramref name="PeakGflopsOneThread"/> when other processes share the cores.</param>
/// <param name="PeakGflopsAllThreadsAfter">The same, measured again after the workloads: the cores a run gets can change while it runs.</param>
/// <param name="Threads">Workers of the all-cores rows.</param>
/// <param name="Rows">The workloads.</param>
internal sealed record QuickBenchReport(string Model, VectorWidth Width, double PeakGflopsOneThread, double PeakGflopsAllThreads, double PeakGflopsAllThreadsAfter,
    int Threads, IReadOnlyList<QuickBenchRow> Rows)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const double Giga = 1e9, Micro = 1e6, Percent = 100;
    /// <summary>Below this share of the nominal all-threads peak, the cores were evidently shared with other work.</summary>
    private const double SharedMachineShare = 0.9;

    /// <summary>
    /// The FMA ceiling in FLOP/s of a workload on <paramref name="threads"/> threads: that many times the
    /// one-thread peak. The hardware's figure, not the measured all-threads one, which on a shared
    /// machine mostly measures the other processes.
    /// </summary>
    public double PeakFlops(int threads) => threads * PeakGflopsOneThread * Giga;

    /// <summary>The share (0..1) of the FMA ceiling <paramref name="samplesPerSecond"/> reaches in <paramref name="row"/>.</summary>
    public double ShareOfCeiling(QuickBenchRow row, double samplesPerSecond) =>
        Workload.ShareOfPeak(samplesPerSecond, row.MultiplyAddsPerSample, PeakFlops(row.Threads));

    /// <summary>
    /// How many times one thread's samples per second the generated engine's training reaches on
    /// <see cref="Threads"/> threads at the same batch; null without both rows.
    /// </summary>
    public double? ThreadScaling()
    {
        QuickBenchRow? all = Rows.FirstOrDefault(r => r.Unit == RowUnit.SamplesPerSecond && r.Threads == Threads && Threads > 1);
        QuickBenchRow? one = all is null ? null : Rows.FirstOrDefault(r => r.Unit == RowUnit.SamplesPerSecond && r.Threads == 1 && r.SamplesPerCall == all.SamplesPerCall);
        return all is null || one is null ? null : all.GeneratedSamplesPerSecond / one.GeneratedSamplesPerSecond;
    }

    /// <summary>The summary table, plain text with aligned columns.</summary>
    public string Format()
    {
        string[] header = ["workload", "unit", "generated", "generic", "ratio", "generated % of ceiling", "generic % of ceiling", "alloc B/call"];
        var table = new List<string[]> { header };
        foreach (QuickBenchRow row in Rows)
            table.Add(
            [
                row.Workload, UnitText(row.Unit), Figure(row, row.Generated), Figure(row, row.Generic),
                row.Speedup.ToString("0.0", Invariant) + "x",
                (ShareOfCeiling(row, row.GeneratedSamplesPerSecond) * Percent).ToString("0.0", Invariant) + "%",
                (ShareOfCeiling(row, row.GenericSamplesPerSecond) * Percent).ToString("0.00", Invariant) + "%",
                row.AllocationsMeasured
                    ? $"{row.Generated.AllocatedBytesPerCall.ToString("0", Invariant)} / {row.Generic.AllocatedBytesPerCall.ToString("0", Invariant)}"
                    : "-",
            ]);

        var text = new StringBuilder();
        text.Append(Invariant, $"Model {Model}: generated engine against the generic one (ratio = how many times faster).\n");
        double nominal = Threads * PeakGflopsOneThread, lowest = Math.Min(PeakGflopsAllThreads, PeakGflopsAllThreadsAfter);
        text.Append(Invariant, $"FMA peak ({Width}, 2 FLOP per lane, best probe before or after the workloads): {PeakGflopsOneThread:0.0} GFLOP/s on 1 thread; measured {PeakGflopsAllThreads:0.0} GFLOP/s on {Threads} threads before the workloads and {PeakGflopsAllThreadsAfter:0.0} after");
        text.Append(Invariant, $" ({PeakGflopsAllThreads / nominal * Percent:0}% and {PeakGflopsAllThreadsAfter / nominal * Percent:0}% of {Threads} x one thread");
        text.Append(lowest < SharedMachineShare * nominal ? ": the threads did not have a core each (other processes, or virtual CPUs sharing a core), so the all-threads rows are low).\n" : ").\n");
        text.Append(FormatTable(table));
        if (Rows.Any(r => r.Threads > 1))
        {
            int setAside = Rows.Sum(r => r.Generated.RunsSetAside + r.Generic.RunsSetAside);
            string[] gaveUp = Rows.Where(r => r.Generated.GaveUpWaiting || r.Generic.GaveUpWaiting).Select(r => r.Workload).ToArray();
            text.Append(Invariant, $"Runs on {Threads} threads count only between FMA probes on {Threads} threads that reach {CoreCheck.Share * Percent:0}% of {Threads} x one thread (each thread a core of its own): {setAside} run{(setAside == 1 ? "" : "s")} set aside");
            text.Append(gaveUp.Length == 0 ? ".\n" : $"; the cores stayed taken, so some runs count as they came, in: {string.Join("; ", gaveUp)}.\n");
        }
        if (ThreadScaling() is double scaling)
            text.Append(Invariant, $"Training at the same batch on {Threads} threads: {scaling:0.00} times one thread (generated engine).\n");
        text.Append("Ceiling = threads x one-thread FMA peak / (2 x multiply-adds per sample); allocations are generated / generic, single-thread rows only.\n");
        return text.ToString();
    }

    /// <summary>Writes <see cref="Format"/> to <paramref name="writer"/>.</summary>
    public void Write(TextWriter writer) => writer.Write(Format());

    private static string UnitText(RowUnit unit) => unit switch
    {
        RowUnit.ImagesPerSecond => "images/s",
        RowUnit.MicrosecondsPerImage => "µs/image",
        RowUnit.SamplesPerSecond => "samples/s",
        RowUnit.StepsPerSecond => "steps/s",
        _ => unit.ToString(),
    };

    private static string Figure(QuickBenchRow row, Measurement m) => row.Unit switch
    {
        RowUnit.MicrosecondsPerImage => (Micro / (m.CallsPerSecond * row.SamplesPerCall)).ToString("#,0.0", Invariant),
        RowUnit.StepsPerSecond => m.CallsPerSecond.ToString("#,0", Invariant),
        _ => (m.CallsPerSecond * row.SamplesPerCall).ToString("#,0", Invariant),
    };

    private static string FormatTable(List<string[]> rows)
    {
        int columns = rows[0].Length;
        var widths = new int[columns];
        foreach (string[] row in rows)
            for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        var text = new StringBuilder();
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                // The workload column reads left to right; figures align on the right.
                string cell = c == 0 ? rows[r][c].PadRight(widths[c]) : rows[r][c].PadLeft(widths[c]);
                text.Append(c == 0 ? "" : "  ").Append(cell);
            }
            text.Append('\n');
            if (r == 0) text.Append(new string('-', widths.Sum() + 2 * (columns - 1))).Append('\n');
        }
        return text.ToString();
    }
}
