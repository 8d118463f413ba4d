using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace LeNet.Cli.Terminal;

/// <summary>
/// Progress of one piece of work (a training pass, a sweep) on stderr. On a terminal it is a
/// Spectre.Console progress bar redrawn in place, its text fitted to the terminal's width (the rate, then
/// the unit, then the time left give way first, so the caller's extra text, a running loss, stays); when stderr
/// is a file or a pipe it is one plain line at each tenth of the work, 100% once. The rate is the
/// caller's (a trainer measures its own throughput) or, failing that, the work done since this bar
/// was made; nothing is shown as a rate before a tenth of a second of work.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private const int BarWidth = 16;
    /// <summary>Columns taken by the bar, the percentage and the gaps between them.</summary>
    private const int FixedColumns = BarWidth + 6 + 4;
    private const double ShortestRateInterval = 0.1;
    private const int Tenths = 10;

    private readonly string _label;
    private readonly long _total;
    private readonly string _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IAnsiConsole? _console;
    private readonly ManualResetEventSlim _ready = new();
    private readonly ManualResetEventSlim _finished = new();
    private readonly Task? _display;
    private ProgressTask? _task;
    private int _lastTenth = -1;
    private bool _done;

    /// <summary>Starts showing progress of <paramref name="total"/> <paramref name="unit"/>.</summary>
    public ProgressBar(string label, long total, string unit = "samples")
    {
        _label = label;
        _total = Math.Max(0, total);
        _unit = unit;
        if (Console.IsErrorRedirected) return;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = AnsiSupport.Detect,
            Interactive = InteractionSupport.Detect,
        });
        if (!_console.Profile.Capabilities.Interactive || !_console.Profile.Capabilities.Ansi)
        {
            _console = null;
            return;
        }
        // Spectre's live display runs its refresh loop inside Start; it lives on its own thread until Done.
        _display = Task.Run(() => _console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth }, new PercentageColumn())
            .Start(context =>
            {
                _task = context.AddTask(Markup.Escape(Fit(0, null, "")), autoStart: true, maxValue: Math.Max(1, _total));
                _ready.Set();
                _finished.Wait();
                context.Refresh();
            }));
        _ready.Wait();
    }

    /// <summary>Shows <paramref name="done"/> of the total, at <paramref name="perSecond"/> when the caller measures the rate, with optional extra text (a running loss).</summary>
    public void Report(long done, double? perSecond = null, string extra = "")
    {
        if (_done) return;
        done = Math.Clamp(done, 0, _total);
        if (_task is not null)
        {
            _task.Description = Markup.Escape(Fit(done, perSecond, extra));
            _task.Value = done;
            return;
        }
        int tenth = _total == 0 ? Tenths : (int)(done * Tenths / _total);
        if (tenth == _lastTenth) return;
        _lastTenth = tenth;
        Console.Error.WriteLine($"{tenth * Tenths,3}% {Status.Of(Describe(done, perSecond, extra), int.MaxValue)}");
    }

    /// <summary>Takes the bar off the terminal so the next line prints cleanly; later reports are ignored.</summary>
    public void Done()
    {
        if (_done) return;
        _done = true;
        if (_display is null) return;
        _finished.Set();
        _display.GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Done();
        _ready.Dispose();
        _finished.Dispose();
    }

    private Status Describe(long done, double? perSecond, string extra)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        double? rate = perSecond is > 0 ? perSecond : seconds >= ShortestRateInterval && done > 0 ? done / seconds : null;
        return new Status(_label, string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{_total:N0}"), _unit,
            rate is double r ? string.Create(CultureInfo.InvariantCulture, $"{r:N0}/s") : "",
            rate is double left ? $"ETA {FormatTime((_total - done) / left)}" : "", extra);
    }

    /// <summary>The status fitted to the terminal beside the bar and the percentage.</summary>
    private string Fit(long done, double? perSecond, string extra) =>
        Status.Of(Describe(done, perSecond, extra), (_console?.Profile.Width ?? 80) - FixedColumns);

    /// <summary>The parts of a progress line, in the order they are shown.</summary>
    internal sealed record Status(string Label, string Count, string Unit, string Rate, string Eta, string Extra)
    {
        /// <summary>
        /// The line within <paramref name="room"/> columns: whole when it fits, else without the rate, then without the
        /// unit, then without the time left; the label, the count and the extra text (a running loss) go last, cut at the end.
        /// </summary>
        public static string Of(Status s, int room)
        {
            string countWithUnit = $"{s.Count} {s.Unit}";
            string[][] choices =
            [
                [s.Label, countWithUnit, s.Rate, s.Eta, s.Extra],
                [s.Label, countWithUnit, s.Eta, s.Extra],
                [s.Label, s.Count, s.Eta, s.Extra],
                [s.Label, s.Count, s.Extra],
            ];
            string line = "";
            foreach (string[] parts in choices)
            {
                line = string.Join("  ", parts.Where(p => p.Length > 0));
                if (line.Length <= room) return line;
            }
            return line[..Math.Max(0, room)];
        }
    }

    private static string FormatTime(double seconds) =>
        seconds >= 3600 ? FormattableString.Invariant($"{seconds / 3600:0.0}h")
        : seconds >= 60 ? FormattableString.Invariant($"{(int)seconds / 60}m{(int)seconds % 60:00}s")
        : FormattableString.Invariant($"{seconds:0}s");
}
