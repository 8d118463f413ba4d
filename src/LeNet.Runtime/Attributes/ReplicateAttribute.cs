namespace LeNet;

/// <summary>
/// Marks a <c>partial class</c> as a field network replicated along a wider strip: the 1998 paper's
/// space-displacement network (section VII). The class declares no layers; the generator reads the
/// field's (<paramref name="field"/>, a <see cref="NetworkAttribute"/> class of this project or of a
/// referenced assembly), slides them along an input <see cref="Width"/> columns wide (the height
/// stays the field's) and emits code for the strip with every shape a constant. Its parameters are
/// the field's; position <c>p</c> of its output is the field applied to input columns
/// [<c>p * Step</c>, <c>p * Step + field width</c>). The class implements <see cref="IReplicatedNetwork"/>.
/// </summary>
/// <example>
/// <code>
/// [Replicate(typeof(LeNet5Strings), Width = 128)]   // 32x128 input, 25 positions 4 columns apart
/// public partial class LeNet5StringsStrip;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ReplicateAttribute(Type field) : Attribute
{
    /// <summary>The field network: a <see cref="NetworkAttribute"/> class.</summary>
    public Type Field { get; } = field;

    /// <summary>
    /// Input columns of the strip: the field's width plus a multiple of its step (the product of its
    /// subsampling windows), e.g. 32 + 4k for LeNet-5.
    /// </summary>
    public int Width { get; set; }
}
