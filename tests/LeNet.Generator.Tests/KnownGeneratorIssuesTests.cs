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
}
