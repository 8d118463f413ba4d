using System.Runtime.InteropServices;

namespace LeNet.Kernels;

/// <summary>
/// A buffer of floats pinned where one of them starts a cache line, so that the vectors a kernel loads
/// from there on, at multiples of <see cref="Alignment"/> bytes, each lie in one line. An Intel core
/// spends two load slots on a 512-bit load that crosses a line: a block's units are whole 64-byte
/// vectors, so in a block buffer that starts mid-line every load would cross one (on an Emerald Rapids
/// Xeon the classic network's block forward and backward passes took 18% longer 16 bytes into a line),
/// and a one-sample dense layer streams its weight rows from the L2 cache faster when they start lines
/// (the classic network's one-sample forward took 14% longer). Managed arrays start wherever the heap
/// puts them.
/// </summary>
internal sealed class AlignedFloats
{
    /// <summary>Bytes of a cache line, and of a Vector512.</summary>
    public const int Alignment = 64;

    private const int FloatsPerLine = Alignment / sizeof(float);

    private readonly float[] _array;
    private readonly int _offset;

    /// <summary>A zeroed buffer of <paramref name="length"/> floats whose float <paramref name="alignedIndex"/> starts a cache line.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative length or index.</exception>
    public AlignedFloats(int length, int alignedIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(alignedIndex);
        _array = GC.AllocateArray<float>(length + FloatsPerLine - 1, pinned: true);
        GCHandle handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        long start = handle.AddrOfPinnedObject();
        handle.Free();
        // The offset that puts float alignedIndex at a multiple of the line: start + 4 (offset + index) = 0 mod 64.
        int phase = (int)(start % Alignment / sizeof(float));
        _offset = ((-phase - alignedIndex) % FloatsPerLine + FloatsPerLine) % FloatsPerLine;
        Length = length;
    }

    /// <summary>A buffer for <paramref name="network"/>'s parameters whose float <see cref="WeightsToAlign"/> starts a cache line.</summary>
    public static AlignedFloats ForParameters(NetworkDescription network) => new(network.ParameterCount, WeightsToAlign(network));

    /// <summary><paramref name="parameters"/> (<paramref name="network"/>'s) copied into a buffer of <see cref="ForParameters(NetworkDescription)"/>.</summary>
    /// <exception cref="ArgumentException">Not the network's parameter count.</exception>
    public static AlignedFloats ForParameters(NetworkDescription network, ReadOnlySpan<float> parameters)
    {
        AlignedFloats buffer = ForParameters(network);
        if (parameters.Length != buffer.Length)
            throw new ArgumentException($"Network '{network.Name}' has {buffer.Length} parameters, not {parameters.Length}.", nameof(parameters));
        parameters.CopyTo(buffer.Span);
        return buffer;
    }

    /// <summary>
    /// Where, among <paramref name="network"/>'s parameters, the weights of its layer with the most parameters begin: the
    /// layer whose weight rows a one-sample pass streams from the L2 cache (C5 in LeNet-5, whose rows of 400 weights
    /// then all start lines); 0 for a network without weights.
    /// </summary>
    public static int WeightsToAlign(NetworkDescription network)
    {
        ArgumentNullException.ThrowIfNull(network);
        LayerInfo? largest = network.Layers.Where(l => l.ParameterCount > 0).MaxBy(l => l.ParameterCount);
        if (largest is null) return 0;
        int weights = largest.Segments.FirstOrDefault(s => s.Role == ParameterRole.Weights) is { Length: > 0 } segment ? segment.Start : 0;
        return largest.ParameterOffset + weights;
    }

    /// <summary>Floats in the buffer.</summary>
    public int Length { get; }

    /// <summary>The buffer.</summary>
    public Span<float> Span => _array.AsSpan(_offset, Length);

    /// <summary>The buffer as memory.</summary>
    public Memory<float> Memory => _array.AsMemory(_offset, Length);
}
