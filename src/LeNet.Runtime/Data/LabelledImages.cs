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

    /// <summary>The first <paramref name="count"/> images (no copy of the others), for quick runs and tests.</summary>
    public LabelledImages Take(int count)
    {
        count = Math.Min(count, Count);
        return new LabelledImages($"{Name}[..{count}]", Rows, Columns, Pixels[..(count * ImageSize)], Labels[..count], Classes);
    }
}
