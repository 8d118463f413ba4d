using System.Globalization;
using System.Text;
using LeNet.Data;
using LeNet.Files;

namespace LeNet.Pages;

/// <summary>What a page is, and so which field on it is handwritten.</summary>
public enum PageKind
{
    /// <summary>An envelope: the field is the zip code of the recipient's address.</summary>
    Envelope,
    /// <summary>A cheque: the field is the courtesy amount, the amount written in figures in its box.</summary>
    Cheque,
}

/// <summary>
/// One page of a set of page pictures: its picture file, what kind of page it is, the text of its
/// handwritten field and the field's box in page pixels (x to the right, y down, from the top-left corner).
/// </summary>
/// <param name="File">The picture's file name, in the folder of the labels file.</param>
/// <param name="Kind">Envelope or cheque.</param>
/// <param name="Text">The handwritten field as written: "75093" on an envelope, "1,234.56" on a cheque.</param>
/// <param name="X">The box's left column.</param>
/// <param name="Y">The box's top row.</param>
/// <param name="Width">The box's width in pixels (at least 1).</param>
/// <param name="Height">The box's height in pixels (at least 1).</param>
public sealed record PageLabel(string File, PageKind Kind, string Text, int X, int Y, int Width, int Height);

/// <summary>
/// The labels file of a folder of page pictures (<see cref="FileName"/>), as <c>lenet envelopes</c> and
/// <c>lenet cheques</c> write it: comma-separated values under the header <see cref="Header"/>, one page a
/// line, e.g. <c>page-00000.png,envelope,75093,412,230,96,31</c> or
/// <c>page-00001.png,cheque,"1,234.56",640,118,170,40</c>. A field holding a comma or a double quote is
/// quoted, with its quotes doubled (RFC 4180, no line breaks inside fields); the kind is <c>envelope</c> or
/// <c>cheque</c>; the box is four whole numbers, x and y at least 0, width and height at least 1. Lines
/// starting with '#' before the header describe the set; blank lines are ignored.
/// </summary>
public static class PageLabels
{
    /// <summary>The labels file's name in its folder.</summary>
    public const string FileName = "labels.csv";

    /// <summary>The header line, the first line that is not a comment.</summary>
    public const string Header = "file,kind,text,x,y,width,height";

    /// <summary>The largest labels file read: 64 MiB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private const int Fields = 7;

    /// <summary>The name a kind has in the file: <c>envelope</c> or <c>cheque</c>.</summary>
    public static string Name(PageKind kind) => kind switch
    {
        PageKind.Envelope => "envelope",
        PageKind.Cheque => "cheque",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a page kind"),
    };

    /// <summary>Reads the labels file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DataFormatException">The file is a folder, empty, too long, not UTF-8 text, or a line is not a page label; the message names the file and the line.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static IReadOnlyList<PageLabel> Read(string path)
    {
        if (RegularFile.Problem(path, MaxBytes) is { } problem)
        {
            if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"{path}: {problem}.", path);
            throw new DataFormatException(path, problem + ".");
        }
        byte[] bytes;
        try
        {
            bytes = RegularFile.ReadAllBytes(path, MaxBytes);
        }
        catch (InvalidDataException error)
        {
            throw new DataFormatException(path, $"could not be read whole ({error.Message}).");
        }
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DataFormatException(path, "is not UTF-8 text.");
        }
        return Parse(text, path);
    }

    /// <summary>Reads labels from <paramref name="text"/>, the contents of a labels file; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="DataFormatException">A line is not a page label, the header is missing, or no page is listed; the message names the line.</exception>
    public static IReadOnlyList<PageLabel> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        string[] lines = text.Split('\n');
        var labels = new List<PageLabel>();
        var files = new Dictionary<string, int>(StringComparer.Ordinal);
        bool header = false;
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1].TrimEnd('\r');
            if (line.Length == 0 || (!header && line.StartsWith('#'))) continue;
            if (!header)
            {
                if (line != Header) throw Fault(source, number, $"expected the header '{Header}', found '{Shorten(line)}'");
                header = true;
                continue;
            }
            PageLabel label = ParseLine(line, source, number);
            if (!files.TryAdd(label.File, number))
                throw Fault(source, number, $"'{Shorten(label.File)}' is listed already on line {files[label.File]}");
            labels.Add(label);
        }
        if (!header) throw new DataFormatException(source, $"has no header line '{Header}'.");
        if (labels.Count == 0) throw new DataFormatException(source, "lists no pages.");
        return labels;
    }

    /// <summary>The text of a labels file listing <paramref name="labels"/> after the <paramref name="comments"/> (each written as a '#' line).</summary>
    /// <exception cref="ArgumentException">A label could not be read back: an empty or path-like file name, a line break in a field, a box outside the rules above, or a comment with a line break.</exception>
    public static string Format(IEnumerable<PageLabel> labels, IEnumerable<string> comments)
    {
        var text = new StringBuilder();
        foreach (string comment in comments)
        {
            if (comment.Contains('\n') || comment.Contains('\r')) throw new ArgumentException("A comment holds a line break.", nameof(comments));
            text.Append("# ").Append(comment).Append('\n');
        }
        text.Append(Header).Append('\n');
        foreach (PageLabel label in labels)
        {
            if (Problem(label) is { } problem) throw new ArgumentException($"{label.File}: {problem}.", nameof(labels));
            text.Append(Quote(label.File)).Append(',').Append(Name(label.Kind)).Append(',').Append(Quote(label.Text))
                .Append(CultureInfo.InvariantCulture, $",{label.X},{label.Y},{label.Width},{label.Height}\n");
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="labels"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>), as <see cref="Format"/> puts them.</summary>
    /// <exception cref="ArgumentException">As <see cref="Format"/>.</exception>
    /// <exception cref="IOException">The file could not be written; an earlier file there is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Write(string path, IEnumerable<PageLabel> labels, IEnumerable<string> comments) =>
        AtomicFile.WriteAllText(path, Format(labels, comments));

    private static PageLabel ParseLine(string line, string source, int number)
    {
        List<string> fields = SplitFields(line, source, number);
        if (fields.Count != Fields)
            throw Fault(source, number, $"expected {Fields} comma-separated fields ({Header}), found {fields.Count}");
        PageKind kind = fields[1] switch
        {
            "envelope" => PageKind.Envelope,
            "cheque" => PageKind.Cheque,
            _ => throw Fault(source, number, $"kind '{Shorten(fields[1])}' is neither 'envelope' nor 'cheque'"),
        };
        var box = new int[4];
        string[] names = ["x", "y", "width", "height"];
        for (int i = 0; i < 4; i++)
            if (!int.TryParse(fields[3 + i], NumberStyles.None, CultureInfo.InvariantCulture, out box[i]))
                throw Fault(source, number, $"{names[i]} '{Shorten(fields[3 + i])}' is not a whole number of pixels");
        var label = new PageLabel(fields[0], kind, fields[2], box[0], box[1], box[2], box[3]);
        if (Problem(label) is { } problem) throw Fault(source, number, problem);
        return label;
    }

    /// <summary>What makes <paramref name="label"/> unfit for a labels file, or null.</summary>
    private static string? Problem(PageLabel label)
    {
        if (label.File.Length == 0 || label.File != Path.GetFileName(label.File) || label.File.Contains('/') || label.File.Contains('\\') || label.File is "." or "..")
            return $"'{Shorten(label.File)}' is not a file name in the folder";
        if (label.Text.Length == 0) return "the field's text is empty";
        if (label.File.Any(char.IsControl) || label.Text.Any(char.IsControl)) return "a field holds a control character or line break";
        if (label.Width < 1 || label.Height < 1) return $"the box {label.Width}x{label.Height} is empty";
        if (label.X < 0 || label.Y < 0) return $"the box's corner ({label.X}, {label.Y}) is off the page";
        return null;
    }

    /// <summary>The fields of one CSV line: plain or quoted with doubled quotes inside.</summary>
    private static List<string> SplitFields(string line, string source, int number)
    {
        var fields = new List<string>(Fields);
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw Fault(source, number, $"field {fields.Count + 1} opens a quote that is never closed");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    throw Fault(source, number, $"field {fields.Count + 1} has text after its closing quote");
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"') throw Fault(source, number, $"field {fields.Count + 1} holds a quote but is not quoted");
                    field.Append(line[i++]);
                }
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }

    private static string Quote(string field) =>
        field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;

    private static DataFormatException Fault(string source, int number, string problem) => new(source, $"line {number}: {problem}.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
