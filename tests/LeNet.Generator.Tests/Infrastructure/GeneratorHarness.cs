using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LeNet.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="NetworkGenerator"/> in-process over source text, the way the compiler does: a
/// compilation referencing the running runtime's assemblies and LeNet.Runtime (for the attributes
/// and the types the generated code calls), a driver that tracks incremental steps, and the output
/// compilation's diagnostics, since a snapshot of code that does not compile proves nothing.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The file name test sources get; diagnostics are reported against it.</summary>
    public const string SourcePath = "Program.cs";

    /// <summary>Latest C# with documentation comments checked, as a project that generates XML docs would.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>A library as most projects are: unsafe blocks not allowed (the generated code needs none), nullable enabled.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        allowUnsafe: false,
        nullableContextOptions: NullableContextOptions.Enable);

    // Reading ~200 assemblies' metadata is the expensive part; every compilation shares the same references.
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The framework assemblies of the running runtime plus LeNet.Runtime.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>A compilation of <paramref name="source"/> (as Program.cs) and any further files, before the generator runs.</summary>
    public static CSharpCompilation Compile(string source, params (string Path, string Text)[] moreFiles)
    {
        IEnumerable<SyntaxTree> trees = new[] { (Path: SourcePath, Text: source) }.Concat(moreFiles)
            .Select(file => CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path));
        return CSharpCompilation.Create("GeneratorTest", trees, References, CompilationOptions);
    }

    /// <summary>A fresh driver holding the generator, with incremental step tracking on.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    // Compiling a whole network's generated code takes a second or so; tests that only read a run share it.
    private static readonly ConcurrentDictionary<string, Lazy<GeneratorRun>> SharedRuns = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="source"/> and runs the generator over it once.</summary>
    public static GeneratorRun Run(string source) => Run(CreateDriver(), Compile(source));

    /// <summary>
    /// Like <see cref="Run(string)"/>, but one run per distinct source for the whole test session;
    /// only for tests that read the run and never run its driver again.
    /// </summary>
    public static GeneratorRun RunShared(string source) =>
        SharedRuns.GetOrAdd(source, text => new Lazy<GeneratorRun>(() => Run(text))).Value;

    /// <summary>Runs <paramref name="driver"/> (fresh or from an earlier run) over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        return new GeneratorRun(compilation, driver, result, output);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string)(AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The runtime did not publish TRUSTED_PLATFORM_ASSEMBLIES; cannot find framework references."));
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>One generator run: its input, the driver to run again incrementally, and what came out.</summary>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Driver">The driver after the run; run it again to exercise the incremental cache.</param>
/// <param name="Result">The run result: generated sources, diagnostics, tracked steps.</param>
/// <param name="Output">The input compilation plus the generated sources.</param>
internal sealed record GeneratorRun(Compilation Input, GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation Output)
{
    private readonly Lazy<ImmutableArray<Diagnostic>> _outputDiagnostics = new(() => Output.GetDiagnostics());

    /// <summary>The one generator's result.</summary>
    public GeneratorRunResult Generator => Result.Results.Single();

    /// <summary>The generated files.</summary>
    public ImmutableArray<GeneratedSourceResult> Sources => Generator.GeneratedSources;

    /// <summary>Diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>Every diagnostic of the output compilation (the user's code plus the generated code).</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => _outputDiagnostics.Value;

    /// <summary>The generated text of the file whose hint name ends with <paramref name="suffix"/> ("Forward.g.cs").</summary>
    public string Source(string suffix) =>
        Sources.Single(s => s.HintName.EndsWith(suffix, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Fails unless the output compilation has no errors and no warnings, listing them with their lines.</summary>
    public void AssertOutputCompiles()
    {
        var problems = OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count == 0) return;
        Assert.Fail($"The output compilation has {problems.Count} error(s)/warning(s):\n" +
            string.Join("\n", problems.Take(20).Select(d => $"{d}  >> {LineOf(d)}")));
    }

    /// <summary>Fails unless the generator reported nothing.</summary>
    public void AssertNoGeneratorDiagnostics() =>
        Assert.True(GeneratorDiagnostics.IsEmpty, "Unexpected generator diagnostics:\n" + string.Join("\n", GeneratorDiagnostics));

    private static string LineOf(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree
            ? tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
            : "";
}
