namespace LeNet;

/// <summary>
/// Marks a <c>partial class</c> as a field network replicated along a wider strip, or over a page in
/// both directions: the 1998 paper's space-displacement network (section VII). The class declares
/// no layers; the generator reads the field's (<paramref name="field"/>, a
/// <see cref="NetworkAttribute"/> class of this project or of a referenced assembly), slides them
/// over an input <see cref="Width"/> columns wide and <see cref="Height"/> rows high (by default the
/// field's height: a strip) and emits code with every shape a constant. Its parameters are the
/// field's; the window at row <c>r</c>, position <c>p</c> is the field applied to input rows
/// [<c>r * Step</c>, <c>r * Step + field height</c>) and columns [<c>p * Step</c>,
/// <c>p * Step + field width</c>). The class implements <see cref="IReplicatedNetwork"/>.
/// </summary>
/// <example>
/// <code>
/// [Replicate(typeof(LeNet5Strings), Width = 128)]                // 32x128 input, 25 positions 4 columns apart
/// public partial class LeNet5StringsStrip;
///
/// [Replicate(typeof(LeNet5Strings), Width = 96, Height = 64)]    // 64x96 input, 9 rows of 17 positions
/// public partial class LeNet5StringsPage;
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

    /// <summary>
    /// Input rows: the field's height plus a multiple of its step, e.g. 32 + 4k for LeNet-5; unset (0),
    /// the field's height, so the network is a strip of one row.
    /// </summary>
    public int Height { get; set; }
}
