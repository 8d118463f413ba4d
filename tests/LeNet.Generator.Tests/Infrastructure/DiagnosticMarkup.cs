using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LeNet.Generator.Tests.Infrastructure;

/// <summary>
/// Source with expected diagnostics marked in place, as Roslyn's analyzer tests write them:
/// <c>[{|LENET007:Convolution(6, 40)|}]</c> expects LENET007 exactly on <c>Convolution(6, 40)</c>;
/// <c>{|LENET006,LENET006:...|}</c> expects two diagnostics on the same span. Markers do not nest.
/// </summary>
internal static class DiagnosticMarkup
{
    private const string Open = "{|", Close = "|}";

    /// <summary>An expected diagnostic: its id and the span it must cover in the unmarked source.</summary>
    public sealed record Expected(string Id, TextSpan Span);

    /// <summary>Strips the markers from <paramref name="marked"/>, returning the source and what they expected.</summary>
    public static (string Source, IReadOnlyList<Expected> Expected) Parse(string marked)
    {
        var source = new System.Text.StringBuilder(marked.Length);
        var expected = new List<Expected>();
        int position = 0;
        while (marked.IndexOf(Open, position, StringComparison.Ordinal) is var start and >= 0)
        {
            int colon = marked.IndexOf(':', start);
            int end = marked.IndexOf(Close, colon, StringComparison.Ordinal);
            if (colon < 0 || end < 0)
                throw new FormatException($"Unclosed diagnostic marker at offset {start}: expected {{|ID:text|}}.");
            source.Append(marked, position, start - position);
            string text = marked[(colon + 1)..end];
            if (text.Contains(Open, StringComparison.Ordinal))
                throw new FormatException($"Nested diagnostic marker at offset {start}; markers do not nest.");
            foreach (string id in marked[(start + Open.Length)..colon].Split(','))
                expected.Add(new Expected(id.Trim(), new TextSpan(source.Length, text.Length)));
            source.Append(text);
            position = end + Close.Length;
        }
        source.Append(marked, position, marked.Length - position);
        return (source.ToString(), expected);
    }

    /// <summary>
    /// Fails unless <paramref name="actual"/> are exactly the marked diagnostics (same ids on the same
    /// spans, in Program.cs), showing both sides as marked-up source lines.
    /// </summary>
    public static void AssertMatches(string source, IReadOnlyList<Expected> expected, IEnumerable<Diagnostic> actual)
    {
        // The generator rebuilds locations from values (file path and span), so they are external
        // file locations without a syntax tree: compare by path.
        var actualMarks = actual.Select(d => (d.Id, Span: d.Location.SourceSpan, File: d.Location.GetLineSpan().Path)).ToList();
        var wrongFile = actualMarks.Where(a => a.File != GeneratorHarness.SourcePath).ToList();
        Assert.True(wrongFile.Count == 0, "Diagnostics outside Program.cs: " + string.Join(", ", wrongFile.Select(a => $"{a.Id} in '{a.File}'")));

        string Key((string Id, TextSpan Span) mark) => $"{mark.Id} {mark.Span.Start:D6}-{mark.Span.End:D6}";
        var want = expected.Select(e => Key((e.Id, e.Span))).Order(StringComparer.Ordinal).ToList();
        var got = actualMarks.Select(a => Key((a.Id, a.Span))).Order(StringComparer.Ordinal).ToList();
        if (want.SequenceEqual(got)) return;
        Assert.Fail("Diagnostics differ.\nExpected:\n" + Show(source, expected.Select(e => (e.Id, e.Span))) +
            "\nActual:\n" + Show(source, actualMarks.Select(a => (a.Id, a.Span))));
    }

    /// <summary>Each diagnostic as "ID at line L: text-of-the-line-with-the-span-marked".</summary>
    private static string Show(string source, IEnumerable<(string Id, TextSpan Span)> marks)
    {
        SourceText text = SourceText.From(source);
        var lines = marks.OrderBy(m => m.Span.Start).Select(m =>
        {
            if (m.Span.End > source.Length) return $"  {m.Id} at {m.Span} (outside the source)";
            LinePosition start = text.Lines.GetLinePosition(m.Span.Start);
            return $"  {m.Id} at ({start.Line + 1},{start.Character + 1}): {{|{source.Substring(m.Span.Start, m.Span.Length)}|}}";
        }).ToList();
        return lines.Count == 0 ? "  (none)" : string.Join("\n", lines);
    }
}
