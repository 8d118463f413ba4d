using System.Buffers.Binary;
using System.IO.Compression;
using LeNet.Files;

namespace LeNet.Data;

/// <summary>
/// Reads IDX files (the format MNIST ships in): a big-endian header — two zero bytes, an element-type
/// byte, a dimension count, one 32-bit size per dimension — followed by the elements. Only unsigned
/// byte elements are supported: idx1-ubyte label files and idx3-ubyte image files, plain or
/// gzip-compressed (recognised by the gzip magic bytes, whatever the file's extension).
/// </summary>
/// <remarks>
/// Every malformed file is rejected with a <see cref="DataFormatException"/> that names the file and the
/// problem, before memory is spent on sizes the file does not back up; only regular files are opened.
/// </remarks>
internal static class IdxReader
{
    /// <summary>Magic number of a label file: unsigned bytes, one dimension.</summary>
    public const int LabelsMagic = (UnsignedByteType << 8) | LabelDimensions;
    /// <summary>Magic number of an image file: unsigned bytes, three dimensions.</summary>
    public const int ImagesMagic = (UnsignedByteType << 8) | ImageDimensions;

    private const byte UnsignedByteType = 0x08;
    private const int LabelDimensions = 1;
    private const int ImageDimensions = 3;
    private const int MagicLength = 4;
    private const int SizeLength = 4;
    private const byte GzipMagic0 = 0x1f, GzipMagic1 = 0x8b;
    private const int CopyBufferLength = 1 << 16;
    /// <summary>Compressed data is read into a buffer of this size at first, doubled as more arrives.</summary>
    private const int FirstChunkLength = 1 << 20;
    /// <summary>Largest file opened: the largest array of elements plus the longest header.</summary>
    private const long MaxFileBytes = (long)int.MaxValue + MagicLength + ImageDimensions * SizeLength;

    /// <summary>Reads an idx1-ubyte label file and checks every label is below <paramref name="classes"/>.</summary>
    /// <exception cref="DataFormatException">The file is not a well-formed label file, or a label is out of range.</exception>
    public static byte[] ReadLabels(string path, int classes = 10)
    {
        using Stream stream = Open(path);
        int[] sizes = ReadHeader(stream, path, LabelsMagic, "labels (idx1-ubyte)");
        byte[] labels = ReadElements(stream, path, sizes[0], "labels");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classes)
                throw new DataFormatException(path, $"label {labels[i]} at index {i} is out of range 0..{classes - 1}.");
        return labels;
    }

    /// <summary>
    /// Reads an idx3-ubyte image file. When <paramref name="rows"/> and <paramref name="columns"/> are
    /// given, the images must have exactly that size.
    /// </summary>
    /// <exception cref="DataFormatException">The file is not a well-formed image file, or its images have the wrong size.</exception>
    public static IdxImages ReadImages(string path, int? rows = null, int? columns = null)
    {
        using Stream stream = Open(path);
        int[] sizes = ReadHeader(stream, path, ImagesMagic, "images (idx3-ubyte)");
        (int count, int imageRows, int imageColumns) = (sizes[0], sizes[1], sizes[2]);
        if ((rows is not null && imageRows != rows) || (columns is not null && imageColumns != columns))
            throw new DataFormatException(path,
                $"images are {imageRows}x{imageColumns} but {rows?.ToString() ?? "any"}x{columns?.ToString() ?? "any"} are required.");
        long length = (long)count * imageRows * imageColumns;
        if (length > Array.MaxLength)
            throw new DataFormatException(path, $"the header announces {count} images of {imageRows}x{imageColumns} ({length} bytes), more than one array can hold.");
        byte[] pixels = ReadElements(stream, path, length, "pixel data");
        return new IdxImages(count, imageRows, imageColumns, pixels);
    }

    /// <summary>Reads an image file and its label file and checks they describe the same number of samples.</summary>
    /// <exception cref="DataFormatException">Either file is malformed, or the counts disagree.</exception>
    public static LabelledImages ReadLabelledImages(string imagesPath, string labelsPath, int rows = 28, int columns = 28, int classes = 10)
    {
        IdxImages images = ReadImages(imagesPath, rows, columns);
        byte[] labels = ReadLabels(labelsPath, classes);
        if (images.Count != labels.Length)
            throw new DataFormatException(imagesPath, $"holds {images.Count} images but the label file {labelsPath} holds {labels.Length} labels.");
        return new LabelledImages(Path.GetFileName(imagesPath), rows, columns, images.Pixels, labels, classes);
    }

    /// <summary>Opens <paramref name="path"/>, decompressing on the fly when it starts with the gzip magic bytes.</summary>
    /// <exception cref="DataFormatException">The file is empty, a pipe or a device, or too large.</exception>
    private static Stream Open(string path)
    {
        if (RegularFile.Problem(path, MaxFileBytes) is { } problem)
            throw new DataFormatException(path, $"the file {problem}.");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferLength);
        int first = file.ReadByte(), second = file.ReadByte();
        file.Position = 0;
        return first == GzipMagic0 && second == GzipMagic1 ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Reads and checks the magic number, then returns the dimension sizes.</summary>
    private static int[] ReadHeader(Stream stream, string path, int expectedMagic, string kind)
    {
        Span<byte> magicBytes = stackalloc byte[MagicLength];
        int found = ReadFully(stream, path, magicBytes);
        if (found < MagicLength)
            throw new DataFormatException(path, $"truncated header: expected at least {MagicLength} bytes, found {found}; the file may not be an IDX file.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
        if (magic != expectedMagic)
            throw new DataFormatException(path, DescribeWrongMagic(magicBytes, magic, expectedMagic, kind));

        int dimensions = expectedMagic & 0xff;
        var sizeBytes = new byte[dimensions * SizeLength];
        found = ReadFully(stream, path, sizeBytes);
        if (found < sizeBytes.Length)
            throw new DataFormatException(path, $"truncated header: expected {MagicLength + sizeBytes.Length} bytes, found {MagicLength + found}.");
        var sizes = new int[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            sizes[d] = BinaryPrimitives.ReadInt32BigEndian(sizeBytes.AsSpan(d * SizeLength));
            if (sizes[d] < 0 || (d > 0 && sizes[d] == 0))
                throw new DataFormatException(path, $"dimension {d} has size {sizes[d]}, which is not a valid size.");
        }
        return sizes;
    }

    /// <summary>Says why <paramref name="magic"/> is wrong: wrong element type, wrong dimension count, or not IDX at all.</summary>
    private static string DescribeWrongMagic(ReadOnlySpan<byte> bytes, int magic, int expectedMagic, string kind)
    {
        string numbers = $"magic number 0x{magic:X8} found, 0x{expectedMagic:X8} expected for {kind}";
        bool looksLikeIdx = bytes[0] == 0 && bytes[1] == 0;
        if (!looksLikeIdx)
            return $"{numbers}; the file may not be an IDX file (or it is compressed in a format other than gzip).";
        if (bytes[2] != UnsignedByteType)
            return $"{numbers}: element type 0x{bytes[2]:X2} ({ElementTypeName(bytes[2])}) is not unsigned byte (0x08); only ubyte IDX files are supported.";
        int expectedDimensions = expectedMagic & 0xff;
        return $"{numbers}: the file has {bytes[3]} dimension(s) but {kind} files have {expectedDimensions}"
            + (bytes[3] == LabelDimensions || bytes[3] == ImageDimensions ? "; were the image and label files swapped?" : ".");
    }

    private static string ElementTypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "short",
        0x0C => "int",
        0x0D => "float",
        0x0E => "double",
        _ => "unknown type",
    };

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes and checks nothing follows them. The header is checked
    /// against the data before memory is spent on it: a plain file's length must match at once, and
    /// compressed data is gathered as it arrives, so a header that lies costs only the data really there.
    /// </summary>
    private static byte[] ReadElements(Stream stream, string path, long length, string what)
    {
        if (stream.CanSeek)
        {
            long available = stream.Length - stream.Position;
            if (available < length)
                throw new DataFormatException(path, $"truncated {what}: the header announces {length} bytes, found {available}.");
            if (available > length)
                throw new DataFormatException(path, $"{available - length} bytes follow the {length} bytes of {what} the header announces; the header and the data disagree.");
        }
        // A file's size was checked against the header: it is read into one array of its size. A compressed
        // stream's is unknown, so its array grows with what arrives, and a header that lies costs no memory.
        var data = new byte[stream.CanSeek ? length : Math.Min(length, FirstChunkLength)];
        long total = 0;
        while (true)
        {
            int read = ReadFully(stream, path, data.AsSpan((int)total));
            total += read;
            if (total < data.Length || total == length) break;
            Array.Resize(ref data, (int)Math.Min(length, 2L * data.Length));
        }
        if (total < length)
            throw new DataFormatException(path, $"truncated {what}: the header announces {length} bytes, found {total}.");
        long extra = CountRemaining(stream, path);
        if (extra > 0)
            throw new DataFormatException(path, $"{extra} bytes follow the {length} bytes of {what} the header announces; the header and the data disagree.");
        return data;
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the stream allows; returns how many bytes were read.</summary>
    private static int ReadFully(Stream stream, string path, Span<byte> buffer)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int read = stream.Read(buffer[total..]);
                if (read == 0) break;
                total += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"the gzip data is corrupt ({e.Message}).");
        }
        return total;
    }

    private static long CountRemaining(Stream stream, string path)
    {
        Span<byte> sink = stackalloc byte[CopyBufferLength / 16];
        long extra = 0;
        int read;
        while ((read = ReadFully(stream, path, sink)) > 0) extra += read;
        return extra;
    }
}
