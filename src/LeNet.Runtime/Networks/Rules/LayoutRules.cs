// The one statement of the network layout rules. This file is compiled into LeNet.Runtime (where
// NetworkDescription uses it) and linked into the netstandard2.0 generator (where the layout step of
// NetworkGenerator uses it), each against its own LayerKind, Activation, Pooling, RbfCentres and Shape,
// which agree value for value. It must therefore compile as C# for both: no implicit usings, no newer APIs.
using System.Collections.Generic;
using System.Globalization;

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
        LayerKind.Softmax when perPosition => (channels, height, width),
        LayerKind.Softmax => (checked(channels * height * width), 1, 1),
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "a layer kind without layout rules"),
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
            case LayerKind.Subsampling or LayerKind.RadialBasis or LayerKind.Softmax or LayerKind.Dropout:
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

    /// <summary>
    /// The checking walk, the one there is: chains each declared layer's output shape into the next
    /// layer's input, checks each declaration against the shape it receives, and yields one step per
    /// layer with its shapes, parameter and activation offsets and the problems found. A step whose
    /// <see cref="LayoutStep.Output"/> is null ends the walk (later shapes would be meaningless).
    /// The generator reports each problem as the located diagnostic of its kind; the runtime throws
    /// with its message.
    /// </summary>
    public static IEnumerable<LayoutStep> Walk(Shape input, IReadOnlyList<DeclaredLayer> layers)
    {
        Shape shape = input;
        long parameters = 0, activations = 0;
        for (int index = 0; index < layers.Count; index++)
        {
            DeclaredLayer layer = layers[index];
            var step = new LayoutStep(index, shape, parameters, activations);
            Check(layer, index == layers.Count - 1, step);
            yield return step;
            if (step.Output is not { } output)
                yield break;
            parameters += step.ParameterCount;
            activations += (long)output.Channels * output.Height * output.Width;
            shape = output;
        }
    }

    private static void Check(DeclaredLayer layer, bool last, LayoutStep step)
    {
        string label = layer.Label;
        Shape input = step.Input;
        List<LayoutProblem> problems = step.Problems;
        bool Positive(string what, int value)
        {
            if (value > 0) return true;
            problems.Add(new LayoutProblem(LayoutProblemKind.NonPositive, $"Layer {label}: {what}", value));
            return false;
        }

        bool isOutput = layer.Kind is LayerKind.RadialBasis or LayerKind.Softmax;
        if (isOutput && !last)
            problems.Add(new LayoutProblem(LayoutProblemKind.OutputNotLast, label, layer.Kind == LayerKind.Softmax ? "softmax" : "radial basis"));
        if (!Defined("Activation", layer.Activation, label, problems) | !Defined("Pooling", layer.Pooling, label, problems) | !Defined("Centres", layer.Centres, label, problems))
            return;
        switch (layer.Kind)
        {
            case LayerKind.Convolution:
                if (!Positive("the number of maps", layer.Size) | !Positive("the kernel size", layer.Kernel))
                    return;
                if (WindowProblem(layer.Kind, layer.Kernel, layer.Padding, layer.Stride, layer.Rate) is { } window)
                {
                    problems.Add(new LayoutProblem(LayoutProblemKind.InvalidOption, label, window));
                    return;
                }
                if (!KernelFits(layer.Kernel, layer.Padding, input.Height, input.Width))
                {
                    // The sizes the message gives count the padding.
                    int pad = 2 * layer.Padding;
                    problems.Add(new LayoutProblem(LayoutProblemKind.KernelTooLarge, label, layer.Kernel, input.Height + pad, input.Width + pad, System.Math.Min(input.Height, input.Width) + pad));
                    return;
                }
                if (layer.Connections is { } entries && !ParseTable(layer, entries, input.Channels, step))
                    return;
                break;
            case LayerKind.Subsampling:
                if (!Positive("the window size", layer.Size))
                    return;
                if (layer.Floor ? layer.Size > input.Height || layer.Size > input.Width : !WindowDivides(layer.Size, input.Height, input.Width))
                {
                    problems.Add(new LayoutProblem(LayoutProblemKind.WindowDoesNotDivide, label, layer.Size, input.Height, input.Width));
                    return;
                }
                break;
            case LayerKind.FullyConnected or LayerKind.RadialBasis:
                if (!Positive("the number of units", layer.Size))
                    return;
                break;
            case LayerKind.Softmax:
                break;
            case LayerKind.Dropout:
                if (WindowProblem(layer.Kind, layer.Kernel, layer.Padding, layer.Stride, layer.Rate) is { } rate)
                {
                    problems.Add(new LayoutProblem(LayoutProblemKind.InvalidOption, label, rate));
                    return;
                }
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Kind, $"layer {label} has a kind without layout rules");
        }
        if (layer.PerPosition && !isOutput)
        {
            problems.Add(new LayoutProblem(LayoutProblemKind.InvalidOption, label, "only an output layer (radial basis, softmax) can read its input per position"));
            return;
        }
        long vector = VectorLength(layer.PerPosition, input.Channels, (long)input.Channels * input.Height * input.Width);
        if (OptionProblem(layer.Kind, layer.Size, vector, layer.Trainable, layer.Pooling, layer.Centres) is { } problem)
            problems.Add(new LayoutProblem(LayoutProblemKind.InvalidOption, label, problem));
        try
        {
            (int channels, int height, int width) = OutputShape(layer.Kind, layer.Size, layer.Kernel, layer.Padding, layer.Stride, input.Channels, input.Height, input.Width, layer.PerPosition);
            _ = checked(channels * height * width);
            long pairs = step.Table is { } table ? SumOfLengths(table) : (long)channels * input.Channels;
            step.ParameterCount = ParameterCount(layer.Kind, layer.Size, pairs, layer.Kernel, channels, input.Channels,
                checked(input.Channels * input.Height * input.Width), (long)channels * height * width, layer.Trainable, layer.PerPosition);
            step.Output = new Shape(channels, height, width);
        }
        catch (System.OverflowException)
        {
            problems.Add(new LayoutProblem(LayoutProblemKind.Overflow, label));
        }
    }

    private static long SumOfLengths(int[][] table)
    {
        long sum = 0;
        foreach (int[] set in table) sum += set.Length;
        return sum;
    }

    /// <summary>Reports an option value outside its enum (an integer cast to Activation, say), which has no meaning.</summary>
    private static bool Defined<T>(string property, T value, string label, List<LayoutProblem> problems) where T : struct, System.Enum
    {
        if (System.Enum.IsDefined(typeof(T), value)) return true;
        problems.Add(new LayoutProblem(LayoutProblemKind.InvalidOption, label,
            $"{property} = ({typeof(T).Name}){System.Convert.ToInt32(value, CultureInfo.InvariantCulture)} is not a defined value; use one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}"));
        return false;
    }

    /// <summary>Parses "0,1,2"-style entries into input-map sets (<see cref="LayoutStep.Table"/>), reporting each bad entry.</summary>
    private static bool ParseTable(DeclaredLayer layer, string[] entries, int inputMaps, LayoutStep step)
    {
        if (entries.Length != layer.Size)
        {
            step.Problems.Add(new LayoutProblem(LayoutProblemKind.TableWrongSize, layer.Label, entries.Length, layer.Size));
            return false;
        }
        var sets = new int[entries.Length][];
        bool valid = true;
        for (int map = 0; map < entries.Length; map++)
        {
            string entry = entries[map];
            string? problem = null;
            var set = new List<int>();
            // An empty entry splits into one empty part; catch it first so the message says "empty".
            if (entry.Trim().Length == 0)
                problem = "is empty; every output map must read at least one input map";
            else foreach (string part in entry.Split(','))
            {
                if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int source))
                    problem = $"has '{part.Trim()}', which is not a map index";
                else if (source >= inputMaps)
                    problem = $"names input map {source}, but the input has maps 0..{inputMaps - 1}";
                else if (set.Contains(source))
                    problem = $"names input map {source} twice";
                else
                    set.Add(source);
                if (problem is not null) break;
            }
            if (problem is not null)
            {
                step.Problems.Add(new LayoutProblem(LayoutProblemKind.TableBadEntry, layer.Label, map, entry, problem));
                valid = false;
            }
            sets[map] = set.ToArray();
        }
        step.Table = sets;
        return valid;
    }
}

/// <summary>A layer as declared, as both sides hand it to <see cref="LayoutRules.Walk"/>.</summary>
/// <param name="Kind">What the layer computes.</param>
/// <param name="Label">Its label, for messages.</param>
/// <param name="Size">Output maps (convolution), window side (subsampling) or units.</param>
/// <param name="Kernel">Kernel side (convolution).</param>
/// <param name="Activation">Squashing function.</param>
/// <param name="Pooling">Average or max (subsampling).</param>
/// <param name="Trainable">Trainable coefficient and bias (subsampling) or centres (radial basis).</param>
/// <param name="Centres">Where radial-basis centres come from.</param>
/// <param name="Connections">A convolution's connection table as written: per output map, its input maps ("0,1,2"); null when there is none.</param>
/// <param name="PerPosition">An output layer that reads each position's maps as one vector (a replicated network's).</param>
/// <param name="Padding">Convolution: zeros on every side of each input map.</param>
/// <param name="Stride">Convolution: the step between neighbouring outputs' windows.</param>
/// <param name="Floor">Subsampling: an input side the window does not divide is rounded down.</param>
/// <param name="Rate">Dropout: the probability that a unit is dropped in training.</param>
internal sealed record DeclaredLayer(LayerKind Kind, string Label, int Size, int Kernel, Activation Activation, Pooling Pooling,
    bool Trainable, RbfCentres Centres, string[]? Connections, bool PerPosition, int Padding = 0, int Stride = 1, bool Floor = false, double Rate = 0);

/// <summary>One layer of <see cref="LayoutRules.Walk"/>: what it receives, what it gives, where it sits, what is wrong.</summary>
internal sealed class LayoutStep
{
    public LayoutStep(int index, Shape input, long parameterOffset, long activationOffset)
    {
        Index = index;
        Input = input;
        ParameterOffset = parameterOffset;
        ActivationOffset = activationOffset;
    }

    /// <summary>Position in the layer list.</summary>
    public int Index { get; }
    /// <summary>The shape the layer receives.</summary>
    public Shape Input { get; }
    /// <summary>The layer's output shape; null when a problem leaves it unknown, which ends the walk.</summary>
    public Shape? Output { get; set; }
    /// <summary>A convolution's parsed connection table (per output map, its input maps), or null.</summary>
    public int[][]? Table { get; set; }
    /// <summary>Where the layer's parameters start in the flat buffer (long: the caller applies its own limit).</summary>
    public long ParameterOffset { get; }
    /// <summary>The layer's parameter count (<see cref="LayoutRules.ParameterCount"/>).</summary>
    public long ParameterCount { get; set; }
    /// <summary>Where the layer's outputs start in a sample's activations.</summary>
    public long ActivationOffset { get; }
    /// <summary>What is wrong with the declaration, in the order found.</summary>
    public List<LayoutProblem> Problems { get; } = new List<LayoutProblem>();
}

/// <summary>The kinds of problem <see cref="LayoutRules.Walk"/> finds; each is one generator diagnostic.</summary>
internal enum LayoutProblemKind { NonPositive, KernelTooLarge, WindowDoesNotDivide, TableWrongSize, TableBadEntry, OutputNotLast, InvalidOption, Overflow }

/// <summary>A problem the walk found, with the arguments of its message (<see cref="LayoutProblem.Formats"/>).</summary>
internal sealed class LayoutProblem
{
    public LayoutProblem(LayoutProblemKind kind, params object[] arguments)
    {
        Kind = kind;
        Arguments = arguments;
    }

    /// <summary>Which rule the declaration breaks.</summary>
    public LayoutProblemKind Kind { get; }
    /// <summary>The message's arguments, in the order of its format.</summary>
    public object[] Arguments { get; }

    /// <summary>The message, as the generator's diagnostic of this kind words it.</summary>
    public string Message => string.Format(CultureInfo.InvariantCulture, Format(Kind), Arguments);

    /// <summary>Message formats, the one wording of each rule: the generator's diagnostics use them too.</summary>
    public static class Formats
    {
        public const string NonPositive = "{0} must be positive, but is {1}";
        public const string KernelTooLarge = "Layer {0}: a {1}x{1} kernel does not fit its {2}x{3} input; use a kernel of at most {4}";
        public const string WindowDoesNotDivide = "Layer {0}: a {1}x{1} window does not divide its {2}x{3} input; use a size that divides both, or Floor = true to leave out the rows and columns that fill no window";
        public const string TableWrongSize = "Layer {0}: the connection table has {1} entries, but the layer has {2} maps; give one entry per output map";
        public const string TableBadEntry = "Layer {0}: connection table entry {1} (\"{2}\") {3}";
        public const string OutputNotLast = "Layer {0} ({1}) is an output layer and must be the last layer; move it to the end";
        public const string InvalidOption = "Layer {0}: {1}";
        public const string Overflow = "Layer {0}: its output or parameters hold more than int.MaxValue floats";
    }

    private static string Format(LayoutProblemKind kind) => kind switch
    {
        LayoutProblemKind.NonPositive => Formats.NonPositive,
        LayoutProblemKind.KernelTooLarge => Formats.KernelTooLarge,
        LayoutProblemKind.WindowDoesNotDivide => Formats.WindowDoesNotDivide,
        LayoutProblemKind.TableWrongSize => Formats.TableWrongSize,
        LayoutProblemKind.TableBadEntry => Formats.TableBadEntry,
        LayoutProblemKind.OutputNotLast => Formats.OutputNotLast,
        LayoutProblemKind.InvalidOption => Formats.InvalidOption,
        LayoutProblemKind.Overflow => Formats.Overflow,
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "a layout problem without a message"),
    };
}
