using LeNet.Generator.Tests.Infrastructure;

namespace LeNet.Generator.Tests;

/// <summary>
/// Generator bugs this suite found. Each test states the correct behaviour; the fixed ones stay
/// as regression tests, the open ones are skipped with the reason (remove the Skip with the fix).
/// </summary>
public sealed class KnownGeneratorIssuesTests
{
    [Theory]
    [InlineData("quote\\\"d")]
    [InlineData("back\\\\slash")]
    [InlineData("line\\nbreak")]
    [InlineData("x<y&z")]
    public void NetworkName_WithCharactersThatNeedEscaping_Compiles(string escapedName)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using LeNet;

            namespace Samples;

            [Network(Name = "{{escapedName}}")]
            [Input(1, 4, 4)]
            [FullyConnected(3)]
            public partial class Net;
            """);

        run.AssertNoGeneratorDiagnostics();
        run.AssertOutputCompiles();
    }

    [Fact]
    public void KeywordClassName_Compiles()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using LeNet;

            namespace Samples;

            /// <summary>A network whose class name is a keyword.</summary>
            [Network]
            [Input(1, 4, 4)]
            [FullyConnected(3)]
            public partial class @event;
            """);

        run.AssertNoGeneratorDiagnostics();
        run.AssertOutputCompiles();
    }

    [Fact]
    public void LabelEqualToATableName_IsRejectedOrCompiles()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using LeNet;

            namespace Samples;

            [Network]
            [Input(2, 8, 8)]
            [Convolution(3, 3, Connections = ["0", "1", "0,1"], Label = "C1")]
            [FullyConnected(3, Label = "C1Sources")]
            public partial class Net;
            """);

        Assert.True(run.GeneratorDiagnostics.Any(d => d.Id == "LENET013") || run.OutputDiagnostics.All(d => d.Severity < Microsoft.CodeAnalysis.DiagnosticSeverity.Error),
            "Neither LENET013 nor compiling output: " + string.Join("\n", run.OutputDiagnostics.Take(3)));
    }

    [Fact]
    public void RecordClass_IsReportedNotIgnored()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using LeNet;

            namespace Samples;

            [Network]
            [Input(1, 4, 4)]
            [FullyConnected(3)]
            public partial record Net;
            """);

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "LENET002");
    }

    /// <summary>Contextual keywords the generated code could use (nuint, var, _...) and names C# reserves for types.</summary>
    public static TheoryData<string> ContextualKeywords =>
        ["nuint", "nint", "var", "dynamic", "record", "_", "value", "async", "await", "file", "scoped", "required"];

    [Theory]
    [MemberData(nameof(ContextualKeywords))]
    public void ContextualKeywordClassName_CompilesOrIsReported(string name)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using LeNet;

            namespace Samples;

            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(3)]
            public partial class @{{name}};
            """);

        if (name is "file" or "scoped" or "required")
        {
            // C# forbids these type names even escaped; the class gets one located error, not one per generated file.
            Assert.Equal("LENET015", Assert.Single(run.GeneratorDiagnostics).Id);
            Assert.Empty(run.Sources);
            return;
        }
        AssertGeneratedCodeCompiles(run);
    }

    [Theory]
    [MemberData(nameof(ContextualKeywords))]
    public void ContextualKeywordTypeBesideTheNetwork_Compiles(string name)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using LeNet;

            namespace Samples;

            [Network]
            [Input(1, 8, 8)]
            [Convolution(2, 3)]
            [Subsampling(2)]
            [FullyConnected(3)]
            public partial class Net;

            class @{{name}} { }
            """);

        AssertGeneratedCodeCompiles(run);
    }

    /// <summary>
    /// No generator diagnostic, and no error or warning but those C# gives the user's own
    /// declaration for its name (CS8860 for a type named record; CS9029, CS9056, CS9062 for one named
    /// required, file or scoped): the generated files add none.
    /// </summary>
    private static void AssertGeneratedCodeCompiles(GeneratorRun run)
    {
        run.AssertNoGeneratorDiagnostics();
        Assert.NotEmpty(run.Sources);
        var problems = run.OutputDiagnostics
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != GeneratorHarness.SourcePath)
            .ToList();
        Assert.True(problems.Count == 0, "The generated files do not compile cleanly:\n" + string.Join("\n", problems.Take(10)));
    }
}
