using System.Text;

namespace LeNet.Cli.Terminal;

/// <summary>A plain-text table: left-aligned text columns, right-aligned numbers, a rule under the header.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly bool[] _numeric = headers.Select(_ => true).ToArray();

    /// <summary>Adds a row; a column is right-aligned when every cell in it looks numeric.</summary>
    public TextTable Add(params object[] cells)
    {
        string[] text = cells.Select(c => c switch
        {
            null => "",
            float f => f.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
            int or long => string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:N0}", c),
            _ => c.ToString() ?? "",
        }).ToArray();
        for (int i = 0; i < text.Length && i < _numeric.Length; i++)
            if (text[i].Length > 0 && !LooksNumeric(text[i])) _numeric[i] = false;
        _rows.Add(text);
        return this;
    }

    private static bool LooksNumeric(string text) => text.All(c => char.IsDigit(c) || c is ',' or '.' or '-' or '%' or '+' or 'x' or ' ');

    /// <inheritdoc/>
    public override string ToString()
    {
        int[] widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells, bool header)
        {
            for (int i = 0; i < widths.Length; i++)
            {
                string cell = i < cells.Length ? cells[i] : "";
                text.Append(_numeric[i] && !header ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
                if (i < widths.Length - 1) text.Append("  ");
            }
            text.Append('\n');
        }
        Line(headers, header: true);
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (string[] row in _rows) Line(row, header: false);
        return text.ToString().TrimEnd('\n');
    }
}
