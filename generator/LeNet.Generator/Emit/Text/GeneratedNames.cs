using System.Collections.Generic;
using System.Linq;
using LeNet.Generator.Model;

namespace LeNet.Generator.Emit;

/// <summary>
/// The names the generated code declares inside the network class: its own members, the members of
/// each layer's nested class, and the names made from a layer's label. The parser checks labels and
/// the class name against these lists, so a declaration can never make the generated code declare a
/// name twice or hide one it uses; a generator test checks that every member the emitters declare is
/// listed here.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>Members of the network class that do not depend on the layers.</summary>
    public static readonly IReadOnlyCollection<string> ClassMembers = new HashSet<string>
    {
        // Constants and metadata (NetworkFileEmitter).
        "NetworkName", "InputChannels", "InputHeight", "InputWidth", "InputSize", "OutputSize", "ParameterCount",
        "ActivationCount", "ScratchSize", "BlockSize", "BlockScratchSize", "Description",
        // A replicated network's (NetworkFileEmitter).
        "Field", "Step", "Positions", "Rows",
        // Entry points and per-sample drivers (ForwardFileEmitter, BackwardFileEmitter).
        "Forward", "ForwardBlock", "ForwardSample", "ForwardTraining", "ForwardBlockTraining",
        "Backward", "BackwardBlock", "BackwardSample", "SgdStep",
        "BackwardCurvature", "CurvatureSample",
    };

    /// <summary>Members of every layer's nested class ({Label}.Maps, {Label}.Weights...): a label equal to one is CS0542.</summary>
    public static readonly IReadOnlyCollection<string> LayerClassMembers = new HashSet<string>(
        new[] { "Maps", "Height", "Width", "Size", "Output", "ParameterOffset", "ParameterCount" }
            .Concat(System.Enum.GetNames(typeof(ParameterRole)))); // one offset constant per parameter segment


    /// <summary>
    /// Names the user's own declaration resolves inside the class: its attribute arguments name
    /// LeNet.Activation, LeNet.Pooling and LeNet.RbfCentres, and a nested class would hide them.
    /// </summary>
    public static readonly IReadOnlyCollection<string> UserNames = new HashSet<string>
    {
        "Activation", "Pooling", "RbfCentres", "LayerKind", "Network", "NetworkAttribute", "Input", "InputAttribute",
        "Convolution", "ConvolutionAttribute", "Subsampling", "SubsamplingAttribute", "FullyConnected", "FullyConnectedAttribute",
        "RadialBasis", "RadialBasisAttribute", "Softmax", "SoftmaxAttribute", "LayerAttribute",
        "Dropout", "DropoutAttribute", "TrainingStep",
    };

    /// <summary>The short names the generated kernels use for types (<see cref="TypeRefs.Aliases"/>): a layer's nested class of the same name would capture one.</summary>
    public static readonly IReadOnlyCollection<string> ShortNames = new HashSet<string>(System.Linq.Enumerable.Select(TypeRefs.Aliases, alias => alias.Alias));

    /// <summary>The local functions every kernel declares, one per code path (<see cref="KernelMethod"/>): a layer's nested class of the same name would be hidden from the kernel's body.</summary>
    public static readonly IReadOnlyCollection<string> KernelLocals = new HashSet<string>(KernelMethod.PathNames.Values);

    /// <summary>The members every class inherits from object: a nested class of the same name would hide one (CS0108).</summary>
    public static readonly IReadOnlyCollection<string> ObjectMembers = new HashSet<string>
    {
        "ToString", "GetHashCode", "Equals", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize",
    };

    /// <summary>Names C# forbids for a type even when escaped (CS9029, CS9056, CS9062): every generated partial declaration would repeat the error.</summary>
    public static readonly IReadOnlyCollection<string> ForbiddenTypeNames = new HashSet<string> { "file", "scoped", "required" };

    /// <summary>The forward kernel of the layer labelled <paramref name="label"/>.</summary>
    public static string ForwardKernel(string label) => "Forward" + label;

    /// <summary>The backward kernel of the layer labelled <paramref name="label"/> for the gradient or the curvature pass.</summary>
    public static string BackwardKernel(string label, Pass pass) => (pass == Pass.Gradient ? "Backward" : "Curvature") + label;

    /// <summary>A convolution's connection table: the input map of each pair.</summary>
    /// <summary>The block kernels of a layer (BlockFileEmitter).</summary>
    public static string ForwardBlockKernel(string label) => "ForwardBlock" + label;

    /// <summary>The block kernels of a layer (BlockFileEmitter).</summary>
    public static string BackwardBlockKernel(string label) => "BackwardBlock" + label;

    public static string SourcesTable(string label) => label + "Sources";

    /// <summary>A convolution's connection table: each output map's first pair.</summary>
    public static string FirstPairTable(string label) => label + "FirstPair";

    /// <summary>A convolution's inverted table: the pairs grouped by input map.</summary>
    public static string ConsumersTable(string label) => label + "Consumers";

    /// <summary>A convolution's inverted table: each input map's first entry.</summary>
    public static string FirstConsumerTable(string label) => label + "FirstConsumer";

    /// <summary>A convolution's inverted table: the output map of each pair.</summary>
    public static string OwnerTable(string label) => label + "Owner";

    /// <summary>Every class member the layer labelled <paramref name="label"/> adds, its nested class first.</summary>
    public static IEnumerable<string> OfLayer(string label) =>
    [
        label, ForwardKernel(label), BackwardKernel(label, Pass.Gradient), BackwardKernel(label, Pass.Curvature),
        ForwardBlockKernel(label), BackwardBlockKernel(label),
        SourcesTable(label), FirstPairTable(label), ConsumersTable(label), FirstConsumerTable(label), OwnerTable(label),
    ];
}
