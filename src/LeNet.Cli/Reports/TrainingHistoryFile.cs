using System.Globalization;
using System.Text;
using LeNet.Files;

namespace LeNet.Cli.Commands;

/// <summary>One pass of a training run as <c>lenet train</c> recorded it; a value is null where the pass did not measure it.</summary>
/// <param name="Pass">The pass number, 1-based.</param>
/// <param name="TrainLoss">Mean training loss over the pass.</param>
/// <param name="TrainError">Training error rate, a fraction 0..1.</param>
/// <param name="TestLoss">Mean test loss after the pass.</param>
/// <param name="TestError">Test error rate after the pass, a fraction 0..1.</param>
/// <param name="LearningRate">The learning rate at the end of the pass.</param>
/// <param name="Seconds">Time the pass took.</param>
internal sealed record TrainingHistoryRow(int Pass, double? TrainLoss, double? TrainError, double? TestLoss, double? TestError, double? LearningRate, double? Seconds);

/// <summary>
/// Reads the <c>history.csv</c> that <see cref="TrainingHistory"/> writes, checking its header and
/// every value; a problem is reported with the file, the line and the column.
/// </summary>
internal static class TrainingHistoryFile
{
    private const int HeaderLine = 1;
    /// <summary>Largest history file read: a million passes' worth of lines.</summary>
    private const long MaxFileBytes = 256L << 20;


    /// <summary>The passes recorded in <paramref name="path"/>, in file order (possibly none).</summary>
    /// <exception cref="TrainingHistoryException">The file is missing or unreadable, its header is not the one <c>lenet train</c> writes, or a line is malformed.</exception>
    public static IReadOnlyList<TrainingHistoryRow> Read(string path)
    {
        string[] lines;
        try
        {
            lines = Encoding.UTF8.GetString(RegularFile.ReadAllBytes(path, MaxFileBytes)).Split('\n');
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TrainingHistoryException($"{path}: no such file.");
        }
        catch (InvalidDataException error)
        {
            throw new TrainingHistoryException(error.Message); // a folder, a pipe, an empty or huge file: the message names it
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new TrainingHistoryException($"{path}: could not be read ({error.Message}).");
        }
        return Parse(path, lines);
    }

    /// <summary>Parses the lines of a history file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="TrainingHistoryException">As <see cref="Read"/>.</exception>
    public static IReadOnlyList<TrainingHistoryRow> Parse(string source, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
            throw new TrainingHistoryException($"{source}: the file is empty; expected the header '{TrainingHistory.Header}' written by 'lenet train'.");
        string header = lines[0].TrimEnd('\r').TrimStart('\uFEFF');
        if (header is not (TrainingHistory.Header or TrainingHistory.UnvalidatedHeader))
            throw new TrainingHistoryException($"{source}, line {HeaderLine}: expected the header '{TrainingHistory.Header}' written by 'lenet train', found '{header}'.");
        string[] columns = header.Split(',');
        int Column(string name) => Array.IndexOf(columns, name);
        int passColumn = Column("pass"), trainLossColumn = Column("train_loss"), trainErrorColumn = Column("train_error");
        int testLossColumn = Column("test_loss"), testErrorColumn = Column("test_error");
        int rateColumn = Column("learning_rate"), secondsColumn = Column("seconds");

        var rows = new List<TrainingHistoryRow>();
        for (int i = 1; i < lines.Count; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue; // a trailing blank line is harmless
            int lineNumber = i + 1;
            string[] fields = line.Split(',');
            if (fields.Length != columns.Length)
                throw new TrainingHistoryException($"{source}, line {lineNumber}: {fields.Length} values, but the header has {columns.Length} columns.");
            var row = new TrainingHistoryRow(
                Pass(source, lineNumber, fields[passColumn]),
                Number(source, lineNumber, columns, fields, trainLossColumn),
                Fraction(source, lineNumber, columns, fields, trainErrorColumn),
                Number(source, lineNumber, columns, fields, testLossColumn),
                Fraction(source, lineNumber, columns, fields, testErrorColumn),
                Number(source, lineNumber, columns, fields, rateColumn),
                Number(source, lineNumber, columns, fields, secondsColumn));
            if (rows.Count > 0 && row.Pass <= rows[^1].Pass)
                throw new TrainingHistoryException($"{source}, line {lineNumber}: pass {row.Pass} does not follow pass {rows[^1].Pass}.");
            rows.Add(row);
        }
        return rows;
    }

    private static int Pass(string source, int line, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pass) && pass >= 1
            ? pass
            : throw new TrainingHistoryException($"{source}, line {line}, column pass: '{text}' is not a pass number (1, 2, ...).");

    private static double? Number(string source, int line, string[] columns, string[] fields, int column)
    {
        string text = fields[column];
        if (text.Length == 0) return null; // not measured in that pass
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new TrainingHistoryException($"{source}, line {line}, column {columns[column]}: '{text}' is not a number.");
    }

    private static double? Fraction(string source, int line, string[] columns, string[] fields, int column)
    {
        double? value = Number(source, line, columns, fields, column);
        if (value is double v && !(v >= 0 && v <= 1))
            throw new TrainingHistoryException($"{source}, line {line}, column {columns[column]}: {fields[column]} is not an error rate between 0 and 1.");
        return value;
    }
}

/// <summary>A history file that is missing, unreadable or malformed; the message names the file and, when it applies, the line.</summary>
internal sealed class TrainingHistoryException(string message) : Exception(message);
