using System.Diagnostics;
using LeNet.Pages;

namespace LeNet.Cli.Web;

/// <summary>What the demo page's page reader asks of the server: find and read the handwritten field on a page.</summary>
internal interface IPageFinder
{
    /// <summary>The detector, as <c>GET /api/model</c> names it.</summary>
    DemoModel Model { get; }

    /// <summary>Finds the field of kind <paramref name="kind"/> on <paramref name="page"/> and reads it.</summary>
    /// <param name="page">The page as luminance, 0 = black, 1 = white, any size up to <see cref="PageUpload.MaxPixels"/>.</param>
    /// <param name="kind">Envelope (the zip code) or cheque (the courtesy amount).</param>
    /// <param name="reject">The confidence below which the reading is marked rejected, 0..1.</param>
    PageFound Find(GreyImage page, PageKind kind, double reject);
}

/// <summary>A page's reading and how long the search took.</summary>
/// <param name="Reading">What was found, with <see cref="PageReading.RejectThreshold"/> the one asked for.</param>
/// <param name="Time">The search's time, from the page to the reading.</param>
internal sealed record PageFound(PageReading Reading, TimeSpan Time);

/// <summary>
/// An <see cref="IPageFinder"/> over a <see cref="PageReader"/>, as <c>lenet find</c> reads a page. A reader
/// owns its buffers, so requests take turns.
/// </summary>
/// <param name="reader">The page reader.</param>
/// <param name="model">What the page says about its detector.</param>
internal sealed class NetworkPageFinder(PageReader reader, DemoModel model) : IPageFinder
{
    /// <summary>The reader behind it.</summary>
    internal PageReader Reader { get; } = reader;

    private readonly Lock _turn = new();

    /// <inheritdoc/>
    public DemoModel Model { get; } = model;

    /// <inheritdoc/>
    public PageFound Find(GreyImage page, PageKind kind, double reject)
    {
        lock (_turn)
        {
            var clock = Stopwatch.StartNew();
            PageReading reading = Reader.Find(page, kind);
            return new PageFound(reading with { RejectThreshold = reject }, clock.Elapsed);
        }
    }
}
