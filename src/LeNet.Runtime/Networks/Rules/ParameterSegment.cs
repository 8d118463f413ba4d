// Compiled into LeNet.Runtime (public, on LayerInfo) and linked into the netstandard2.0 generator
// (internal there), like LayoutRules, which declares each layer kind's segments with these types.
#if LENET_GENERATOR
namespace LeNet.Generator.Model;
#else
namespace LeNet;
#endif

/// <summary>What a run of a layer's parameters holds.</summary>
#if LENET_GENERATOR
internal
#else
public
#endif
enum ParameterRole
{
    /// <summary>Convolution kernels or fully connected weights, one run of <see cref="ParameterSegment.FanIn"/> per receiving unit.</summary>
    Weights,
    /// <summary>One bias per map or unit.</summary>
    Biases,
    /// <summary>A trainable subsampling layer's coefficient per map, which multiplies the pooled value.</summary>
    Coefficients,
    /// <summary>A radial-basis layer's trainable centres, one vector per unit.</summary>
    Centres,
}

/// <summary>
/// One run of a layer's parameters, as <c>LayoutRules.Segments</c> declares it: <see cref="Length"/>
/// floats from <see cref="Start"/> (counted within the layer's parameters), split among
/// <see cref="Units"/> receiving maps or units one after another.
/// </summary>
/// <param name="Role">What the run holds.</param>
/// <param name="Start">Offset of its first float within the layer's parameters.</param>
/// <param name="Length">Number of floats.</param>
/// <param name="Units">The maps or units it belongs to: output maps (convolution, subsampling) or units (fully connected, radial basis).</param>
/// <param name="FanIn">
/// Inputs a receiving unit weighs, biases not counted: k x k per connected input map for a
/// convolution (see <see cref="FanInPerInputMap"/>), the input's size for a fully connected layer,
/// the window's k x k cells for subsampling, the vector length for radial-basis centres.
/// </param>
/// <param name="FanInPerInputMap">
/// Whether <see cref="FanIn"/> counts per connected input map (a convolution, whose connection
/// table may connect maps to different numbers of inputs): see <see cref="FanInOf"/>.
/// </param>
/// <param name="Decays">Whether weight decay applies (weights only: decaying biases, coefficients or centres would bias the units, not regularise the function).</param>
#if LENET_GENERATOR
internal
#else
public
#endif
readonly record struct ParameterSegment(ParameterRole Role, int Start, int Length, int Units, int FanIn, bool FanInPerInputMap, bool Decays)
{
    /// <summary>Offset just past the run's last float, within the layer's parameters.</summary>
    public int End => Start + Length;

    /// <summary>The fan-in of a unit that reads <paramref name="inputMaps"/> input maps (ignored unless <see cref="FanInPerInputMap"/>).</summary>
    public int FanInOf(int inputMaps) => FanInPerInputMap ? FanIn * inputMaps : FanIn;
}
