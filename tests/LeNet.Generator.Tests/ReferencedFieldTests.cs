using LeNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LeNet.Generator.Tests;

/// <summary>
/// A strip whose field network is in a referenced assembly (as a user replicating a packaged model
/// does): the generator reads the field's attributes from metadata, and reports what is wrong with
/// it at the [Replicate] argument, the only place in the user's source.
/// </summary>
public sealed class ReferencedFieldTests
{
    private const string Fields = """
        using LeNet;

        namespace Fields;

        [Network(Name = "window")]
        [Input(1, 12, 12)]
        [Convolution(4, 3, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(6)]
        [RadialBasis(3, Centres = RbfCentres.Random, Trainable = true)]
        public partial class Window;

        [Network(Name = "flat")]
        [Input(1, 8, 12)]
        [FullyConnected(6)]
        [Softmax]
        public partial class Flat;
        """;

    /// <summary>The field assembly, generated code and all, as a reference.</summary>
    private static readonly Lazy<MetadataReference> FieldAssembly = new(() =>
    {
        CSharpCompilation compilation = CSharpCompilation.Create("Fields",
            [CSharpSyntaxTree.ParseText(Fields, GeneratorHarness.ParseOptions, "Fields.cs")], GeneratorHarness.References, GeneratorHarness.CompilationOptions);
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
        run.AssertNoGeneratorDiagnostics();
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    });

    private static GeneratorRun RunStrip(string source)
    {
        CSharpCompilation compilation = CSharpCompilation.Create("Strips",
            [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, GeneratorHarness.SourcePath)],
            GeneratorHarness.References.Add(FieldAssembly.Value), GeneratorHarness.CompilationOptions);
        return GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);
    }

    [Fact]
    public void FieldFromMetadata_IsReplicated()
    {
        GeneratorRun run = RunStrip("""
            namespace Strips;

            [LeNet.Replicate(typeof(Fields.Window), Width = 20)]
            public partial class WindowStrip;
            """);

        run.AssertNoGeneratorDiagnostics();
        Assert.Equal(5, run.Sources.Length);
        run.AssertOutputCompiles();
        // Long generated lines are broken after commas: read them joined again.
        string network = System.Text.RegularExpressions.Regex.Replace(run.Source("Network.g.cs"), @"\n\s+", " ");
        Assert.Contains("public static global::LeNet.NetworkDescription Field => global::Fields.Window.Description;", network, StringComparison.Ordinal);
        Assert.Contains("public const int Positions = 5;", network, StringComparison.Ordinal);
        Assert.Contains("new(global::LeNet.LayerKind.RadialBasis, \"Rbf4\", 3, Trainable: true, Centres: global::LeNet.RbfCentres.Random, PerPosition: true),", network, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldFromMetadata_ThatCannotBeReplicated_ReportsLENET020AtTheArgument()
    {
        (string source, IReadOnlyList<DiagnosticMarkup.Expected> expected) = DiagnosticMarkup.Parse("""
            namespace Strips;

            [LeNet.Replicate({|LENET020:typeof(Fields.Flat)|}, Width = 20)]
            public partial class FlatStrip;
            """);
        GeneratorRun run = RunStrip(source);

        DiagnosticMarkup.AssertMatches(source, expected, run.GeneratorDiagnostics);
        Assert.Contains("its fully connected layer F1 reads a 8x12 input, which is not square", run.GeneratorDiagnostics.Single().GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }
}
