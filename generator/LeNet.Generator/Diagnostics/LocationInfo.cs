using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LeNet.Generator.Diagnostics;

/// <summary>
/// A source location reduced to values (file, span, line span) so it can travel in the cached
/// model; a <see cref="Location"/> would keep the syntax tree, and the compilation, alive.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>Captures <paramref name="location"/>, or null when it is not in source.</summary>
    public static LocationInfo? From(Location? location) =>
        location is { SourceTree: not null }
            ? new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    /// <summary>Rebuilds the Roslyn location.</summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
