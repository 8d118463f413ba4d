// The one statement of the network layout rules. This file is compiled into LeNet.Runtime (where
// NetworkDescription uses it) and linked into the netstandard2.0 generator (where the layout step of
// NetworkGenerator uses it), each against its own LayerKind, Pooling and RbfCentres, which agree value
// for value. It must therefore compile as C# for both: no implicit usings, no newer APIs.
#if LENET_GENERATOR
namespace LeNet.Generator.Model;
#else
namespace LeNet;
#endif

/// <summary>
/// Output shapes, parameter counts and option rules of each layer kind: the generator checks
/// declarations and lays out the generated code with them, the runtime builds
/// <c>NetworkDescription</c> with them, so the two can never disagree.
/// </summary>
internal static class LayoutRules
{
    /// <summary>The digit-bitmap RBF centres: 10 classes of 7x12 = 84 components.</summary>
    public const int DigitClasses = 10, DigitCodeLength = 84;

    /// <summary>Whether a <paramref name="kernel"/>-sided kernel fits a <paramref name="height"/> x <paramref name="width"/> input with <paramref name="padding"/> zeros on every side.</summary>
    public static bool KernelFits(int kernel, int padding, int height, int width) =>
        kernel <= height + 2L * padding && kernel <= width + 2L * padding;

    /// <summary>
    /// What is wrong with a convolution's padding and stride, or a dropout's rate, or null: the
    /// padding must be at least 0 and less than the kernel (a wider border would give outputs that
    /// read zeros only), the stride at least 1, the rate at least 0 and below 1.
    /// </summary>
    public static string? WindowProblem(LayerKind kind, int kernel, int padding, int stride, double rate)
    {
        if (kind == LayerKind.Convolution && padding < 0)
            return $"the padding must be 0 or more, not {padding}";
        if (kind == LayerKind.Convolution && padding >= kernel)
            return $"the padding {padding} must be less than the kernel {kernel}, or some outputs would read zeros only";
        if (kind == LayerKind.Convolution && stride < 1)
            return $"the stride must be 1 or more, not {stride}";
        if (kind == LayerKind.Dropout && !(rate >= 0 && rate < 1))
            return $"the rate must be at least 0 and below 1, not {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return null;
    }

    /// <summary>An output side: floor((<paramref name="side"/> + 2 padding - kernel) / stride) + 1, for a kernel that fits.</summary>
    public static int ConvolvedSide(int side, int kernel, int padding, int stride) => (int)((side + 2L * padding - kernel) / stride + 1);

    /// <summary>Whether non-overlapping <paramref name="window"/>-sided windows tile a <paramref name="height"/> x <paramref name="width"/> input exactly.</summary>
    public static bool WindowDivides(int window, int height, int width) => height % window == 0 && width % window == 0;

    /// <summary>
    /// A layer's output shape from its input's. <paramref name="size"/> is maps (convolution), the
    /// window side (subsampling) or units; the input must already fit (<see cref="KernelFits"/>,
    /// <see cref="WindowDivides"/>, unless the pooling floors). A convolution's output side is
    /// <see cref="ConvolvedSide"/>, a window's the input's divided by it, rounded down; dropout keeps the shape. An output layer (RBF, softmax) reads its whole input as one
    /// vector, or, <paramref name="perPosition"/> (a replicated network's), the maps of each
    /// position (row, column) as one vector, keeping the positions. Checked: a shape too large for int throws.
    /// </summary>
    public static (int Channels, int Height, int Width) OutputShape(LayerKind kind, int size, int kernel, int padding, int stride, int channels, int height, int width, bool perPosition) => kind switch
    {
        LayerKind.Convolution => (size, ConvolvedSide(height, kernel, padding, stride), ConvolvedSide(width, kernel, padding, stride)),
        LayerKind.Subsampling => (channels, height / size, width / size),
        LayerKind.Dropout => (channels, height, width),
        LayerKind.RadialBasis when perPosition => (size, height, width),
        LayerKind.FullyConnected or LayerKind.RadialBasis => (size, 1, 1),
        _ when perPosition => (channels, height, width),
        _ => (checked(channels * height * width), 1, 1),
    };

    /// <summary>
    /// The length of the vector an output layer (RBF, softmax) reads: its whole input
    /// (<paramref name="inputSize"/>), or one position's maps (<paramref name="channels"/>) when <paramref name="perPosition"/>.
    /// </summary>
    public static long VectorLength(bool perPosition, int channels, long inputSize) => perPosition ? channels : inputSize;

    /// <summary>
    /// A layer's parameters: convolution weights (one k x k kernel per connected pair) and a bias
    /// per map; trainable subsampling a coefficient and a bias per map; fully connected weights and
    /// a bias per unit; trainable RBF centres (units x <see cref="VectorLength"/>, the same at every
    /// position). In long, so the caller can refuse what does not fit an int.
    /// </summary>
    public static long ParameterCount(LayerKind kind, long pairs, int kernel, int outputChannels, int inputChannels, long inputSize, long outputSize, bool trainable, bool perPosition) => kind switch
    {
        LayerKind.Convolution => pairs * kernel * kernel + outputChannels,
        LayerKind.Subsampling => trainable ? 2L * outputChannels : 0,
        LayerKind.FullyConnected => outputSize * inputSize + outputSize,
        LayerKind.RadialBasis when perPosition => trainable ? (long)outputChannels * inputChannels : 0,
        LayerKind.RadialBasis => trainable ? outputSize * inputSize : 0,
        LayerKind.Softmax or LayerKind.Dropout => 0,
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "unknown layer kind"),
    };

    /// <summary>
    /// What is wrong with a layer's options given its input (<paramref name="inputSize"/>: for an
    /// output layer, its <see cref="VectorLength"/>), or null: trainable subsampling needs
    /// average pooling; digit-bitmap centres (fixed or as the trainable starting point) need at most
    /// 10 units fed by 84 inputs; random centres must be trainable.
    /// </summary>
    public static string? OptionProblem(LayerKind kind, int units, long inputSize, bool trainable, Pooling pooling, RbfCentres centres)
    {
        if (kind == LayerKind.Subsampling && trainable && pooling == Pooling.Max)
            return "a trainable coefficient and bias need average pooling; remove Trainable or use Pooling.Average";
        if (kind != LayerKind.RadialBasis)
            return null;
        if (centres == RbfCentres.DigitBitmaps && (units > DigitClasses || inputSize != DigitCodeLength))
            return $"digit-bitmap centres need at most {DigitClasses} units fed by {DigitCodeLength} inputs (7x12 bitmaps), not {units} units fed by {inputSize}; put an 84-unit layer before it or use trainable random centres";
        if (centres == RbfCentres.Random && !trainable)
            return "random centres must be trainable; set Trainable = true or use RbfCentres.DigitBitmaps";
        return null;
    }
}
