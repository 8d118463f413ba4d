using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LeNet.Benchmarks;

/// <summary>
/// A column derived from a benchmark's median time: some amount of work per invocation divided by
/// the time, scaled and formatted (samples/s, GFLOP/s, time per sample). The median, not the mean,
/// because on a shared machine other processes add outliers that only ever slow a run down. BenchmarkDotNet's
/// <c>OperationsPerInvoke</c> must be a compile-time constant, so work that depends on a parameter
/// (the batch) is accounted for here instead.
/// </summary>
/// <param name="name">Column header.</param>
/// <param name="legend">Explanation shown under the table.</param>
/// <param name="value">From (case, median nanoseconds per operation) to the figure, or null when it does not apply.</param>
/// <param name="format">Number format of the figure.</param>
public sealed class ThroughputColumn(string name, string legend, Func<BenchmarkCase, double, double?> value, string format) : IColumn
{
    public string Id => $"{nameof(ThroughputColumn)}.{name}";
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics) return "NA";
        double? figure = value(benchmarkCase, statistics.Median);
        return figure is { } f ? f.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    /// <summary>The value of parameter <paramref name="parameter"/> of <paramref name="benchmarkCase"/>, or null when it has none (a joined table mixes classes).</summary>
    public static T? Parameter<T>(BenchmarkCase benchmarkCase, string parameter) where T : struct =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == parameter)?.Value is T value ? value : null;

    /// <summary>The string parameter <paramref name="parameter"/>, or null.</summary>
    public static string? Text(BenchmarkCase benchmarkCase, string parameter) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == parameter)?.Value as string;
}
