using System.Globalization;
using System.Text;
using LeNet.Cli.Terminal;
using LeNet.Data;
using LeNet.Files;

namespace LeNet.Cli.Commands;

/// <summary>One strip of a test set: its PNG file (relative to the set's folder), its characters and their centre columns.</summary>
/// <param name="File">The PNG's file name.</param>
/// <param name="Digits">The characters, left to right: digits 0-9 and, in a set of amounts, the amount grammar's separators (10 ',', 11 '.').</param>
/// <param name="Centres">The strip column each digit's ink box is centred on.</param>
internal sealed record StripEntry(string File, byte[] Digits, float[] Centres);

/// <summary>
/// The labels file of a folder of strips written by <c>lenet strings</c> (<see cref="FileName"/>): lines of
/// comma-separated values under the header <c>file,digits,centres</c>, e.g.
/// <c>strip-00000.png,40213,24.5 38 52 66 80.5</c>, or for an amount <c>strip-00000.png,"1,234.56",...</c> (text with a
/// comma in double quotes); lines starting with '#' describe the set.
/// </summary>
internal static class StripSetFile
{
    /// <summary>The labels file's name in its folder.</summary>
    public const string FileName = "labels.csv";
    private const string Header = "file,digits,centres";
    private const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Writes the labels file into <paramref name="folder"/> atomically, after the <paramref name="comments"/>.</summary>
    public static void Write(string folder, IEnumerable<string> comments, IEnumerable<StripEntry> strips)
    {
        var text = new StringBuilder();
        foreach (string comment in comments) text.Append("# ").Append(comment).Append('\n');
        text.Append(Header).Append('\n');
        foreach (StripEntry strip in strips)
            text.Append(strip.File).Append(',')
                .Append(Quoted(AmountText.Text(strip.Digits.Select(d => (int)d)))).Append(',')
                .AppendJoin(' ', strip.Centres.Select(c => c.ToString("0.#", CultureInfo.InvariantCulture))).Append('\n');
        string path = Path.Combine(folder, FileName);
        try
        {
            AtomicFile.WriteAllText(path, text.ToString());
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot write ({error.Message}).");
        }
    }

    /// <summary>Reads the labels file of <paramref name="folder"/>; any fault is a one-line <see cref="UserError"/> naming the file and line.</summary>
    public static IReadOnlyList<StripEntry> Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder))
            throw new UserError($"{folder}: no such folder; write a set of strips with 'lenet strings --out {folder}'.");
        if (!File.Exists(path))
            throw new UserError($"{path}: no labels file; a folder written by 'lenet strings' has one.");
        string[] lines;
        try
        {
            lines = Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxBytes)).Split('\n');
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UserError(error.Message);
        }
        var strips = new List<StripEntry>();
        bool header = false;
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!header)
            {
                if (line != Header) throw new UserError($"{path}:{number}: expected the header '{Header}', found '{Shorten(line)}'.");
                header = true;
                continue;
            }
            strips.Add(Parse(line, $"{path}:{number}"));
        }
        if (strips.Count == 0) throw new UserError($"{path}: no strips are listed.");
        return strips;
    }

    private static string Quoted(string text) => text.Contains(',') ? $"\"{text}\"" : text;

    /// <summary>The comma-separated fields of a line, a field in double quotes holding commas.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        int start = 0;
        while (true)
        {
            if (start < line.Length && line[start] == '"')
            {
                int close = line.IndexOf('"', start + 1);
                if (close < 0) return [.. fields, line[start..]];
                fields.Add(line[(start + 1)..close]);
                start = close + 1;
                if (start >= line.Length) return fields;
                if (line[start] != ',') return [.. fields, line[start..]];
                start++;
                continue;
            }
            int comma = line.IndexOf(',', start);
            if (comma < 0) return [.. fields, line[start..]];
            fields.Add(line[start..comma]);
            start = comma + 1;
        }
    }

    private static StripEntry Parse(string line, string where)
    {
        string[] fields = [.. Fields(line)];
        if (fields.Length != 3)
            throw new UserError($"{where}: expected 3 comma-separated fields (file, digits, centres), found {fields.Length}.");
        string file = fields[0];
        if (file.Length == 0 || file != Path.GetFileName(file))
            throw new UserError($"{where}: '{Shorten(file)}' is not a file name in the folder.");
        if (fields[1].Length == 0 || !fields[1].All(c => AmountText.Character(c) is not null))
            throw new UserError($"{where}: '{Shorten(fields[1])}' is not a string of digits or an amount.");
        byte[] digits = fields[1].Select(c => (byte)AmountText.Character(c)!.Value).ToArray();
        string[] centreTexts = fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var centres = new float[centreTexts.Length];
        for (int i = 0; i < centres.Length; i++)
            if (!float.TryParse(centreTexts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out centres[i]) || !float.IsFinite(centres[i]))
                throw new UserError($"{where}: centre '{Shorten(centreTexts[i])}' is not a number.");
        if (centres.Length != digits.Length)
            throw new UserError($"{where}: {digits.Length} digits but {centres.Length} centres.");
        return new StripEntry(file, digits, centres);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
