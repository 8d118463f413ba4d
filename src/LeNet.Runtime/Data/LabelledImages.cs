namespace LeNet.Data;

/// <summary>
/// A set of grey-scale images with their labels, kept as bytes exactly as the IDX files store them
/// (0 = background, 255 = ink): 47 MB for MNIST's training set instead of 188 MB of floats. Images
/// are converted to network inputs per batch by an <see cref="InputEncoder"/>.
/// </summary>
public sealed class LabelledImages
{
    /// <summary>Wraps <paramref name="pixels"/> (count x rows x columns, row-major) and one label per image.</summary>
    /// <exception cref="ArgumentException">The arrays disagree with the stated sizes, or a label is not below <paramref name="classes"/>.</exception>
    public LabelledImages(string name, int rows, int columns, byte[] pixels, byte[] labels, int classes = 10)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentException($"{name}: image size {rows}x{columns} must be positive.");
        if (pixels.Length != labels.Length * rows * columns)
            throw new ArgumentException($"{name}: {pixels.Length} pixels do not make {labels.Length} images of {rows}x{columns}.");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classes)
                throw new ArgumentException($"{name}: label {labels[i]} of image {i} is out of range 0..{classes - 1}.");
        Name = name;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
        Labels = labels;
        Classes = classes;
    }

    /// <summary>Where the set came from (a file name), for messages.</summary>
    public string Name { get; }
    /// <summary>Image height.</summary>
    public int Rows { get; }
    /// <summary>Image width.</summary>
    public int Columns { get; }
    /// <summary>All images, back to back.</summary>
    public byte[] Pixels { get; }
    /// <summary>One label per image.</summary>
    public byte[] Labels { get; }
    /// <summary>Number of classes labels range over.</summary>
    public int Classes { get; }
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;
    /// <summary>Pixels of one image.</summary>
    public int ImageSize => Rows * Columns;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * ImageSize, ImageSize);

    /// <summary>
    /// Holds <paramref name="count"/> images out of the set, stratified by class: each class gives its share of
    /// <paramref name="count"/> in proportion to its size (largest remainders round), the images drawn by a
    /// permutation seeded with <paramref name="seed"/>. The two sets are disjoint, keep the set's order, and depend
    /// on the set, the count and the seed only.
    /// </summary>
    /// <returns>The images left for training and the <paramref name="count"/> held out for validation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or leaves no image to train on.</exception>
    public (LabelledImages Train, LabelledImages Validation) SplitValidation(int count, int seed)
    {
        if (count < 0 || count >= Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{Name}: a validation set of {count} images must be at least 0 and leave some of the {Count:N0} images to train on.");
        var members = new List<int>[Classes];
        for (int c = 0; c < Classes; c++) members[c] = [];
        for (int i = 0; i < Count; i++) members[Labels[i]].Add(i);

        // Each class's share, rounded down, then the images still owed to the largest remainders (lower class first on ties).
        var quota = new int[Classes];
        for (int c = 0; c < Classes; c++) quota[c] = (int)((long)count * members[c].Count / Count);
        int owed = count - quota.Sum();
        foreach (int c in Enumerable.Range(0, Classes).OrderByDescending(c => (long)count * members[c].Count % Count).ThenBy(c => c).Take(owed))
            quota[c]++;

        var random = new Random(seed);
        var held = new bool[Count];
        for (int c = 0; c < Classes; c++)
        {
            List<int> indices = members[c];
            // A partial Fisher-Yates shuffle: the first quota[c] places get a uniform sample of the class.
            for (int k = 0; k < quota[c]; k++)
            {
                int pick = random.Next(k, indices.Count);
                (indices[k], indices[pick]) = (indices[pick], indices[k]);
                held[indices[k]] = true;
            }
        }
        return (Subset(held, false, $"{Name}[training, {Count - count}]"), Subset(held, true, $"{Name}[validation, {count}]"));
    }

    private LabelledImages Subset(bool[] held, bool which, string name)
    {
        int count = held.Count(h => h == which);
        var pixels = new byte[count * ImageSize];
        var labels = new byte[count];
        int next = 0;
        for (int i = 0; i < Count; i++)
        {
            if (held[i] != which) continue;
            Image(i).CopyTo(pixels.AsSpan(next * ImageSize, ImageSize));
            labels[next++] = Labels[i];
        }
        return new LabelledImages(name, Rows, Columns, pixels, labels, Classes);
    }

    /// <summary>The first <paramref name="count"/> images (no copy of the others), for quick runs and tests.</summary>
    public LabelledImages Take(int count)
    {
        count = Math.Min(count, Count);
        return new LabelledImages($"{Name}[..{count}]", Rows, Columns, Pixels[..(count * ImageSize)], Labels[..count], Classes);
    }
}
