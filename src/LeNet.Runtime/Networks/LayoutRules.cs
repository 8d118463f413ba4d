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

    /// <summary>Whether a <paramref name="kernel"/>-sided kernel fits a <paramref name="height"/> x <paramref name="width"/> input (stride 1, no padding).</summary>
    public static bool KernelFits(int kernel, int height, int width) => kernel <= height && kernel <= width;

    /// <summary>Whether non-overlapping <paramref name="window"/>-sided windows tile a <paramref name="height"/> x <paramref name="width"/> input exactly.</summary>
    public static bool WindowDivides(int window, int height, int width) => height % window == 0 && width % window == 0;

    /// <summary>
    /// A layer's output shape from its input's. <paramref name="size"/> is maps (convolution), the
    /// window side (subsampling) or units; the input must already fit (<see cref="KernelFits"/>,
    /// <see cref="WindowDivides"/>). An output layer (RBF, softmax) reads its whole input as one
    /// vector, or, <paramref name="perPosition"/> (a replicated network's), the maps of each
    /// position (row, column) as one vector, keeping the positions. Checked: a shape too large for int throws.
    /// </summary>
    public static (int Channels, int Height, int Width) OutputShape(LayerKind kind, int size, int kernel, int channels, int height, int width, bool perPosition) => kind switch
    {
        LayerKind.Convolution => (size, height - kernel + 1, width - kernel + 1),
        LayerKind.Subsampling => (channels, height / size, width / size),
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
    /// A layer's parameter count: the sum of its <see cref="Segments"/>. In long, so the caller can
    /// refuse what does not fit an int.
    /// </summary>
    public static long ParameterCount(LayerKind kind, int size, long pairs, int kernel, int outputChannels, int inputChannels, long inputSize, long outputSize, bool trainable, bool perPosition)
    {
        long count = 0;
        foreach (var run in Runs(kind, size, pairs, kernel, outputChannels, inputChannels, inputSize, outputSize, trainable, perPosition))
            count += run.Length;
        return count;
    }

    /// <summary>
    /// Where a layer's parameters sit, the one statement of it: its segments in order within the
    /// layer's parameters. A convolution: weights [output map][connected input map, in table
    /// order][ky][kx], then a bias per output map. Trainable subsampling: a coefficient per map,
    /// then a bias per map. Fully connected: weights [unit][input unit, the input flattened as map,
    /// row, column], then a bias per unit. Radial basis with trainable centres: centres
    /// [unit][vector component], the same at every position. Nothing otherwise (fixed centres,
    /// plain pooling, softmax). The arguments are those of <see cref="ParameterCount"/>, whose
    /// total must already fit an int.
    /// </summary>
    public static ParameterSegment[] Segments(LayerKind kind, int size, long pairs, int kernel, int outputChannels, int inputChannels, long inputSize, long outputSize, bool trainable, bool perPosition)
    {
        var runs = Runs(kind, size, pairs, kernel, outputChannels, inputChannels, inputSize, outputSize, trainable, perPosition);
        var segments = new ParameterSegment[runs.Length];
        int start = 0;
        for (int i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            segments[i] = new ParameterSegment(run.Role, start, checked((int)run.Length), checked((int)run.Units), checked((int)run.FanIn), run.PerInputMap, run.Role == ParameterRole.Weights);
            start = checked(start + segments[i].Length);
        }
        return segments;
    }

    private static (ParameterRole Role, long Length, long Units, long FanIn, bool PerInputMap)[] Runs(
        LayerKind kind, int size, long pairs, int kernel, int outputChannels, int inputChannels, long inputSize, long outputSize, bool trainable, bool perPosition)
    {
        long taps = (long)kernel * kernel, window = (long)size * size;
        long units = perPosition ? outputChannels : outputSize, vector = VectorLength(perPosition, inputChannels, inputSize);
        switch (kind)
        {
            case LayerKind.Convolution:
                return [(ParameterRole.Weights, pairs * taps, outputChannels, taps, true), (ParameterRole.Biases, outputChannels, outputChannels, taps, true)];
            case LayerKind.Subsampling when trainable:
                return [(ParameterRole.Coefficients, outputChannels, outputChannels, window, false), (ParameterRole.Biases, outputChannels, outputChannels, window, false)];
            case LayerKind.FullyConnected:
                return [(ParameterRole.Weights, outputSize * inputSize, outputSize, inputSize, false), (ParameterRole.Biases, outputSize, outputSize, inputSize, false)];
            case LayerKind.RadialBasis when trainable:
                return [(ParameterRole.Centres, units * vector, units, vector, false)];
            case LayerKind.Subsampling or LayerKind.RadialBasis or LayerKind.Softmax:
                return [];
            default:
                throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "a layer kind without a parameter layout");
        }
    }

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
