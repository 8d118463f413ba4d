using LeNet.Generator.Helpers;
using LeNet.Generator.Model;

namespace LeNet.Generator.Emit;

/// <summary>
/// One layer kind's unit: it writes the bodies of every kernel of its kind, the one-sample forward
/// and backward passes (gradient and curvature, <see cref="Pass"/>) and the block passes (one sample
/// per vector lane, <see cref="Lanes"/>). The file emitters write the methods around them: their
/// signatures, the <c>ref float</c> bases named in <see cref="KernelNames"/>, and a local function
/// per code path (<see cref="KernelMethod"/>). <see cref="LayerEmitters"/> picks
/// the unit of a layer.
/// </summary>
internal interface ILayerEmitter
{
    /// <summary>
    /// Whether the one-sample kernels are written per vector width (else once, and the unit chains
    /// any vectorised part itself).
    /// </summary>
    bool Vectorised(LayerSpec layer);

    /// <summary>Writes y = layer(x) from <c>input</c> to <c>output</c>, for one sample.</summary>
    void Forward(IndentedTextWriter w, LayerSpec layer, int widest);

    /// <summary>
    /// Writes the one-sample backward pass: <c>delta</c> holds the pass's delta of the outputs (it
    /// may be overwritten); adds into <c>accumulator</c>; writes the input delta to
    /// <c>inputDelta</c> unless <paramref name="first"/>.
    /// </summary>
    void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first);

    /// <summary>
    /// The block scratch the layer's block backward kernel needs past the deltas, in units (times
    /// the lanes in floats), at <see cref="BlockText.Work"/>.
    /// </summary>
    int BlockWorkUnits(LayerSpec layer);

    /// <summary>Writes the block forward pass for one vector path.</summary>
    void BlockForward(IndentedTextWriter w, LayerSpec layer, Lanes lanes);

    /// <summary>
    /// Writes the block backward pass for one vector path, after <c>delta</c> was turned into
    /// dE/da (<see cref="BlockText.ActivationDerivative"/>) unless <see cref="FusesBlockDerivative"/>.
    /// </summary>
    void BlockBackward(IndentedTextWriter w, LayerSpec layer, Lanes lanes, bool first);

    /// <summary>
    /// Whether the block backward pass turns each dE/dy into dE/da itself as it reads it, so that no
    /// pass over the deltas runs before it.
    /// </summary>
    bool FusesBlockDerivative(LayerSpec layer, Lanes lanes, bool first);
}

/// <summary>Names of the bases and locals every generated kernel uses.</summary>
internal static class KernelNames
{
    public const string Parameters = "parameters";
    public const string Input = "input";
    public const string Output = "output";
    public const string Delta = "delta";
    public const string InputDelta = "inputDelta";
    public const string Accumulator = "accumulator";
    public const string Padded = "padded";
}
