using System.Diagnostics;

namespace LeNet.Pages;

/// <summary>
/// The time <see cref="PageReader.Find"/> spends in each of its stages, summed over the pages found while it
/// is attached (<see cref="PageReader.Profile"/>), stages in the order first seen: for measuring the page pass.
/// </summary>
internal sealed class PageProfile
{
    private readonly Stopwatch _clock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, TimeSpan> _totals = [];

    /// <summary>Pages found.</summary>
    public int Pages { get; private set; }

    /// <summary>Each stage with its total time, in the order first seen.</summary>
    public IEnumerable<(string Stage, TimeSpan Total)> Stages => _order.Select(stage => (stage, _totals[stage]));

    /// <summary>A page starts.</summary>
    public void Start()
    {
        Pages++;
        _clock.Restart();
    }

    /// <summary>The time since the last lap (or the start) goes to <paramref name="stage"/>.</summary>
    public void Lap(string stage)
    {
        if (!_totals.TryGetValue(stage, out TimeSpan total)) _order.Add(stage);
        _totals[stage] = total + _clock.Elapsed;
        _clock.Restart();
    }
}
