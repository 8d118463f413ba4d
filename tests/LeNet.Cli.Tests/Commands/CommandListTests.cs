using System.CommandLine;
using System.Text.RegularExpressions;
using LeNet.Cli.Tests.Web;

namespace LeNet.Cli.Tests.Commands;

/// <summary>
/// The package READMEs (and README.md, when it has one) list the commands in a table whose header's first
/// cell is "command"; each row's first cell opens with the command in backticks, `lenet NAME ...` or `NAME ...`.
/// That list must be exactly the tool's commands, so a command added or renamed cannot be left out.
/// </summary>
public sealed partial class CommandListTests
{
    /// <summary>The package READMEs that must hold the list; any other packaging/*.md and README.md are checked when they do.</summary>
    private static readonly string[] Required = ["LeNet.Generated.Tool.md", "LeNet.Generated.Cli.md"];

    private static string[] ToolCommands() => [.. Program.BuildRoot().Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Documents()
    {
        string root = DemoPageTests.RepositoryRoot();
        var documents = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(root, "packaging"), "*.md").Append(Path.Combine(root, "README.md")).Where(File.Exists))
            documents.Add(Path.GetRelativePath(root, path));
        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_documents_command_table_lists_every_command_once(string document)
    {
        string path = Path.Combine(DemoPageTests.RepositoryRoot(), document);
        IReadOnlyList<string>? listed = CommandTable(File.ReadAllLines(path));
        if (listed is null)
        {
            Assert.DoesNotContain(Path.GetFileName(path), Required);
            return;
        }
        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(ToolCommands(), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_reader_finds_a_table_and_ignores_other_tables()
    {
        string[] lines =
        [
            "| model | what |", "|---|---|", "| `lenet5` | a model |", "",
            "| Command | what it does |", "| --- | --- |", "| `lenet train [--epochs N]` | trains |", "| `eval CHECKPOINT` | evaluates |", "| `read A \\| B` | reads |", "",
            "| `lenet show` | after the table: not listed |",
        ];
        Assert.Equal(["train", "eval", "read"], CommandTable(lines));
        Assert.Null(CommandTable(["# Nothing", "| model |", "|---|", "| `lenet5` |"]));
    }

    /// <summary>The command names of the first table headed "command", or null when there is none.</summary>
    internal static IReadOnlyList<string>? CommandTable(IReadOnlyList<string> lines)
    {
        int header = -1;
        for (int i = 0; i + 1 < lines.Count && header < 0; i++)
            if (HeaderRow().IsMatch(lines[i]) && SeparatorRow().IsMatch(lines[i + 1])) header = i;
        if (header < 0) return null;
        var names = new List<string>();
        for (int i = header + 2; i < lines.Count && lines[i].TrimStart().StartsWith('|'); i++)
        {
            Match row = CommandRow().Match(lines[i]);
            Assert.True(row.Success, $"row {i + 1} of the command table does not open with a command in backticks: {lines[i]}");
            names.Add(row.Groups["name"].Value);
        }
        return names;
    }

    [GeneratedRegex(@"^\s*\|\s*command\s*\|", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderRow();

    [GeneratedRegex(@"^\s*\|\s*:?-{3,}")]
    private static partial Regex SeparatorRow();

    [GeneratedRegex(@"^\s*\|\s*`(?:lenet )?(?<name>[a-z][a-z0-9-]*)")]
    private static partial Regex CommandRow();
}
