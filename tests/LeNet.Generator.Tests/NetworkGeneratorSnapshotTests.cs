using LeNet.Generator.Tests.Infrastructure;

namespace LeNet.Generator.Tests;

/// <summary>
/// The generated code of representative networks, all four files each, against reviewed snapshots
/// in Snapshots/. Each test also requires the output compilation to be free of errors and warnings:
/// a snapshot of code that does not compile proves nothing.
/// </summary>
public sealed class NetworkGeneratorSnapshotTests
{
    /// <summary>The four files every network gets, by hint-name suffix.</summary>
    private static readonly string[] Concerns = ["Network.g.cs", "Forward.g.cs", "Backward.g.cs", "Curvature.g.cs", "Block.g.cs"];

    [Fact]
    public void LeNet5Paper() => VerifyNetwork(TestDeclarations.LeNet5Paper, "LeNet.Models.LeNet5");

    [Fact]
    public void LeNet5Modern() => VerifyNetwork(TestDeclarations.LeNet5Modern, "LeNet.Models.LeNet5Modern");

    [Fact]
    public void SevenKernelMaxPoolSoftmax() => VerifyNetwork(TestDeclarations.SevenKernel, "Samples.SevenKernel");

    [Fact]
    public void OddShapesTableSigmoidTrainableRbf() => VerifyNetwork(TestDeclarations.OddShapes, "Samples.Odd.OddShapes");

    [Fact]
    public void GlobalNamespace() => VerifyNetwork(TestDeclarations.GlobalNamespace, "TinyGlobal");

    /// <summary>A [Replicate] strip beside its field: ten files (the strip's code names the field's).</summary>
    [Fact]
    public void StripOfASmallField() => VerifyNetwork(TestDeclarations.Strip, "Samples.Strips.SmallStrip", "Samples.Strips.SmallField");

    [Fact]
    public void GlobalNamespace_HasNoNamespaceDeclaration()
    {
        GeneratorRun run = GeneratorHarness.RunShared(TestDeclarations.GlobalNamespace);

        foreach (string concern in Concerns)
            Assert.DoesNotContain("namespace ", run.Source(concern), StringComparison.Ordinal);
        Assert.Contains("public const string NetworkName = \"TinyGlobal\";", run.Source("Network.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>The LeNet-5 copies must stay what src/LeNet.Models declares, or their snapshots review the wrong network.</summary>
    [Theory]
    [InlineData("LeNet5.cs", TestDeclarations.LeNet5Paper)]
    [InlineData("LeNet5Modern.cs", TestDeclarations.LeNet5Modern)]
    public void LeNet5Copies_MatchTheModelsProject(string file, string copy)
    {
        string models = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "src", "LeNet.Models", file));

        Assert.Equal(Declaration(File.ReadAllText(models)), Declaration(copy));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    /// <summary>From [Network to the end of the class line, one trimmed line each, // comments dropped.</summary>
    private static string[] Declaration(string text)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n').Select(line => line.Trim()).ToArray();
        int first = Array.FindIndex(lines, line => line.StartsWith("[Network", StringComparison.Ordinal));
        int last = Array.FindIndex(lines, first, line => line.StartsWith("public partial class", StringComparison.Ordinal));
        return lines[first..(last + 1)].Where(line => !line.StartsWith("//", StringComparison.Ordinal)).ToArray();
    }

    private static void VerifyNetwork(string source, string fullName, string? besides = null, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        GeneratorRun run = GeneratorHarness.RunShared(source);

        run.AssertNoGeneratorDiagnostics();
        Assert.Equal(new[] { fullName, besides }.OfType<string>().SelectMany(name => Concerns.Select(c => $"{name}.{c}")).Order(StringComparer.Ordinal),
            run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        run.AssertOutputCompiles();
        Snapshot.Verify(run.Result, test: test);
    }
}
