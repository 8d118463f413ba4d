using System.Linq;
using LeNet.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace LeNet.Generator.Diagnostics;

/// <summary>
/// A diagnostic as a value: the descriptor, a captured location and the message arguments already
/// turned into strings, so that equal diagnostics compare equal across runs (roslyn#68291) and
/// nothing roots a compilation.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>A diagnostic for <paramref name="descriptor"/> at <paramref name="location"/>.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object[] arguments) =>
        new(descriptor, LocationInfo.From(location), arguments.Select(a => a?.ToString() ?? "").ToEquatableArray());

    /// <summary>The Roslyn diagnostic to report.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Select(argument => (object)argument).ToArray());
}
