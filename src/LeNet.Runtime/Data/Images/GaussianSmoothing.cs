using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LeNet.Data;

/// <summary>
/// A separable Gaussian blur of rows x columns float fields, values outside the field counting as 0:
/// what smooths the random displacement field of an elastic deformation. It owns zero-padded
/// buffers, so each pass is a run of branch-free vector multiply-adds; blurring allocates nothing.
/// Not thread-safe: give each thread its own.
/// </summary>
/// <remarks>
/// Every output is the same sum in the same order as the plain loop (the centre weight times the
/// centre, then for k = 1, 2, ... the left or upper neighbour then the right or lower one, a
/// neighbour outside the field adding an exact 0), with multiplies and adds kept apart, so the blur
/// gives the same bits on every path and machine.
/// </remarks>
internal sealed class GaussianSmoothing
{
    private readonly int _rows, _columns, _reach;
    private readonly float[] _kernel;
    // One row with _reach zeros either side, and the row pass's output with _reach zero rows above and below.
    private readonly float[] _line, _rowsPassed;

    /// <summary>A blur of standard deviation <paramref name="sigma"/> pixels for <paramref name="rows"/> x <paramref name="columns"/> fields.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or <paramref name="sigma"/> is not a positive number.</exception>
    public GaussianSmoothing(int rows, int columns, double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        _kernel = Kernel(sigma);
        (_rows, _columns, _reach) = (rows, columns, _kernel.Length - 1);
        _line = new float[columns + 2 * _reach];
        _rowsPassed = new float[(rows + 2 * _reach) * columns];
    }

    /// <summary>The one-sided, normalised Gaussian kernel of standard deviation <paramref name="sigma"/>, out to 3 sigma.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not positive.</exception>
    public static float[] Kernel(double sigma)
    {
        if (!(sigma > 0 && double.IsFinite(sigma)))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The Gaussian's standard deviation must be positive.");
        int reach = (int)Math.Ceiling(3 * sigma);
        var kernel = new float[reach + 1];
        double total = 0;
        for (int k = 0; k <= reach; k++)
        {
            double w = Math.Exp(-k * k / (2 * sigma * sigma));
            kernel[k] = (float)w;
            total += k == 0 ? w : 2 * w;
        }
        for (int k = 0; k <= reach; k++) kernel[k] = (float)(kernel[k] / total);
        return kernel;
    }

    /// <summary>Blurs <paramref name="field"/> (rows x columns, row-major) in place: along the rows, then along the columns.</summary>
    /// <exception cref="ArgumentException"><paramref name="field"/> does not hold rows x columns values.</exception>
    public void Apply(Span<float> field)
    {
        if (field.Length != _rows * _columns)
            throw new ArgumentException($"A {_rows}x{_columns} field has {_rows * _columns} values, not {field.Length}.", nameof(field));
        Span<float> line = _line, passed = _rowsPassed.AsSpan(_reach * _columns, _rows * _columns);
        for (int r = 0; r < _rows; r++)
        {
            field.Slice(r * _columns, _columns).CopyTo(line[_reach..]);
            Blur(line, 1, passed.Slice(r * _columns, _columns));
        }
        for (int r = 0; r < _rows; r++)
            Blur(_rowsPassed.AsSpan(r * _columns), _columns, field.Slice(r * _columns, _columns));
    }

    /// <summary>
    /// output[c] = w0 x[c] + sum over k of (w_k x[c - k s] + w_k x[c + k s]), where x = source[reach s..]:
    /// <paramref name="source"/> begins <see cref="_reach"/> strides of <paramref name="stride"/> before the centre.
    /// </summary>
    private void Blur(ReadOnlySpan<float> source, int stride, Span<float> output)
    {
        int centre = _reach * stride;
        int lanes = Vector512.IsHardwareAccelerated && output.Length >= Vector512<float>.Count ? Vector512<float>.Count
            : Vector256.IsHardwareAccelerated && output.Length >= Vector256<float>.Count ? Vector256<float>.Count
            : 1;
        if (lanes > 1)
        {
            int c = 0;
            for (; c + lanes <= output.Length; c += lanes)
                BlurVector(source, centre + c, stride, output[c..], lanes);
            // The last columns as one more vector that overlaps the one before: the same sums, so the same values.
            if (c < output.Length)
                BlurVector(source, centre + output.Length - lanes, stride, output[^lanes..], lanes);
            return;
        }
        for (int c = 0; c < output.Length; c++)
        {
            float sum = _kernel[0] * source[centre + c];
            for (int k = 1; k <= _reach; k++)
            {
                sum += _kernel[k] * source[centre - k * stride + c];
                sum += _kernel[k] * source[centre + k * stride + c];
            }
            output[c] = sum;
        }
    }

    /// <summary>
    /// <paramref name="lanes"/> (16 or 8) outputs of <see cref="Blur"/> at once, from
    /// <paramref name="source"/>[<paramref name="at"/>..], each lane's sum in the scalar order. The reads
    /// and the writes are checked once, then taken by reference.
    /// </summary>
    private void BlurVector(ReadOnlySpan<float> source, int at, int stride, Span<float> output, int lanes)
    {
        int reach = _reach * stride;
        if (at - reach < 0 || at + reach + lanes > source.Length || output.Length < lanes)
            throw new ArgumentOutOfRangeException(nameof(at), at, "The blur's reads or writes would leave its buffers.");
        ref float x = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), at);
        ref float to = ref MemoryMarshal.GetReference(output);
        if (lanes == Vector512<float>.Count)
        {
            Vector512<float> sum = Vector512.Create(_kernel[0]) * Vector512.LoadUnsafe(ref x);
            for (int k = 1; k <= _reach; k++)
            {
                var weight = Vector512.Create(_kernel[k]);
                sum += weight * Vector512.LoadUnsafe(ref Unsafe.Subtract(ref x, k * stride));
                sum += weight * Vector512.LoadUnsafe(ref Unsafe.Add(ref x, k * stride));
            }
            sum.StoreUnsafe(ref to);
            return;
        }
        Vector256<float> narrow = Vector256.Create(_kernel[0]) * Vector256.LoadUnsafe(ref x);
        for (int k = 1; k <= _reach; k++)
        {
            var weight = Vector256.Create(_kernel[k]);
            narrow += weight * Vector256.LoadUnsafe(ref Unsafe.Subtract(ref x, k * stride));
            narrow += weight * Vector256.LoadUnsafe(ref Unsafe.Add(ref x, k * stride));
        }
        narrow.StoreUnsafe(ref to);
    }
}
