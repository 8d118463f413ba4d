using System;
using LeNet.Generator.Helpers;

namespace LeNet.Generator.Emit;

/// <summary>
/// Integer index expressions with the arithmetic the generator knows done here: constants folded,
/// + 0 and * 1 dropped, parentheses only around sums. Only index arithmetic goes through these; the
/// floating-point arithmetic of the kernels is written as it is computed.
/// </summary>
internal static class Index
{
    /// <summary><paramref name="a"/> + <paramref name="b"/>.</summary>
    public static string Add(string a, string b)
    {
        if (int.TryParse(a, out int x) && int.TryParse(b, out int y)) return Format.Int(x + y);
        if (b == "0") return a;
        if (a == "0") return b;
        return $"{a} + {b}";
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/>.</summary>
    public static string Add(string a, int b) => Add(a, Format.Int(b));

    /// <summary><paramref name="a"/> * <paramref name="k"/>.</summary>
    public static string Mul(string a, int k)
    {
        if (int.TryParse(a, out int x)) return Format.Int(x * k);
        if (k == 0) return "0";
        if (k == 1) return a;
        return $"{Group(a)} * {Format.Int(k)}";
    }

    /// <summary><paramref name="a"/> in parentheses when it is a sum or a difference.</summary>
    public static string Group(string a)
    {
        int depth = 0;
        foreach (char c in a)
        {
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (depth == 0 && c is '+' or '-' or '?' or '<' or '>' or '=' or '&' or '|') return $"({a})";
        }
        return a;
    }

    /// <summary>
    /// Writes <paramref name="body"/> for index = first, first + step, ... below end: a for loop
    /// over <paramref name="name"/>, or, when there is a single trip, the body once with the
    /// constant, in a block of its own that keeps its locals scoped as in a loop unless
    /// <paramref name="scoped"/> is false (a body that declares nothing a sibling declares again).
    /// </summary>
    public static void For(IndentedTextWriter w, string name, int first, int end, int step, Action<string> body, bool scoped = true)
    {
        if (first >= end) return;
        if (first + step >= end)
        {
            if (!scoped)
            {
                body(Format.Int(first));
                return;
            }
            using (w.Block(""))
                body(Format.Int(first));
            return;
        }
        string advance = step == 1 ? $"{name}++" : $"{name} += {Format.Int(step)}";
        using (w.Block($"for (int {name} = {Format.Int(first)}; {name} < {Format.Int(end)}; {advance})"))
            body(name);
    }

    /// <summary>
    /// Opens a loop over <paramref name="name"/> from <paramref name="first"/> below <paramref name="end"/>
    /// whose body refers to it by name; with a single trip, a block declaring it a constant instead of
    /// a loop (and with none, a loop that never runs, as the caller asked).
    /// </summary>
    public static IndentedTextWriter.BlockScope Open(IndentedTextWriter w, string name, int end, int step = 1, int first = 0)
    {
        if (first < end && first + step >= end)
        {
            var scope = w.Block("");
            w.Line($"const int {name} = {Format.Int(first)};");
            return scope;
        }
        string advance = step == 1 ? $"{name}++" : $"{name} += {Format.Int(step)}";
        return w.Block($"for (int {name} = {Format.Int(first)}; {name} < {Format.Int(end)}; {advance})");
    }

    /// <summary>
    /// Opens a loop over <paramref name="name"/> from 0 below <paramref name="end"/> whose body does not
    /// read it (it advances references itself); with a single trip, a plain block.
    /// </summary>
    public static IndentedTextWriter.BlockScope Repeat(IndentedTextWriter w, string name, int end) =>
        end == 1 ? w.Block("") : w.Block($"for (int {name} = 0; {name} < {Format.Int(end)}; {name}++)");
}
