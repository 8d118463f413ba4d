namespace LeNet.Tool;

/// <summary>The `lenet` .NET tool: every command over the shipped models, under the tool's own name.</summary>
internal static class Program
{
    private static int Main(string[] args) => LeNet.Cli.Program.Main(args);
}
