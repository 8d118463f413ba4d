namespace LeNet;

/// <summary>
/// Marks a <c>partial class</c> as a network: the LeNet generator reads the layer attributes on the
/// class, in declaration order, and emits specialised forward and backward code for exactly that
/// network. The first layer attribute must be <see cref="InputAttribute"/>.
/// </summary>
/// <example>
/// <code>
/// [Network(Name = "tiny")]
/// [Input(1, 28, 28)]
/// [Convolution(4, 5, Activation = Activation.ReLU)]
/// [Subsampling(2, Pooling = Pooling.Max)]
/// [FullyConnected(10, Activation = Activation.Identity)]
/// [Softmax]
/// public partial class Tiny;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The network's name in checkpoints and model catalogues; the class name when empty.</summary>
    public string? Name { get; set; }
}
