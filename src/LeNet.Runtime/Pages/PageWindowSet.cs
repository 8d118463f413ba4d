using LeNet.Data;

namespace LeNet.Pages;

/// <summary>
/// Collects labelled 32x32 windows cut from whole pages into one set, the pages cut on every core in chunks, the
/// set the same whatever the number of cores: the detector's (<see cref="PageWindows"/>) and the verifier's
/// (<see cref="VerifierWindows"/>) training material.
/// </summary>
internal static class PageWindowSet
{
    private const int Field = StripGeometry.Field, WindowSize = Field * Field, PagesPerChunk = 16, ChunksPerCore = 4;

    /// <summary>
    /// <paramref name="count"/> windows of <paramref name="classes"/> answers: those <paramref name="cut"/> makes of page
    /// 0, 1, ... in order, each core cutting with its own <paramref name="worker"/> (what a core keeps from page to
    /// page); <paramref name="progress"/>, when given, hears the windows collected so far.
    /// </summary>
    public static LabelledImages Collect<TWorker>(Func<TWorker> worker, Func<TWorker, int, (byte[] Pixels, byte[] Labels)> cut, int count, string name,
        int classes, IProgress<long>? progress)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var pixels = new byte[(long)count * WindowSize];
        var labels = new byte[count];
        int made = 0;
        var chunks = new List<(byte[] Pixels, byte[] Labels)>[Math.Max(1, Environment.ProcessorCount) * ChunksPerCore];
        for (int first = 0; made < count; first += chunks.Length * PagesPerChunk)
        {
            Parallel.For(0, chunks.Length, worker, (c, _, state) =>
            {
                var windows = new List<(byte[] Pixels, byte[] Labels)>();
                for (int index = first + c * PagesPerChunk; index < first + (c + 1) * PagesPerChunk; index++) windows.Add(cut(state, index));
                chunks[c] = windows;
                return state;
            }, _ => { });
            foreach (var chunk in chunks)
                foreach ((byte[] windowPixels, byte[] windowLabels) in chunk)
                {
                    int taken = Math.Min(windowLabels.Length, count - made);
                    windowPixels.AsSpan(0, taken * WindowSize).CopyTo(pixels.AsSpan(made * WindowSize));
                    windowLabels.AsSpan(0, taken).CopyTo(labels.AsSpan(made));
                    made += taken;
                }
            progress?.Report(made);
        }
        return new LabelledImages(name, Field, Field, pixels, labels, classes);
    }
}
