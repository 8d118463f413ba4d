using System.Diagnostics;

namespace LeNet.Cli.Terminal;

/// <summary>
/// A one-line progress bar on stderr with rate and ETA, redrawn in place. When stderr is not a
/// terminal (CI logs, pipes) it prints a plain line every 10% instead of carriage returns.
/// </summary>
public sealed class ProgressBar(string label, long total, string unit = "samples")
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private int _lastDecile = -1;

    /// <summary>Shows <paramref name="done"/> of the total, with optional extra text (a running loss).</summary>
    public void Report(long done, string extra = "")
    {
        double fraction = total == 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        double seconds = _clock.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? done / seconds : 0;
        double eta = rate > 0 ? (total - done) / rate : 0;
        string status = $"{label} {done,7:N0}/{total:N0} {unit}  {rate,8:N0}/s  ETA {FormatTime(eta)}  {extra}";
        if (_interactive)
        {
            int filled = (int)(fraction * Width);
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {status}\u001b[K");
            return;
        }
        int decile = (int)(fraction * 10);
        if (decile == _lastDecile) return;
        _lastDecile = decile;
        Console.Error.WriteLine($"{fraction,4:P0} {status}");
    }

    /// <summary>Clears the bar so the next line prints cleanly.</summary>
    public void Done()
    {
        if (_interactive) Console.Error.Write("\r\u001b[K");
    }

    private static string FormatTime(double seconds) =>
        seconds >= 3600 ? $"{seconds / 3600:0.0}h" : seconds >= 60 ? $"{(int)seconds / 60}m{(int)seconds % 60:00}s" : $"{seconds:0}s";
}
