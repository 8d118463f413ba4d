namespace LeNet.Pages;

/// <summary>
/// The large arrays one page's search fills (the prepared ink, the straightened ink, the pyramid's levels),
/// kept by a <see cref="PageReader"/> from page to page. Fresh arrays of a page's size come from the large-object
/// heap in new memory, and the first write to each of its pages costs more than the arithmetic that fills it.
/// An array is reused while it is long enough, so a level or the ink may lie in a longer array than its sides
/// need. Never handed to a caller: what <see cref="PageReader.Find"/> returns holds none of them.
/// </summary>
internal sealed class PageBuffers
{
    private float[] _ink = [], _straightened = [];
    private readonly List<float[]> _levels = [];

    /// <summary>An array of at least <paramref name="length"/> values for the prepared ink; what it held is left.</summary>
    public float[] Ink(int length) => Fit(ref _ink, length);

    /// <summary>An array of at least <paramref name="length"/> values for the straightened ink; what it held is left.</summary>
    public float[] Straightened(int length) => Fit(ref _straightened, length);

    /// <summary>An array of at least <paramref name="length"/> values for level <paramref name="level"/> of the pyramid; what it held is left.</summary>
    public float[] Level(int level, int length)
    {
        while (_levels.Count <= level) _levels.Add([]);
        float[] buffer = _levels[level];
        float[] fitted = Fit(ref buffer, length);
        _levels[level] = fitted;
        return fitted;
    }

    private static float[] Fit(ref float[] buffer, int length)
    {
        if (buffer.Length < length) buffer = GC.AllocateUninitializedArray<float>(length);
        return buffer;
    }
}
