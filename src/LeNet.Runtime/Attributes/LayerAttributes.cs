namespace LeNet;

/// <summary>Base of every layer attribute; layers run in the order they are declared.</summary>
public abstract class LayerAttribute : Attribute
{
    /// <summary>A short label for tables and pictures (C1, S2, ...); derived from the position when empty.</summary>
    public string? Label { get; set; }
}

/// <summary>The network's input: <paramref name="channels"/> maps of <paramref name="height"/> x <paramref name="width"/> units.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute(int channels, int height, int width) : LayerAttribute
{
    /// <summary>Number of input maps (1 for grey-scale digits).</summary>
    public int Channels { get; } = channels;
    /// <summary>Input height in units.</summary>
    public int Height { get; } = height;
    /// <summary>Input width in units.</summary>
    public int Width { get; } = width;
}

/// <summary>
/// A convolution with <paramref name="maps"/> output maps, a square <paramref name="kernel"/> x
/// <paramref name="kernel"/> kernel, one bias per output map. An input of side n gives an output of
/// side floor((n + 2 * <see cref="Padding"/> - kernel) / <see cref="Stride"/>) + 1.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConvolutionAttribute(int maps, int kernel) : LayerAttribute
{
    /// <summary>Number of output maps.</summary>
    public int Maps { get; } = maps;
    /// <summary>Kernel side length.</summary>
    public int Kernel { get; } = kernel;
    /// <summary>The squashing function applied to each output; the paper's scaled tanh by default.</summary>
    public Activation Activation { get; set; } = Activation.ScaledTanh;
    /// <summary>
    /// Optional connection table: one entry per output map, listing the input maps it reads as
    /// comma-separated indices ("0,1,2"). Empty means every output map reads every input map.
    /// </summary>
    public string[]? Connections { get; set; }
    /// <summary>Zeros added on all four sides of every input map; 0 (none) by default, less than the kernel.</summary>
    public int Padding { get; set; }
    /// <summary>The step between neighbouring outputs' windows, in input units; 1 by default.</summary>
    public int Stride { get; set; } = 1;
}

/// <summary>
/// Subsampling (pooling) over non-overlapping <paramref name="size"/> x <paramref name="size"/> windows, map by map.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SubsamplingAttribute(int size) : LayerAttribute
{
    /// <summary>Window side length; it must divide the input's height and width unless <see cref="Floor"/>.</summary>
    public int Size { get; } = size;
    /// <summary>Average (the paper's) or max pooling.</summary>
    public Pooling Pooling { get; set; } = Pooling.Average;
    /// <summary>
    /// The paper's S2/S4: the window average is multiplied by one trainable coefficient and shifted
    /// by one trainable bias per map, before the activation. Only with <see cref="Pooling.Average"/>.
    /// </summary>
    public bool Trainable { get; set; }
    /// <summary>The squashing function after pooling; identity by default.</summary>
    public Activation Activation { get; set; } = Activation.Identity;
    /// <summary>
    /// Whether an input side the window does not divide is allowed: the output side is then rounded
    /// down and the last rows and columns that do not fill a window are left out (their gradient is 0).
    /// False by default: the window must divide the input.
    /// </summary>
    public bool Floor { get; set; }
}

/// <summary>A fully connected layer of <paramref name="units"/> units over the whole previous output, with biases.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FullyConnectedAttribute(int units) : LayerAttribute
{
    /// <summary>Number of output units.</summary>
    public int Units { get; } = units;
    /// <summary>The squashing function applied to each output; the paper's scaled tanh by default.</summary>
    public Activation Activation { get; set; } = Activation.ScaledTanh;
}

/// <summary>
/// The paper's output layer: <paramref name="units"/> Euclidean radial-basis units,
/// y_i = sum_j (x_j - w_ij)^2, a penalty (the smallest wins). Must be the last layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RadialBasisAttribute(int units) : LayerAttribute
{
    /// <summary>Number of units (classes).</summary>
    public int Units { get; } = units;
    /// <summary>Where the centres come from.</summary>
    public RbfCentres Centres { get; set; } = RbfCentres.DigitBitmaps;
    /// <summary>Whether the centres are parameters that training updates; the paper keeps them fixed.</summary>
    public bool Trainable { get; set; }
}

/// <summary>
/// Inverted dropout: in training each unit is kept with probability 1 - <paramref name="rate"/> and
/// scaled by 1 / (1 - <paramref name="rate"/>), else set to 0; in evaluation the identity. The masks
/// are a function of the training seed, the sample's number and the unit (<see cref="TrainingStep"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(double rate) : LayerAttribute
{
    /// <summary>The probability that a unit is dropped, at least 0 and below 1.</summary>
    public double Rate { get; } = rate;
}

/// <summary>A softmax over the previous layer's outputs, giving class probabilities. Must be the last layer.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : LayerAttribute;
