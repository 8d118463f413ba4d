namespace LeNet.Pages;

/// <summary>
/// Groups the detector's confident positions into candidate lines: on each level, positions whose
/// handwriting probability reaches the threshold are joined when they are at most one row and
/// <see cref="LinkColumns"/> columns apart; groups of at least <see cref="MinPositions"/> become
/// candidates, scored by the mean over their columns of each column's best probability, to the power
/// <see cref="ScorePower"/>; across levels, a candidate overlapping a better one (<see cref="OverlapIoU"/>) is dropped.
/// </summary>
public static class CandidateFinder
{
    /// <summary>Positions across (4 level pixels each) that may separate two positions of one line: a gap between characters.</summary>
    public const int LinkColumns = 4;
    /// <summary>Fewest positions a candidate groups.</summary>
    public const int MinPositions = 3;
    /// <summary>
    /// The power a candidate's mean probability is raised to for its score. The detector's probabilities crowd
    /// near 1 (print digits about 0.9, handwriting 0.99): the power spreads them, so that when the field is chosen by
    /// score times reading confidence the detector weighs about as much as the reading.
    /// </summary>
    public const double ScorePower = 4;
    /// <summary>Intersection over union above which the weaker of two candidates is dropped.</summary>
    public const double OverlapIoU = 0.3;
    /// <summary>Level pixels from a line's centre row to its box's top and bottom: half its ink height (<see cref="PageWindows.InkHeight"/>).</summary>
    public const double HalfHeight = PageWindows.InkHeight / 2;
    /// <summary>Level pixels from the first and last positions' centres to the box's sides: half a character.</summary>
    public const double HalfCharacter = PageWindows.InkHeight / 2;

    /// <summary>
    /// The candidate lines of <paramref name="planes"/> whose positions reach <paramref name="threshold"/>,
    /// best first, overlapping weaker ones dropped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not a probability above 0.</exception>
    public static IReadOnlyList<FieldCandidate> Find(IEnumerable<DetectionPlane> planes, float threshold)
    {
        ArgumentNullException.ThrowIfNull(planes);
        if (!(threshold > 0 && threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a probability above 0.");
        var all = new List<FieldCandidate>();
        foreach (DetectionPlane plane in planes) all.AddRange(OnPlane(plane, threshold));
        all.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.Positions.CompareTo(a.Positions));
        var kept = new List<FieldCandidate>();
        foreach (FieldCandidate candidate in all)
            if (kept.All(k => k.Box.IoU(candidate.Box) < OverlapIoU)) kept.Add(candidate);
        return kept;
    }

    /// <summary>The groups of one plane, in no particular order.</summary>
    public static IReadOnlyList<FieldCandidate> OnPlane(DetectionPlane plane, float threshold)
    {
        ArgumentNullException.ThrowIfNull(plane);
        int rows = plane.Rows, columns = plane.Columns;
        ReadOnlySpan<float> handwriting = plane.Plane(LocatorAnswers.Handwriting);
        var parent = new int[rows * columns];
        for (int i = 0; i < parent.Length; i++) parent[i] = handwriting[i] >= threshold ? i : -1;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int i = r * columns + c;
                if (parent[i] < 0) continue;
                // Link to marked positions before it: the same row to the left, and the row above.
                for (int dc = 1; dc <= LinkColumns && c - dc >= 0; dc++)
                    if (parent[i - dc] >= 0) Union(parent, i, i - dc);
                if (r == 0) continue;
                for (int dc = -LinkColumns; dc <= LinkColumns; dc++)
                    if (c + dc >= 0 && c + dc < columns && parent[i - columns + dc] >= 0) Union(parent, i, i - columns + dc);
            }

        var groups = new Dictionary<int, Group>();
        for (int i = 0; i < parent.Length; i++)
        {
            if (parent[i] < 0) continue;
            int root = Find(parent, i);
            if (!groups.TryGetValue(root, out Group? group)) groups[root] = group = new Group(columns);
            group.Add(i / columns, i % columns, handwriting[i]);
        }
        var candidates = new List<FieldCandidate>();
        foreach (Group group in groups.Values)
            if (group.Count >= MinPositions) candidates.Add(group.Candidate(plane));
        return candidates;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    /// <summary>One group's positions: their extent, probability-weighted row, and each column's best probability.</summary>
    private sealed class Group(int columns)
    {
        private readonly float[] _columnBest = new float[columns];
        private double _weight, _weightedRow;
        private int _first = int.MaxValue, _last = -1;

        public int Count { get; private set; }

        public void Add(int row, int column, float probability)
        {
            Count++;
            _weight += probability;
            _weightedRow += probability * row;
            _first = Math.Min(_first, column);
            _last = Math.Max(_last, column);
            _columnBest[column] = Math.Max(_columnBest[column], probability);
        }

        public FieldCandidate Candidate(DetectionPlane plane)
        {
            double sum = 0;
            for (int c = _first; c <= _last; c++) sum += _columnBest[c];
            double score = Math.Pow(sum / (_last - _first + 1), ScorePower);
            double row = _weightedRow / _weight;
            double centreRow = Data.StripGeometry.Centre((float)row), left = Data.StripGeometry.Centre(_first), right = Data.StripGeometry.Centre(_last);
            double scale = plane.Scale;
            var box = new PageBox((left - HalfCharacter) / scale, (centreRow - HalfHeight) / scale,
                (right - left + 2 * HalfCharacter) / scale, 2 * HalfHeight / scale);
            return new FieldCandidate(box, scale, score, Count, centreRow, left, right);
        }
    }
}
