using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LeNet.Benchmarks;

/// <summary>
/// How many times faster than the baseline of its group a case is: baseline median / this median,
/// roughly the inverse of BenchmarkDotNet's Ratio column (means; reads as a time, lower is better).
/// </summary>
public sealed class SpeedupColumn : IColumn
{
    public string Id => nameof(SpeedupColumn);
    public string ColumnName => "Speed-up";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => -1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Baseline (generic engine, one thread) median divided by this median: how many times faster";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        double? mine = summary[benchmarkCase]?.ResultStatistics?.Median;
        double? theirs = baseline is null ? null : summary[baseline]?.ResultStatistics?.Median;
        return mine is { } m && theirs is { } t ? (t / m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x" : "-";
    }
}
