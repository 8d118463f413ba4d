using System.Text;

namespace LeNet.Cli.Terminal;

/// <summary>Prints a confusion matrix: rows are true labels, columns predicted labels.</summary>
internal static class ConfusionMatrix
{
    /// <summary>The matrix as text, with row totals and per-class accuracy.</summary>
    public static string Format(int[,] confusion)
    {
        int classes = confusion.GetLength(0);
        var text = new StringBuilder("true \\ predicted");
        text.Append('\n').Append("      ");
        for (int p = 0; p < classes; p++) text.Append($"{p,6}");
        text.Append("   total  accuracy\n");
        for (int t = 0; t < classes; t++)
        {
            int total = 0;
            text.Append($"{t,6}");
            for (int p = 0; p < classes; p++)
            {
                total += confusion[t, p];
                text.Append(confusion[t, p] == 0 && p != t ? "     ." : $"{confusion[t, p],6}");
            }
            double accuracy = total == 0 ? 0 : (double)confusion[t, t] / total;
            text.Append($"{total,8}  {accuracy,8:P1}\n");
        }
        return text.ToString().TrimEnd('\n');
    }
}
