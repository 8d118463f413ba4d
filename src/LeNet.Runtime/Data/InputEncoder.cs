using System.Runtime.Intrinsics;

namespace LeNet.Data;

/// <summary>
/// Turns a byte image into a network input the way the paper prepares MNIST: the image is centred in
/// the (larger) input field, whose border is background (28x28 padded by 2 to LeNet-5's 32x32), and
/// pixels are scaled so background is -0.1 and full ink 1.175, which makes the mean input roughly 0
/// and the variance roughly 1 (paper, section II.B).
/// </summary>
public sealed class InputEncoder
{
    /// <summary>Value of a background (0) pixel.</summary>
    public const float Background = -0.1f;
    /// <summary>Value of a full-ink (255) pixel.</summary>
    public const float Ink = 1.175f;

    private readonly float[] _table = new float[256];
    private readonly int _rows, _columns, _top, _left, _inputHeight, _inputWidth;

    /// <summary>An encoder from <paramref name="rows"/> x <paramref name="columns"/> images to inputs of shape <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The images are larger than the input field or the network wants more than one channel.</exception>
    public InputEncoder(Shape input, int rows, int columns)
    {
        if (input.Channels != 1)
            throw new ArgumentException($"The network's input has {input.Channels} channels; grey-scale images give one.");
        if (rows > input.Height || columns > input.Width)
            throw new ArgumentException($"Images of {rows}x{columns} do not fit the network's {input.Height}x{input.Width} input.");
        _rows = rows;
        _columns = columns;
        _inputHeight = input.Height;
        _inputWidth = input.Width;
        _top = (input.Height - rows) / 2;
        _left = (input.Width - columns) / 2;
        for (int p = 0; p < 256; p++) _table[p] = Level(p);
    }

    /// <summary>Number of floats one encoded input takes.</summary>
    public int InputSize => _inputHeight * _inputWidth;

    /// <summary>Writes the input for <paramref name="image"/> into <paramref name="input"/>.</summary>
    public void Encode(ReadOnlySpan<byte> image, Span<float> input)
    {
        if (_rows < _inputHeight || _columns < _inputWidth) input[..InputSize].Fill(Background);
        for (int r = 0; r < _rows; r++)
        {
            ReadOnlySpan<byte> row = image.Slice(r * _columns, _columns);
            Span<float> target = input.Slice((_top + r) * _inputWidth + _left, _columns);
            int c = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // 16 pixels at a time, the same arithmetic as the table's.
                for (; c <= row.Length - Vector128<byte>.Count; c += Vector128<byte>.Count)
                {
                    (Vector128<ushort> low, Vector128<ushort> high) = Vector128.Widen(Vector128.Create(row[c..]));
                    (Vector256<uint> first, Vector256<uint> second) = Vector256.Widen(Vector256.Create(low, high));
                    Level(first).CopyTo(target[c..]);
                    Level(second).CopyTo(target[(c + Vector256<float>.Count)..]);
                }
            }
            for (; c < row.Length; c++) target[c] = _table[row[c]];
        }
    }

    /// <summary>The input value of pixel level <paramref name="pixel"/> (0..255); <see cref="Level(Vector256{uint})"/> is the same arithmetic, lane by lane.</summary>
    private static float Level(int pixel) => Background + (Ink - Background) * pixel / 255f;

    private static Vector256<float> Level(Vector256<uint> pixels) =>
        Vector256.Create(Background) + Vector256.Create(Ink - Background) * Vector256.ConvertToSingle(pixels) / Vector256.Create(255f);
}
