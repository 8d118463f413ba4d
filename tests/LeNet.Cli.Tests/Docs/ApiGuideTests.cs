using System.Text.RegularExpressions;
using LeNet.Cli.Tests.Web;

namespace LeNet.Cli.Tests.Docs;

/// <summary>
/// docs/api.md shows only code that compiles and runs: its C# blocks, in order, are samples/ApiGuide/Program.cs,
/// which scripts/pack-and-run-sample.sh builds and runs against the packages.
/// </summary>
public sealed partial class ApiGuideTests
{
    [GeneratedRegex(@"^```csharp\n(.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    [Fact]
    public void The_guides_code_blocks_are_the_sample_program()
    {
        string root = DemoPageTests.RepositoryRoot();
        string guide = File.ReadAllText(Path.Combine(root, "docs", "api.md")).ReplaceLineEndings("\n");
        string program = File.ReadAllText(Path.Combine(root, "samples", "ApiGuide", "Program.cs")).ReplaceLineEndings("\n");

        string[] blocks = [.. CSharpBlock().Matches(guide).Select(match => match.Groups[1].Value)];

        Assert.True(blocks.Length > 5, $"docs/api.md has {blocks.Length} C# blocks");
        Assert.Equal(program.TrimEnd('\n'), string.Join("\n\n", blocks));
    }
}
