using System.Collections.Generic;

namespace LeNet.Generator.Helpers;

/// <summary>
/// Breaks a generated line longer than <see cref="Width"/> columns where a person would: code after
/// the commas (or the opening parenthesis) of its outermost argument or declarator list, nested
/// lists only where the outer pieces still do not fit, continuation lines indented one step
/// deeper; a comment, or a code line's trailing comment, at spaces into comment lines of its own.
/// String and character literals are never broken, and neither are preprocessor lines.
/// </summary>
internal static class LineWrapper
{
    /// <summary>The column the generated code keeps within where it can.</summary>
    public const int Width = 120;

    private const string Step = "    ";

    /// <summary>The lines <paramref name="indent"/> + <paramref name="text"/> becomes.</summary>
    public static IEnumerable<string> Wrap(string indent, string text)
    {
        if (indent.Length + text.Length <= Width || text.StartsWith("#", System.StringComparison.Ordinal))
            return [indent + text];
        var lines = new List<string>();
        string trimmed = text.TrimStart();
        if (trimmed.StartsWith("//", System.StringComparison.Ordinal))
        {
            string marker = trimmed.StartsWith("///", System.StringComparison.Ordinal) ? "/// " : "// ";
            WrapComment(indent, marker, trimmed.Substring(marker.Length - 1).TrimStart(), lines);
            return lines;
        }
        int comment = TrailingComment(text);
        if (comment >= 0)
        {
            WrapComment(indent, "// ", text.Substring(comment + 2).TrimStart(), lines);
            text = text.Substring(0, comment).TrimEnd();
        }
        WrapCode(indent, indent + Step, text, lines);
        return lines;
    }

    private static void WrapComment(string indent, string marker, string words, List<string> lines)
    {
        var line = new System.Text.StringBuilder();
        int tag = 0;
        int start = 0;
        // Break at spaces outside XML tags.
        for (int i = 0; i <= words.Length; i++)
        {
            bool end = i == words.Length;
            if (!end && words[i] == '<') tag++;
            if (!end && words[i] == '>' && tag > 0) tag--;
            if (!end && (words[i] != ' ' || tag > 0)) continue;
            string word = words.Substring(start, i - start);
            start = i + 1;
            if (word.Length == 0) continue;
            if (line.Length > 0 && indent.Length + marker.Length + line.Length + 1 + word.Length > Width)
            {
                lines.Add(indent + marker + line);
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) lines.Add(indent + marker + line);
    }

    /// <summary>Where a code line's trailing // comment starts, outside literals; -1 when it has none.</summary>
    private static int TrailingComment(string text)
    {
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/') return i;
        }
        return -1;
    }

    private static void WrapCode(string prefix, string continuation, string text, List<string> lines)
    {
        if (prefix.Length + text.Length <= Width)
        {
            lines.Add(prefix + text);
            return;
        }
        List<(int At, int Depth)> breaks = Breaks(text);
        if (breaks.Count == 0)
        {
            lines.Add(prefix + text);
            return;
        }
        int outermost = int.MaxValue;
        foreach (var b in breaks) outermost = System.Math.Min(outermost, b.Depth);
        // The last outermost break that keeps the first piece within the width, else the first one.
        int at = -1;
        foreach (var b in breaks)
            if (b.Depth == outermost && (at < 0 || prefix.Length + b.At <= Width)) at = b.At;
        string head = text.Substring(0, at).TrimEnd(), tail = text.Substring(at).TrimStart();
        if (head.Length == 0 || tail.Length == 0)
        {
            lines.Add(prefix + text);
            return;
        }
        WrapCode(prefix, continuation, head, lines);
        WrapCode(continuation, continuation, tail, lines);
    }

    /// <summary>Places a line may break, after a comma, a semicolon or an opening parenthesis, with their nesting depth.</summary>
    private static List<(int At, int Depth)> Breaks(string text)
    {
        var breaks = new List<(int, int)>();
        int depth = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }
            switch (c)
            {
                case '"' or '\'': quote = c; break;
                case '(' or '[' or '{':
                    depth++;
                    // After the parenthesis of a call or declaration (not of a cast or a grouping).
                    if (c == '(' && i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_') && i + 1 < text.Length && text[i + 1] != ')')
                        breaks.Add((i + 1, depth));
                    break;
                case ')' or ']' or '}': depth--; break;
                case ',' or ';' when i + 1 < text.Length && text[i + 1] == ' ': breaks.Add((i + 1, depth)); break;
            }
        }
        return breaks;
    }
}
