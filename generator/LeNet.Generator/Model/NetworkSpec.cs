using System.Linq;
using LeNet.Generator.Helpers;

namespace LeNet.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network's code.
/// </summary>
/// <remarks>
/// Equality contract: this record and everything it holds are immutable and compare by value
/// (records, strings, ints, <see cref="EquatableArray{T}"/>). Roslyn compares pipeline outputs with
/// it to decide whether to re-emit; a member that compared by reference (an array, a symbol, a
/// Location) would silently defeat incremental caching. Add members with that in mind.
/// </remarks>
/// <param name="Namespace">Containing namespace as dotted names without verbatim prefixes ("My.event"), empty for the global namespace.</param>
/// <param name="ClassName">The partial class's name.</param>
/// <param name="NetworkName">Name in checkpoints and on the command line.</param>
/// <param name="Input">Input shape.</param>
/// <param name="Layers">The layers in declaration order.</param>
/// <param name="Replica">For a [Replicate] class, the field network it replicates and where; null for a [Network] class.</param>
internal sealed record NetworkSpec(
    string Namespace,
    string ClassName,
    string NetworkName,
    Shape Input,
    EquatableArray<LayerSpec> Layers,
    ReplicaSpec? Replica = null)
{
    /// <summary>Whether the kernels carry [SkipLocalsInit]: the user's compilation allows unsafe code, which the attribute needs.</summary>
    public bool SkipLocalsInit { get; init; }

    /// <summary>The class's fully qualified name without verbatim prefixes, used for hint names and comments.</summary>
    public string FullName => Namespace.Length == 0 ? ClassName : $"{Namespace}.{ClassName}";

    /// <summary>Total parameters.</summary>
    public int ParameterCount => Layers.Sum(layer => layer.ParameterCount);

    /// <summary>Floats of one sample's activations.</summary>
    public int ActivationCount => Layers.Sum(layer => layer.Output.Size);

    /// <summary>
    /// Floats after the padded deltas that the input-delta kernels may read (never use): their
    /// whole vectors read up to a Vector512 less one float past a row's end (Simd.Reading).
    /// </summary>
    public const int PaddedSlack = 16;

    /// <summary>Floats of scratch a backward call needs: one delta per activation, then the largest padded-delta area and its slack.</summary>
    public int ScratchSize => ActivationCount + (Layers.Max(layer => layer.PaddedDeltaSize) is > 0 and int padded ? padded + PaddedSlack : 0);

    /// <summary>Whether a layer tells training from evaluation (dropout): the forward passes then take a TrainingStep.</summary>
    public bool HasDropout => Layers.Any(layer => layer.Kind == LayerKind.Dropout);

    /// <summary>The last layer.</summary>
    public LayerSpec OutputLayer => Layers[Layers.Count - 1];
}

/// <summary>A replicated network's field and strip or page (ReplicationRules): values only, like the rest of the model.</summary>
/// <param name="FieldType">The field class as a fully qualified type reference (global::...).</param>
/// <param name="FieldName">The field network's name.</param>
/// <param name="FieldWidth">The field's input width.</param>
/// <param name="Step">Input columns (and rows) between neighbouring windows.</param>
/// <param name="Positions">Positions along each row of windows.</param>
/// <param name="FieldHeight">The field's input height.</param>
/// <param name="Rows">Rows of windows: 1 for a strip.</param>
internal sealed record ReplicaSpec(string FieldType, string FieldName, int FieldWidth, int Step, int Positions, int FieldHeight, int Rows);
