using System;

namespace LeNet.Generator.Model;

/// <summary>What every dispatch on a <see cref="LayerKind"/> shares: a kind without a case fails loudly.</summary>
internal static class LayerKinds
{
    /// <summary>
    /// The error of a switch over a kind that has no case for it: a kind added to
    /// <see cref="LayerKind"/> must get a case at every dispatch, never fall through to another kind's.
    /// </summary>
    public static ArgumentOutOfRangeException Unknown(LayerKind kind) =>
        new(nameof(kind), kind, $"Layer kind {kind} has no case here; every LayerKind needs one.");
}
