using LeNet.Generator.Model;
using Microsoft.CodeAnalysis;

namespace LeNet.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the LeNet generator reports. Ids are stable (LENET001...) and recorded in
/// AnalyzerReleases.Unshipped.md; each message says what is wrong and what to change, and is
/// reported on the attribute (or identifier) that has to change. The layout rules' messages are the
/// shared walk's (<see cref="LayoutProblem.Formats"/>), which the runtime throws with too.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "LeNet.Generator";

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description);

    /// <summary>Format: <c>"Network class '{0}' must be declared 'partial' so the generator can add its members"</c>.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Error("LENET001",
        "Network class must be partial",
        "Network class '{0}' must be declared 'partial' so the generator can add its members",
        "The generator adds constants and kernels to the class declared with [Network]; add the 'partial' modifier.");

    /// <summary>Format: <c>"Network class '{0}' is {1}; declare it as a non-static, non-generic, top-level class"</c>.</summary>
    public static readonly DiagnosticDescriptor UnsupportedClass = Error("LENET002",
        "Network class must be a non-static, non-generic, top-level class",
        "Network class '{0}' is {1}; declare it as a non-static, non-generic, top-level class",
        "Generated networks have fixed shapes, live at namespace level and are instances of INetwork: static, generic or nested network classes are not supported.");

    /// <summary>Format: <c>"Network '{0}' has no [Input(channels, height, width)] attribute; declare the input shape first"</c>.</summary>
    public static readonly DiagnosticDescriptor NoInput = Error("LENET003",
        "Network has no input",
        "Network '{0}' has no [Input(channels, height, width)] attribute; declare the input shape first",
        "Every network starts with exactly one [Input] attribute giving the shape of one sample.");

    /// <summary>Format: <c>"Network '{0}' has no layers; add layer attributes after [Input], ending with an output layer"</c>.</summary>
    public static readonly DiagnosticDescriptor NoLayers = Error("LENET004",
        "Network has no layers",
        "Network '{0}' has no layers; add layer attributes after [Input], ending with an output layer",
        "A network needs at least one layer after its input.");

    /// <summary>Format: <c>"[Input] must be the first layer attribute and appear once; {0}"</c>.</summary>
    public static readonly DiagnosticDescriptor InputNotFirst = Error("LENET005",
        "Input must come first",
        "[Input] must be the first layer attribute and appear once; {0}",
        "Layers run in declaration order, starting from the input.");

    /// <summary>Format: <c>"{0} must be positive, but is {1}"</c>.</summary>
    public static readonly DiagnosticDescriptor NonPositive = Error("LENET006",
        "Size must be positive",
        LayoutProblem.Formats.NonPositive,
        "Maps, units, kernel and window sizes and input dimensions are counts: they must be at least 1.");

    /// <summary>Format: <c>"Layer {0}: a {1}x{1} kernel does not fit its {2}x{3} input; use a kernel of at most {4}"</c>.</summary>
    public static readonly DiagnosticDescriptor KernelTooLarge = Error("LENET007",
        "Kernel larger than its input",
        LayoutProblem.Formats.KernelTooLarge,
        "The kernel must fit inside the input, padding included (the sizes given count the padding).");

    /// <summary>Format: <c>"Layer {0}: a {1}x{1} window does not divide its {2}x{3} input; use a size that divides both, or Floor = true ..."</c>.</summary>
    public static readonly DiagnosticDescriptor WindowDoesNotDivide = Error("LENET008",
        "Pooling window does not divide its input",
        LayoutProblem.Formats.WindowDoesNotDivide,
        "Subsampling uses non-overlapping windows that must tile the input exactly, unless Floor is set.");

    /// <summary>Format: <c>"Layer {0}: the connection table has {1} entries, but the layer has {2} maps; give one entry per output map"</c>.</summary>
    public static readonly DiagnosticDescriptor TableWrongSize = Error("LENET009",
        "Connection table of the wrong size",
        LayoutProblem.Formats.TableWrongSize,
        "Each output map lists the input maps it reads, so the table has exactly one entry per output map.");

    /// <summary>Format: <c>"Layer {0}: connection table entry {1} (\"{2}\") {3}"</c>.</summary>
    public static readonly DiagnosticDescriptor TableBadEntry = Error("LENET010",
        "Connection table names a map that does not exist",
        LayoutProblem.Formats.TableBadEntry,
        "Entries are comma-separated, distinct input map indices between 0 and the input's map count minus one.");

    /// <summary>Format: <c>"Layer {0} ({1}) is an output layer and must be the last layer; move it to the end"</c>.</summary>
    public static readonly DiagnosticDescriptor OutputNotLast = Error("LENET011",
        "Output layer is not last",
        LayoutProblem.Formats.OutputNotLast,
        "Softmax and radial-basis layers produce the network's answer; nothing can follow them.");

    /// <summary>Format: <c>"Layer {0}: {1}"</c> (an option that this layer kind or shape does not allow).</summary>
    public static readonly DiagnosticDescriptor InvalidOption = Error("LENET012",
        "Layer option not supported",
        LayoutProblem.Formats.InvalidOption,
        "Some options only make sense together: trainable subsampling needs average pooling; digit-bitmap RBF centres need 84 inputs; random centres must be trainable.");

    /// <summary>Format: <c>"Layer label '{0}' {1}; use a distinct C# identifier such as C1 or F6"</c>.</summary>
    public static readonly DiagnosticDescriptor InvalidLabel = Error("LENET013",
        "Invalid layer label",
        "Layer label '{0}' {1}; use a distinct C# identifier such as C1 or F6",
        "Labels name the generated constants classes (LeNet5.C1.Weights), so they must be distinct identifiers.");

    /// <summary>Format: <c>"Network '{0}' declares layer attributes on more than one partial declaration; keep them on one so their order is defined"</c>.</summary>
    public static readonly DiagnosticDescriptor SplitDeclaration = Error("LENET014",
        "Layers declared on several partial declarations",
        "Network '{0}' declares layer attributes on more than one partial declaration; keep them on one so their order is defined",
        "Layer order is declaration order, which is only defined within one attribute list sequence.");

    /// <summary>Format: <c>"Network class name '{0}' is also the name of {1}; rename the class"</c>.</summary>
    public static readonly DiagnosticDescriptor ClassNameClash = Error("LENET015",
        "Network class name clashes with a generated member",
        "Network class name '{0}' is also the name of {1}; rename the class",
        "A member cannot have the name of the class that declares it, so the network class cannot be named like the constants and kernels the generator adds (Description, Forward, ForwardC1...), nor file, scoped or required, which C# does not allow as type names.");

    /// <summary>Format: <c>"{0} is too large for the generated code: {1}; use smaller shapes"</c>.</summary>
    public static readonly DiagnosticDescriptor TooLarge = Error("LENET016",
        "Network too large",
        "{0} is too large for the generated code: {1}; use smaller shapes",
        "Shapes, offsets and buffer lengths are int constants in the generated code, also times the 16 samples of a block, so the input, each layer, the parameters and a sample's input, activations and scratch must each hold at most int.MaxValue / 16 (134,217,727) floats; kernels are unrolled, so a convolution's k x k taps times its row width, and a pooling window's k x k cells, are at most 16,384 terms; and connection tables are written out in full, so a convolution with one has at most 16,384 output maps x input maps.");

    /// <summary>Format: <c>"'{0}' is not a layer the generator knows; use Input, Convolution, Subsampling, FullyConnected, RadialBasis, Softmax or Dropout"</c>.</summary>
    public static readonly DiagnosticDescriptor UnknownLayer = Error("LENET017",
        "Unknown layer attribute",
        "'{0}' is not a layer the generator knows; use Input, Convolution, Subsampling, FullyConnected, RadialBasis, Softmax or Dropout",
        "Only the layer attributes of LeNet.Runtime have generated kernels; a class derived from LayerAttribute declares nothing the generator can build.");

    /// <summary>Format: <c>"Replicated network '{0}': {1}"</c>.</summary>
    public static readonly DiagnosticDescriptor StripWidth = Error("LENET018",
        "Strip width does not fit the field",
        "Replicated network '{0}': {1}",
        "A replicated network's positions are the field's step apart (the product of its subsampling windows), so the strip's Width must be the field's width plus a multiple of that step.");

    /// <summary>Format: <c>"'{0}' is not a [Network] class; replicate a class declared with [Network] and its layer attributes"</c>.</summary>
    public static readonly DiagnosticDescriptor NotANetwork = Error("LENET019",
        "Replicated type is not a network",
        "'{0}' is not a [Network] class; replicate a class declared with [Network] and its layer attributes",
        "[Replicate] takes the field network, a class declared with [Network] in this project or in a referenced assembly.");

    /// <summary>Format: <c>"Network '{0}' cannot be replicated: {1}"</c>.</summary>
    public static readonly DiagnosticDescriptor NotReplicable = Error("LENET020",
        "Network cannot be replicated",
        "Network '{0}' cannot be replicated: {1}",
        "A replicated network slides the field along the strip: its fully connected layers must read square maps (they become square convolutions), its output layer one vector, and its output must be one vector per window.");

    /// <summary>Format: <c>"Replicated network '{0}' declares its own {1}; a replicated network takes its layers from the field, remove it"</c>.</summary>
    public static readonly DiagnosticDescriptor ReplicaWithLayers = Error("LENET021",
        "Replicated network declares layers",
        "Replicated network '{0}' declares its own {1}; a replicated network takes its layers from the field, remove it",
        "A class with [Replicate] is the field network replicated: it declares neither [Network] nor layer attributes of its own.");

    /// <summary>Format: <c>"'{0}' is {1}, which would capture the short name the generated code of '{2}' uses for {3}; rename it"</c>.</summary>
    public static readonly DiagnosticDescriptor ShortNameTaken = Error("LENET022",
        "A name in the network's scope is a generated short name",
        "'{0}' is {1}, which would capture the short name the generated code of '{2}' uses for {3}; rename it",
        "The generated kernels name types such as System.Runtime.CompilerServices.Unsafe and Vector512<float> by short using aliases (Unsafe, V512); a member of the network class or of its base classes, or a type or namespace of the class's own namespace with one of those names would bind in their place.");

    /// <summary>Format: <c>"Replicated network '{0}': {1}"</c>.</summary>
    public static readonly DiagnosticDescriptor PageHeight = Error("LENET023",
        "Page height does not fit the field",
        "Replicated network '{0}': {1}",
        "A replicated network's rows of windows are the field's step apart (the product of its subsampling windows), as its positions are, so the Height must be the field's height plus a multiple of that step; leave it unset for a strip as high as the field.");

    /// <summary>Format: <c>"The LeNet generator failed on '{0}': {1}. Please report this with the declaration."</c>.</summary>
    public static readonly DiagnosticDescriptor InternalError = Error("LENET099",
        "Generator failure",
        "The LeNet generator failed on '{0}': {1}. Please report this with the declaration.",
        "An unexpected exception inside the generator; it is reported instead of crashing the build.");
}
