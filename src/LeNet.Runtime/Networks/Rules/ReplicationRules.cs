// The one statement of how a network declared for one field is replicated along a wider strip (the
// 1998 paper's space-displacement network, section VII). Compiled into LeNet.Runtime (where
// Replication builds a strip's NetworkDescription with it) and linked into the netstandard2.0
// generator (where the [Replicate] pipeline builds the strip it generates), each against its own
// LayerKind, so the generated strips and the generic engine's cannot disagree. It must compile as C#
// for both: no implicit usings, no newer APIs.
#if LENET_GENERATOR
namespace LeNet.Generator.Model;
#else
namespace LeNet;
#endif

/// <summary>
/// A field network replicated along a strip as wide as the field is high, or wider, and as high as
/// the field or higher (a page): convolutions and subsampling run over the larger input as they
/// are; a fully connected layer becomes a convolution whose kernel covers its whole (square) input,
/// so the first one slides over the input and every later one is a 1x1 convolution; a radial-basis
/// or softmax output reads each position's maps. The parameters are the field's, in the field's
/// layout: a fully connected layer's weights [unit][map][row][column] then its biases are exactly a
/// full convolution's.
/// </summary>
internal static class ReplicationRules
{
    /// <summary>
    /// A layer's factor in the step (the input columns, and rows, between neighbouring windows, the
    /// product of every layer's factor): its window for a subsampling layer, 1 for the others (stride 1).
    /// </summary>
    public static int StepFactor(LayerKind kind, int size) => kind == LayerKind.Subsampling ? size : 1;

    /// <summary>
    /// Why the field layer <paramref name="label"/>, fed a <paramref name="inputHeight"/> x
    /// <paramref name="inputWidth"/> input, cannot be replicated, or null: a fully connected layer
    /// needs a square input (it becomes a square convolution), an output layer a 1x1 input (one vector per position).
    /// </summary>
    public static string? LayerProblem(LayerKind kind, string label, int inputHeight, int inputWidth)
    {
        if (kind == LayerKind.FullyConnected && inputHeight != inputWidth)
            return $"its fully connected layer {label} reads a {inputHeight}x{inputWidth} input, which is not square (replicated, it becomes a square convolution over that input); make the field's maps square before it";
        if (kind is LayerKind.RadialBasis or LayerKind.Softmax && (inputHeight != 1 || inputWidth != 1))
            return $"its output layer {label} reads {inputHeight}x{inputWidth} maps, not one vector (replicated, it reads one vector per position); put a fully connected layer before it";
        return null;
    }

    /// <summary>
    /// Why field layer <paramref name="label"/>'s window options stop it being replicated, or null: a
    /// padded, strided or floored layer would not compute the field's outputs at every position of a strip.
    /// </summary>
    public static string? WindowProblem(string label, int padding, int stride, bool floor) =>
        padding != 0 || stride != 1 || floor
            ? $"its layer {label} has padding, a stride or floor pooling, which a strip does not replicate; declare the field without them"
            : null;

    /// <summary>Why a field whose last layer outputs <paramref name="height"/> x <paramref name="width"/> maps cannot be replicated, or null.</summary>
    public static string? OutputProblem(int height, int width) => height == 1 && width == 1
        ? null
        : $"its output is {height}x{width} maps, not one vector per window; end it with a fully connected layer or a convolution whose kernel covers its input";

    /// <summary>
    /// What a field layer becomes in the strip: a fully connected layer a convolution with a
    /// <paramref name="inputHeight"/>-sided kernel (its input's side), an output layer the same kind
    /// read per position, every other layer itself.
    /// </summary>
    public static (LayerKind Kind, int Kernel, bool PerPosition) StripLayer(LayerKind kind, int kernel, int inputHeight) => kind switch
    {
        LayerKind.FullyConnected => (LayerKind.Convolution, inputHeight, false),
        LayerKind.RadialBasis or LayerKind.Softmax => (kind, 0, true),
        _ => (kind, kernel, false),
    };

    /// <summary>
    /// Why an input <paramref name="size"/> long in <paramref name="dimension"/> ("width" or "height")
    /// does not fit a field <paramref name="fieldSize"/> long there that moves <paramref name="step"/>
    /// per position, or null.
    /// </summary>
    public static string? SizeProblem(string dimension, int fieldSize, int size, int step)
    {
        if (size >= fieldSize && (size - fieldSize) % step == 0)
            return null;
        long below = size < fieldSize ? fieldSize : fieldSize + (size - fieldSize) / step * step;
        long above = size < fieldSize ? fieldSize + step : below + step;
        string suggestion = size < fieldSize ? $"use {fieldSize} or {above}" : $"use {below} or {above}";
        return $"the {dimension} {size} is not the field's {dimension} {fieldSize} plus a multiple of its step {step} (the product of its subsampling windows); {suggestion}";
    }

    /// <summary>Windows along an input <paramref name="size"/> long (a valid size) in one direction: one per <paramref name="step"/>.</summary>
    public static int Positions(int fieldSize, int size, int step) => (size - fieldSize) / step + 1;

    /// <summary>
    /// The replicated network's name: the field's with the width, "lenet5-strings@128", and the
    /// height after it when it is not the field's, "lenet5-strings@96x64".
    /// </summary>
    public static string StripName(string fieldName, int width, int height, int fieldHeight)
    {
        string name = fieldName + "@" + width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return height == fieldHeight ? name : name + "x" + height.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
