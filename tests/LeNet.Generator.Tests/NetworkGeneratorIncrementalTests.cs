using System.Reflection;
using LeNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace LeNet.Generator.Tests;

// Inside the namespace, so the generator's model types win over the runtime's LeNet.LayerKind.
using LeNet.Generator.Model;

/// <summary>
/// The pipeline caches: a rerun on an unchanged (cloned) compilation or after an unrelated edit
/// reuses every step, a real change reaches the output, and the cached model holds values only
/// (no compilation, symbol, syntax node or location that would keep old compilations alive).
/// </summary>
public sealed class NetworkGeneratorIncrementalTests
{
    /// <summary>Every tracked step name, read from TrackingNames so a new step cannot be forgotten here.</summary>
    private static readonly string[] TrackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    /// <summary>A declaration with two errors (a keyword label, a softmax in the middle), so the diagnostics branch has outputs to cache too.</summary>
    private const string InvalidDeclaration = """
        using LeNet;

        namespace Samples;

        [Network]
        [Input(1, 8, 8)]
        [Convolution(4, 3, Label = "class")]
        [Softmax]
        [FullyConnected(2)]
        public partial class Broken;
        """;

    /// <summary>The declarations to rerun: every valid one plus an invalid one.</summary>
    public static TheoryData<string> Sources => new(TestDeclarations.All.Keys.Append(nameof(InvalidDeclaration)));

    private static string SourceNamed(string name) => name == nameof(InvalidDeclaration) ? InvalidDeclaration : TestDeclarations.All[name];

    [Fact]
    public void TrackingNames_AreFound()
    {
        Assert.Equal(["AllowUnsafe", "Diagnostics", "Output", "Parse", "ParseReplica"], TrackedSteps.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void RerunOnClonedCompilation_EveryStepCached(string name)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SourceNamed(name));
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        // A branch whose Where filters everything out (diagnostics of a valid network, the model of an
        // invalid one) is not tracked at all; every step that is tracked must be reused.
        Assert.Contains(TrackingNames.Parse, second.Generator.TrackedSteps.Keys);
        foreach (string step in TrackedSteps.Where(second.Generator.TrackedSteps.ContainsKey))
            AssertReasons(second, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(second);
        Assert.Equal(first.Sources.Select(s => s.SourceText.ToString()), second.Sources.Select(s => s.SourceText.ToString()));
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void StepOutputs_HoldValuesOnly(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SourceNamed(name));

        var stepsWithOutputs = new List<string>();
        foreach (string step in TrackedSteps)
        {
            if (!run.Generator.TrackedSteps.TryGetValue(step, out var runs)) continue;
            foreach ((object value, int index) in runs.SelectMany(r => r.Outputs).Select((output, index) => (output.Value, index)))
            {
                ValueGraph.AssertValueOnly(value, $"{step}[{index}]");
                stepsWithOutputs.Add(step);
            }
        }
        // The walk must have seen something: the parse result always, plus the model or the diagnostics.
        Assert.Contains(TrackingNames.Parse, stepsWithOutputs);
        Assert.Contains(name == nameof(InvalidDeclaration) ? TrackingNames.Diagnostics : TrackingNames.Output, stepsWithOutputs);
    }

    [Fact]
    public void AddingAComment_LeavesTheOutputCached()
    {
        GeneratorRun second = RunEdited(TestDeclarations.LeNet5Modern,
            source => "// A comment above everything shifts every position in the file.\n" + source);

        AssertReasons(second, TrackingNames.Parse, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, TrackingNames.Output, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(second);
    }

    [Fact]
    public void EditingAnUnrelatedMemberInTheSameFile_LeavesTheOutputCached()
    {
        GeneratorRun second = RunEdited(TestDeclarations.LeNet5Modern,
            source => source + "\npublic static class Unrelated { public const int Answer = 42; }\n");

        AssertReasons(second, TrackingNames.Output, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(second);
    }

    [Fact]
    public void AddingAnUnrelatedClassInAnotherFile_LeavesEveryStepCached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(TestDeclarations.LeNet5Modern);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree unrelated = CSharpSyntaxTree.ParseText("namespace Other; public static class Helper { public static int Twice(int x) => 2 * x; }",
            GeneratorHarness.ParseOptions, "Helper.cs");
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(unrelated));

        // The transform reads the semantic model, so a new compilation reruns it: Unchanged, not Cached.
        AssertReasons(second, TrackingNames.Parse, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(second, TrackingNames.Output, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(second);
    }

    [Fact]
    public void ChangingALayer_ModifiesTheOutput()
    {
        const string source = """
            using LeNet;

            namespace Samples;

            [Network]
            [Input(1, 12, 12)]
            [Convolution(6, 5)]
            [Subsampling(2)]
            [FullyConnected(3, Activation = Activation.Identity)]
            [Softmax]
            public partial class Small;
            """;
        GeneratorRun second = RunEdited(source, text => text.Replace("Convolution(6, 5)", "Convolution(8, 5)", StringComparison.Ordinal));

        AssertReasons(second, TrackingNames.Parse, IncrementalStepRunReason.Modified);
        AssertReasons(second, TrackingNames.Output, IncrementalStepRunReason.Modified);
        Assert.Contains("public const int Maps = 8, Height = 8, Width = 8, Size = 512;", second.Source("Network.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>A strip reads its field's attributes: editing the field in another file must reach the strip's code.</summary>
    [Fact]
    public void ChangingTheFieldInAnotherFile_ModifiesTheStrip()
    {
        const string field = """
            using LeNet;

            namespace Samples;

            [Network]
            [Input(1, 12, 12)]
            [Convolution(6, 5)]
            [Subsampling(2)]
            [FullyConnected(3, Activation = Activation.Identity)]
            [Softmax]
            public partial class Small;
            """;
        CSharpCompilation compilation = GeneratorHarness.Compile("namespace Samples;\n\n[LeNet.Replicate(typeof(Small), Width = 20)]\npublic partial class SmallStrip;\n",
            ("Small.cs", field));
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree old = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Small.cs");
        SyntaxTree edited = CSharpSyntaxTree.ParseText(field.Replace("Convolution(6, 5)", "Convolution(8, 5)", StringComparison.Ordinal), GeneratorHarness.ParseOptions, "Small.cs");
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(old, edited));

        first.AssertNoGeneratorDiagnostics();
        Assert.Contains("public const int Maps = 6, Height = 8, Width = 16, Size = 768;", first.Source("SmallStrip.Network.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public const int Maps = 8, Height = 8, Width = 16, Size = 1024;", second.Source("SmallStrip.Network.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void SameSourceParsedTwice_GivesEqualButDistinctModels()
    {
        object first = ParseOutput(GeneratorHarness.Run(TestDeclarations.LeNet5Paper));
        object second = ParseOutput(GeneratorHarness.Run(TestDeclarations.LeNet5Paper));

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        var firstSpec = Assert.IsType<NetworkSpec>(((NetworkGenerator.ParseResult)first).Spec);
        var secondSpec = Assert.IsType<NetworkSpec>(((NetworkGenerator.ParseResult)second).Spec);
        Assert.NotSame(firstSpec, secondSpec);
        Assert.Equal(firstSpec, secondSpec);
        Assert.Equal(firstSpec.GetHashCode(), secondSpec.GetHashCode());
    }

    [Fact]
    public void SameDiagnosticsParsedTwice_AreEqual()
    {
        object first = ParseOutput(GeneratorHarness.Run(InvalidDeclaration));
        object second = ParseOutput(GeneratorHarness.Run(InvalidDeclaration));

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(2, ((NetworkGenerator.ParseResult)first).Diagnostics.Count);
    }

    [Fact]
    public void DifferentDeclarations_GiveDifferentModels()
    {
        object modern = ParseOutput(GeneratorHarness.Run(TestDeclarations.LeNet5Modern));
        object paper = ParseOutput(GeneratorHarness.Run(TestDeclarations.LeNet5Paper));

        Assert.NotEqual(modern, paper);
    }

    [Fact]
    public void ValueGraph_RejectsALocation()
    {
        // The parser's per-attribute declaration holds a Location on purpose and never leaves the parse
        // step: the walker must catch it, or the value-only tests above prove nothing.
        var declaration = new NetworkGenerator.LayerDeclaration(LayerKind.FullyConnected, "F1", 10, 0, 0,
            Location.Create("Program.cs", new TextSpan(0, 4), new LinePositionSpan(LinePosition.Zero, new LinePosition(0, 4))));

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ValueGraph.AssertValueOnly(declaration, "declaration"));
        Assert.Contains("declaration.<Location>k__BackingField", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="source"/>, edits Program.cs with <paramref name="edit"/>, and runs the same driver again.</summary>
    private static GeneratorRun RunEdited(string source, Func<string, string> edit)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        string edited = edit(source);
        Assert.NotEqual(source, edited);
        SyntaxTree replacement = CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, tree.FilePath);
        return GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(tree, replacement));
    }

    private static object ParseOutput(GeneratorRun run) =>
        run.Generator.TrackedSteps[TrackingNames.Parse].Single().Outputs.Single().Value;

    /// <summary>Fails unless every RegisterSourceOutput step reused its previous result (nothing re-emitted).</summary>
    private static void AssertSourceOutputsCached(GeneratorRun run)
    {
        Assert.NotEmpty(run.Generator.TrackedOutputSteps);
        foreach ((string step, var runs) in run.Generator.TrackedOutputSteps)
            Assert.All(runs.SelectMany(r => r.Outputs), output => Assert.True(output.Reason == IncrementalStepRunReason.Cached,
                $"Output step {step} was {output.Reason}; expected Cached."));
    }

    /// <summary>Fails unless <paramref name="step"/> ran and every output has one of <paramref name="allowed"/>.</summary>
    private static void AssertReasons(GeneratorRun run, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(run.Generator.TrackedSteps.TryGetValue(step, out var runs), $"Step {step} was not tracked in this run.");
        var reasons = runs.SelectMany(r => r.Outputs).Select(output => output.Reason).ToList();
        Assert.All(reasons, reason => Assert.True(allowed.Contains(reason),
            $"Step {step} output was {reason}; expected {string.Join(" or ", allowed)}."));
    }
}
