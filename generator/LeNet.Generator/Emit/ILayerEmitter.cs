using LeNet.Generator.Helpers;
using LeNet.Generator.Model;

namespace LeNet.Generator.Emit;

/// <summary>
/// Writes the bodies of one layer kind's kernels. The pass emitter writes the method around them:
/// its signature, the <c>ref float</c> bases named in <see cref="KernelNames"/>, and, when
/// <see cref="Vectorised"/>, one body per <see cref="Flavour"/> inside the hardware-test chain.
/// </summary>
internal interface ILayerEmitter
{
    /// <summary>Whether the kernels are written per vector width (else once, and the emitter chains any vectorised part itself).</summary>
    bool Vectorised { get; }

    /// <summary>Writes y = layer(x) from <c>input</c> to <c>output</c>.</summary>
    void Forward(IndentedTextWriter w, LayerSpec layer, int widest);

    /// <summary>
    /// Writes the backward pass: <c>delta</c> holds the pass's delta of the outputs (it may be
    /// overwritten); adds into <c>accumulator</c>; writes the input delta to <c>inputDelta</c>
    /// unless <paramref name="first"/>.
    /// </summary>
    void Backward(IndentedTextWriter w, LayerSpec layer, int widest, Pass pass, bool first);
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
