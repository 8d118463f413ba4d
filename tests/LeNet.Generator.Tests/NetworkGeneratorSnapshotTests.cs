using LeNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace LeNet.Generator.Tests;

/// <summary>
/// The generated code of a few networks that between them show every feature (the paper's LeNet-5,
/// a small network of odd shapes in the global namespace, a strip, a page), all five files each, against
/// reviewed snapshots in Snapshots/. Each test also requires the output compilation to be free of
/// errors and warnings: a snapshot of code that does not compile proves nothing. Every other
/// declaration is covered by compile, diagnostics and equivalence tests, without a snapshot.
/// </summary>
public sealed class NetworkGeneratorSnapshotTests
{
    /// <summary>The four files every network gets, by hint-name suffix.</summary>
    private static readonly string[] Concerns = ["Network.g.cs", "Forward.g.cs", "Backward.g.cs", "Curvature.g.cs", "Block.g.cs"];

    [Fact]
    public void LeNet5Paper() => VerifyNetwork(TestDeclarations.LeNet5Paper, "LeNet.Models.LeNet5");

    [Fact]
    public void SmallOdd() => VerifyNetwork(TestDeclarations.SmallOdd, "SmallOdd");

    /// <summary>
    /// A [Replicate] strip beside its field: ten files that compile together (the strip's code names
    /// the field's); the snapshots are the strip's five, the field being an ordinary network.
    /// </summary>
    [Fact]
    public void TinyStrip() => VerifyNetwork(TestDeclarations.TinyStrip, "Samples.Strips.TinyStrip", "Samples.Strips.TinyField");

    /// <summary>The same field replicated over a page, 2 rows of 3 positions: the page's five files.</summary>
    [Fact]
    public void TinyPage() => VerifyNetwork(TestDeclarations.TinyPage, "Samples.Pages.TinyPage", "Samples.Pages.TinyField");

    [Fact]
    public void GlobalNamespace_HasNoNamespaceDeclaration()
    {
        GeneratorRun run = GeneratorHarness.RunShared(TestDeclarations.GlobalNamespace);

        foreach (string concern in Concerns)
            Assert.DoesNotContain("namespace ", run.Source(concern), StringComparison.Ordinal);
        Assert.Contains("public const string NetworkName = \"TinyGlobal\";", run.Source("Network.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>
    /// A compilation that allows unsafe code gets [SkipLocalsInit] on every layer kernel (one per
    /// [MethodImpl] line but those of the code paths' local functions, which it covers) and still compiles; one that does not (the snapshots') gets none, since
    /// the attribute would not compile there (CS0227).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SkipLocalsInit_FollowsAllowUnsafeBlocks(bool allowUnsafe)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(TestDeclarations.SmallOdd)
            .WithOptions(GeneratorHarness.CompilationOptions.WithAllowUnsafe(allowUnsafe));
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        run.AssertNoGeneratorDiagnostics();
        run.AssertOutputCompiles();
        foreach (string concern in new[] { "Forward.g.cs", "Backward.g.cs", "Curvature.g.cs", "Block.g.cs" })
        {
            string[] lines = run.Source(concern).Split('\n').Select(line => line.Trim()).ToArray();
            int kernels = lines.Where((line, i) => line.StartsWith("[global::System.Runtime.CompilerServices.MethodImpl(", StringComparison.Ordinal)
                && !lines[i + 1].StartsWith("static void ", StringComparison.Ordinal)).Count();
            int skipping = lines.Count(line => line == "[global::System.Runtime.CompilerServices.SkipLocalsInit]");
            Assert.True(kernels > 0, concern);
            Assert.Equal(allowUnsafe ? kernels : 0, skipping);
        }
    }

    /// <summary>The LeNet-5 copies must stay what src/LeNet.Models declares, or their snapshots review the wrong network.</summary>
    [Theory]
    [InlineData("LeNet5.cs", TestDeclarations.LeNet5Paper)]
    [InlineData("LeNet5Modern.cs", TestDeclarations.LeNet5Modern)]
    public void LeNet5Copies_MatchTheModelsProject(string file, string copy)
    {
        string models = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "src", "LeNet.Models", "Digits", file));

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

    /// <summary>Every file under Snapshots/ belongs to a test that writes it, in that test's folder: a renamed or deleted test leaves none behind.</summary>
    [Fact]
    public void EverySnapshotFile_HasATest()
    {
        string folder = Path.Combine(Path.GetDirectoryName(ThisFile())!, "Snapshots");
        var tests = typeof(NetworkGeneratorSnapshotTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods().Where(method => method.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0)
                .Select(method => $"{type.Name}.{method.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        var orphans = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains(".received.", StringComparison.Ordinal))
            .Where(path =>
            {
                string test = Path.GetFileName(path).Split('#')[0].Replace(".verified.txt", "", StringComparison.Ordinal);
                string testClass = test.Split('.')[0], method = test[(testClass.Length + 1)..];
                string expected = Path.Combine(folder, testClass, Snapshot.Subject(method));
                return !tests.Contains(test) || Path.GetDirectoryName(path) != expected;
            })
            .Select(path => Path.GetRelativePath(folder, path))
            .ToList();

        Assert.True(orphans.Count == 0, "Snapshot files no test writes: " + string.Join(", ", orphans));
    }

    /// <summary>The generated files of the paper's LeNet-5 keep within 120 columns, 95% of their lines at least.</summary>
    [Fact]
    public void LeNet5Paper_LinesKeepWithin120Columns()
    {
        GeneratorRun run = GeneratorHarness.RunShared(TestDeclarations.LeNet5Paper);

        foreach (string concern in Concerns)
        {
            string[] lines = run.Source(concern).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            double within = lines.Count(line => line.Length <= 120) / (double)lines.Length;
            Assert.True(within >= 0.95, $"{concern}: {within:P1} of {lines.Length} lines are 120 columns or shorter");
        }
    }

    private static void VerifyNetwork(string source, string fullName, string? besides = null, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        GeneratorRun run = GeneratorHarness.RunShared(source);

        run.AssertNoGeneratorDiagnostics();
        Assert.Equal(new[] { fullName, besides }.OfType<string>().SelectMany(name => Concerns.Select(c => $"{name}.{c}")).Order(StringComparer.Ordinal),
            run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        run.AssertOutputCompiles();
        Snapshot.Verify(run.Result, of: fullName + ".", test: test);
    }
}
