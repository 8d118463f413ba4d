using System;
using System.Text;

namespace LeNet.Generator.Helpers;

/// <summary>
/// A small indented writer over a <see cref="StringBuilder"/>: the emitters write C# text with it,
/// never SyntaxFactory (cheaper, and the output reads like hand-written code). Multi-line strings
/// are re-indented line by line and long lines broken (<see cref="LineWrapper"/>); <see cref="Block"/> opens a brace block that closes on Dispose.
/// </summary>
internal sealed class IndentedTextWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes <paramref name="line"/> (each of its lines) at the current indentation.</summary>
    public IndentedTextWriter Line(string line = "")
    {
        if (line.Length == 0)
        {
            _text.Append('\n');
            return this;
        }
        string indent = string.Concat(System.Linq.Enumerable.Repeat(IndentUnit, _indent));
        foreach (string part in line.Split('\n'))
        {
            string text = part.TrimEnd('\r');
            if (text.Length == 0)
            {
                _text.Append('\n');
                continue;
            }
            foreach (string wrapped in LineWrapper.Wrap(indent, text))
                _text.Append(wrapped).Append('\n');
        }
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the result is disposed.</summary>
    public BlockScope Block(string header, string closing = "}")
    {
        if (header.Length > 0) Line(header);
        Line("{");
        _indent++;
        return new BlockScope(this, closing);
    }

    /// <summary>Indents until the result is disposed, without braces.</summary>
    public BlockScope Indent()
    {
        _indent++;
        return new BlockScope(this, null);
    }

    /// <summary>Closes several scopes, innermost (last) first.</summary>
    public static IDisposable Together(params IDisposable[] scopes) => new Scopes(scopes);

    /// <summary>The text written so far; indentation must be back at zero.</summary>
    public override string ToString()
    {
        if (_indent != 0) throw new InvalidOperationException("Unbalanced blocks in generated source.");
        return _text.ToString();
    }

    private sealed class Scopes(IDisposable[] scopes) : IDisposable
    {
        public void Dispose()
        {
            for (int i = scopes.Length - 1; i >= 0; i--) scopes[i].Dispose();
        }
    }

    /// <summary>Closes a block opened by <see cref="Block"/> or <see cref="Indent"/>.</summary>
    internal readonly struct BlockScope(IndentedTextWriter writer, string? closing) : IDisposable
    {
        public void Dispose()
        {
            writer._indent--;
            if (closing is not null) writer.Line(closing);
        }
    }
}
