using System.Globalization;
using System.Text;
using LeNet.Files;

namespace LeNet.Cli.Commands;

/// <summary>One point of a global phase's curve.</summary>
/// <param name="Minutes">Minutes of training through the graph so far (the pool's composition not counted).</param>
/// <param name="Strips">Strips learned from so far.</param>
/// <param name="Criterion">The running criterion (nats per strip) over the last steps; NaN before the first.</param>
/// <param name="HeldOutRight">Share of the held-out strips read entirely right, or null when not measured at this point.</param>
internal sealed record GlobalCurveRow(double Minutes, long Strips, float Criterion, double? HeldOutRight);

/// <summary>
/// The curve of <c>lenet train --global</c>'s phase as CSV (<see cref="Header"/>): a row every few seconds with the
/// strips learned from and the running criterion, and every minute or so the share of held-out strips read right;
/// kept in memory and rewritten atomically after every row, so an interrupted run leaves a complete file.
/// </summary>
internal sealed class GlobalCurve(string path)
{
    /// <summary>The CSV header.</summary>
    public const string Header = "minutes,strips,criterion,heldout_right";

    private readonly List<GlobalCurveRow> _rows = [];

    /// <summary>The file written.</summary>
    public string Path => path;

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<GlobalCurveRow> Rows => _rows;

    /// <summary>Adds a row and rewrites the file.</summary>
    public void Append(GlobalCurveRow row)
    {
        _rows.Add(row);
        AtomicFile.WriteAllText(path, Format());
    }

    /// <summary>The file's text; a value not measured stays empty.</summary>
    public string Format()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (GlobalCurveRow row in _rows)
        {
            string criterion = float.IsNaN(row.Criterion) ? "" : row.Criterion.ToString("R", CultureInfo.InvariantCulture);
            string right = row.HeldOutRight is double r ? r.ToString("R", CultureInfo.InvariantCulture) : "";
            text.Append(CultureInfo.InvariantCulture, $"{row.Minutes:0.###},{row.Strips},{criterion},{right}\n");
        }
        return text.ToString();
    }
}
