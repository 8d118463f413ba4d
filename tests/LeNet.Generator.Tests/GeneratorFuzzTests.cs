using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LeNet.Generator.Tests.Infrastructure;
using LeNet.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LeNet.Generator.Tests;

/// <summary>
/// Random and malformed declarations through the generator, as a fuzzer would write them. The
/// contract each must keep: the generator never throws, and the declaration either compiles with
/// no error anywhere and no warning in the generated files (warning level 9999, Nullable on, unsafe
/// off, documentation checked), or gets a LENET error located in the user's source (never LENET099,
/// which is for the generator's own bugs). The seed and count follow <see cref="FuzzSettings"/> (fixed
/// by default, so a failure reproduces); the failure message names the seed and the declaration.
/// </summary>
public sealed class GeneratorFuzzTests
{
    private const int DefaultSeed = 20261128, DefaultCount = 1000;

    /// <summary>Files are compiled in batches (one namespace per declaration), so that the generated code is bound once per batch.</summary>
    private const int BatchSize = 50;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        allowUnsafe: false,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999);

    [Fact]
    public void RandomDeclarations_CompileOrGetALocatedDiagnostic()
    {
        int seed = FuzzSettings.Seed(DefaultSeed), count = FuzzSettings.Count(DefaultCount);
        var random = new Random(seed);
        var declarations = Enumerable.Range(0, count).Select(i => DeclarationFuzzer.Next(random, $"Fuzz{i}")).ToList();

        // Batches are independent compilations: check them in parallel, then add up in order.
        var results = declarations.Chunk(BatchSize).AsParallel().AsOrdered().Select(batch => Check(batch)).ToList();
        var failures = results.SelectMany(r => r.Problems).ToList();
        int compiled = results.Sum(r => r.Compiled), rejected = results.Sum(r => r.Rejected);

        Assert.True(failures.Count == 0,
            $"Seed {seed} ({FuzzSettings.Reproduce}): {failures.Count} of {count} declarations broke the contract " +
            $"({compiled} compiled, {rejected} rejected). First ones:\n\n" + string.Join("\n\n", failures.Take(8)));
        // The fuzzer must keep reaching both outcomes, or it tests nothing.
        Assert.True(compiled >= count / 10, $"Only {compiled} of {count} declarations were valid; the fuzzer has drifted.");
        Assert.True(rejected >= count / 10, $"Only {rejected} of {count} declarations were rejected; the fuzzer has drifted.");
    }

    /// <summary>The reproductions that fuzzing found, each held to the same contract (compiled as one batch).</summary>
    [Fact]
    public void Reproductions_CompileOrGetALocatedDiagnostic()
    {
        var declarations = Reproductions().Select((body, i) => ($"Repro{i}", $"namespace Repro{i};\n\n{body}")).ToList();
        (int compiled, int rejected, List<string> problems) = Check(declarations);
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Equal(declarations.Count, compiled + rejected);
    }

    private static List<string> Reproductions()
    {
        var data = new List<string>();
        void Add(string body) => data.Add(body);
        const string Head = "[Network] [Input(1, 8, 8)] ";
        // 1. Class names that are generated members.
        foreach (string name in new[] { "Description", "Forward", "ForwardSample", "NetworkName", "OutputSize", "ParameterCount", "ScratchSize", "SgdStep", "ForwardC1" })
            Add($"{Head}[Convolution(2, 3)] [FullyConnected(3)] public partial class {name};");
        // 2. Labels equal to a layer's own constants.
        foreach (string label in new[] { "Maps", "Height", "Width", "Size", "Output", "ParameterOffset", "Weights", "Biases", "Coefficients", "Centres" })
            Add($"{Head}[Convolution(2, 3, Label = \"{label}\")] [FullyConnected(3)] public partial class Net;");
        // 3. Labels equal to another layer's generated names.
        foreach (string label in new[] { "ForwardA", "BackwardA", "CurvatureA", "AFirstPair", "ASources" })
            Add($"[Network] [Input(2, 8, 8)] [Convolution(2, 3, Label = \"A\", Connections = [\"0\", \"0,1\"])] [FullyConnected(3, Label = \"{label}\")] public partial class Net;");
        // 4, 5. Labels that hide names the code relies on, or warn.
        foreach (string label in new[] { "KernelPath", "MethodImplOptions", "_", "nuint", "file", "Activation", "Pooling", "RbfCentres", "conv", "record", "ToString", "GetHashCode", "Equals", "GetType", "MemberwiseClone", "Finalize" })
            Add($"{Head}[Convolution(2, 3, Label = \"{label}\", Activation = Activation.ReLU)] [Subsampling(2, Pooling = Pooling.Max)] [FullyConnected(84)] [RadialBasis(10, Centres = RbfCentres.DigitBitmaps)] public partial class Net;");
        // 6. A format character.
        Add($"{Head}[Convolution(2, 3, Label = \"C\\u00AD1\")] [FullyConnected(3)] public partial class Net;");
        // 7. User types beside the network.
        foreach (string type in new[] { "internal static class Guard {}", "class KernelPath {}", "class VectorMath {}", "class Unsafe {}", "class MemoryMarshal {}", "class MethodImplOptions {}", "class MethodImpl {}", "class Vector256 {}", "class Vector512 {}", "class Vector128 {}", "class Span<T> {}", "class ReadOnlySpan<T> {}", "class MathF {}", "class System {}", "class DigitCodes {}" })
            Add($"{type}\n{Head}[Convolution(2, 3)] [Subsampling(2, Trainable = true)] [FullyConnected(84, Activation = Activation.Sigmoid)] [RadialBasis(10)] public partial class Net;");
        foreach (string name in new[] { "Guard", "KernelPath", "Unsafe", "MemoryMarshal", "Vector512", "MathF" })
            Add($"{Head}[Convolution(2, 3)] [Softmax] public partial class {name};");
        // 8. Values outside the enums.
        Add($"{Head}[FullyConnected(3, Activation = (Activation)5)] public partial class Net;");
        Add($"{Head}[Subsampling(2, Pooling = (Pooling)7)] [FullyConnected(3)] public partial class Net;");
        Add($"[Network] [Input(1, 84, 1)] [RadialBasis(10, Centres = (RbfCentres)5, Trainable = true)] public partial class Net;");
        // 9. Names that would break comments and XML docs.
        foreach (string name in new[] { "a\\u2028b", "a\\u2029b", "a\\u0085b", "a\\0b", "a\\uD800b", "\\uDC00", "x<y&z>\\r\\n// */", "\\u202Eevil" })
            Add($"[Network(Name = \"{name}\")] [Input(1, 8, 8)] [FullyConnected(3)] public partial class Net;");
        // 11. Overflow.
        Add("[Network] [Input(2, 32768, 32768)] [Subsampling(2)] public partial class Net;");
        Add($"{Head}[FullyConnected(int.MaxValue)] public partial class Net;");
        Add("[Network] [Input(1, int.MaxValue, 8)] [FullyConnected(3)] public partial class Net;");
        Add("[Network] [Input(1, 46341, 46341)] [Convolution(1, 1)] public partial class Net;");
        Add("[Network] [Input(1, 8, 8)] [Convolution(65536, 1)] [FullyConnected(65536)] public partial class Net;");
        // 12. User layer attributes.
        Add($"public sealed class BatchNormAttribute : LayerAttribute;\n{Head}[FullyConnected(3)] [BatchNorm] public partial class Net;");
        // 13. Records and file-local classes.
        Add($"{Head}[FullyConnected(3)] public partial record Net;");
        Add($"{Head}[FullyConnected(3)] file partial class Net;");
        Add($"{Head}[FullyConnected(3)] public abstract partial class Net;");
        Add($"{Head}[FullyConnected(3)] internal sealed partial class Ünïcödé;");
        Add($"{Head}[FullyConnected(3)] public partial class @event;");
        Add($"{Head}[FullyConnected(3)] public partial class net;");
        // 14. Replicated networks: valid, with layers of its own, of a replica, of classes the generator rejects, of other types.
        const string Field = Head + "[Convolution(2, 3)] [FullyConnected(3)] public partial class Net;\n";
        Add(Field + "[Replicate(typeof(Net), Width = 10)] public partial class Strip;");
        Add("public sealed class Foo : LayerAttribute;\n" + Field + "[Replicate(typeof(Net), Width = 10)] [Foo] public partial class Strip;");
        Add($"{Head}[FullyConnected(3)] [Replicate(typeof(Net), Width = 8)] public partial class Net;\n[Replicate(typeof(Net), Width = 12)] public partial class Strip;");
        Add(Field + "[Replicate(typeof(Net), Width = 10)] public partial class Strip;\n[Replicate(typeof(Strip), Width = 16)] public partial class Strip2;");
        Add($"public partial class Outer {{ {Head}[FullyConnected(3)] public partial class Net; }}\n[Replicate(typeof(Outer.Net), Width = 12)] public partial class Strip;");
        Add($"{Head}[FullyConnected(3)] public partial class Net<T>;\n[Replicate(typeof(Net<int>), Width = 12)] public partial class Strip;");
        Add($"{Head}[FullyConnected(3)] file partial class Net;\n[Replicate(typeof(Net), Width = 12)] public partial class Strip;");
        Add(Field + "[Replicate(typeof(Net), Width = 10)] public static partial class Strip;");
        Add(Field + "[Replicate(null!, Width = 10)] public partial class Strip;");
        Add(Field + "[Replicate(typeof(int[]), Width = 10)] public partial class Strip;");
        Add(Field + "[Replicate(typeof(Net), Width = 10)] public partial class Positions;");
        Add(Field + "[Replicate(typeof(Net), Width = int.MaxValue)] public partial class Strip;");
        Add($"[Network] [Input(1, 4, 4)] [FullyConnected(84)] [RadialBasis(10, Trainable = true)] public partial class Net;\n[Replicate(typeof(Net), Width = 9)] public partial class Strip;");
        // 15. Contextual keywords as the class name and as a user type beside it.
        foreach (string name in DeclarationFuzzer.ContextualKeywords)
        {
            Add($"{Head}[Convolution(2, 3)] [Subsampling(2)] [FullyConnected(3)] public partial class @{name};");
            if (!DeclarationFuzzer.ForbiddenTypeNames.Contains(name))
                Add($"class @{name} {{ }}\n{Head}[Convolution(2, 3)] [Subsampling(2, Pooling = Pooling.Max)] [FullyConnected(3)] public partial class Net;");
        }
        // 16. Sizes that fit one sample but not a block of samples, and tables too long to write out.
        Add("[Network] [Input(1, 1, 1)] [FullyConnected(1000000000)] [Softmax] public partial class Net;");
        Add("[Network] [Input(int.MaxValue, 1, 1)] [Softmax] public partial class Net;");
        Add("[Network] [Input(1, 1, 1)] [FullyConnected(1 << 20)] [Convolution(1, 1, Connections = [\"0\"])] public partial class Net;");
        return data;
    }

    /// <summary>Namespaces that need care in code and hint names (10).</summary>
    [Theory]
    [InlineData("My.@event")]
    [InlineData("@class.@namespace")]
    [InlineData("Ünï.Cödé")]
    public void KeywordAndUnicodeNamespaces_Compile(string ns)
    {
        (_, int rejected, List<string> problems) = Check([("Ns", $"namespace Ns.{ns};\n\n[Network] [Input(1, 8, 8)] [FullyConnected(3)] public partial class Net;")]);
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Equal(0, rejected);
    }

    /// <summary>
    /// Runs the generator over the declarations (each its own file and namespace) and checks each
    /// against the contract; returns how many compiled, how many were rejected, and what broke.
    /// </summary>
    private static (int Compiled, int Rejected, List<string> Problems) Check(IReadOnlyList<(string Namespace, string Source)> declarations)
    {
        var trees = declarations.Select(d => CSharpSyntaxTree.ParseText("using LeNet;\n\n" + d.Source, ParseOptions, d.Namespace + ".cs")).ToList();
        var compilation = CSharpCompilation.Create("Fuzz", trees, GeneratorHarness.References, Options);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        var problems = new List<string>();
        if (result.Exception is not null || driverDiagnostics.Any(d => d.Id is "CS8784" or "CS8785"))
        {
            problems.Add($"The generator threw: {result.Exception}\n{string.Join("\n", driverDiagnostics)}\n" + string.Join("\n---\n", declarations.Select(d => d.Source)));
            return (0, 0, problems);
        }

        // Errors anywhere and warnings in generated files, attributed to a declaration by file name
        // (user file) or by the namespace leading the hint name (generated file).
        ImmutableArray<Diagnostic> compiled = output.GetDiagnostics();
        int ok = 0, no = 0;
        foreach ((string ns, string source) in declarations)
        {
            string file = ns + ".cs";
            var lenet = result.Diagnostics.Where(d => d.Id.StartsWith("LENET", StringComparison.Ordinal) && d.Location.GetLineSpan().Path == file).ToList();
            string Show(IEnumerable<Diagnostic> list) => string.Join("\n", list.Take(6).Select(d => $"  {d}"));
            if (lenet.Count > 0)
            {
                no++;
                if (lenet.Any(d => d.Id == "LENET099"))
                    problems.Add($"LENET099 for:\n{source}\n{Show(lenet)}");
                continue;
            }
            var unlocated = result.Diagnostics.Where(d => d.Location.GetLineSpan().Path is null or "").ToList();
            if (unlocated.Count > 0)
                problems.Add($"Diagnostics without a location (batch holding {ns}):\n{Show(unlocated)}");
            var broken = compiled.Where(d =>
                    d.Location.SourceTree?.FilePath is { } path
                    && (path == file ? d.Severity == DiagnosticSeverity.Error
                        : path.Contains($"{ns}.", StringComparison.Ordinal) && IsGeneratedFor(path, ns) && d.Severity >= DiagnosticSeverity.Warning))
                .ToList();
            if (broken.Count > 0)
                problems.Add($"No LENET error, but the code does not compile cleanly:\n{source}\n{Show(broken)}");
            else if (!result.GeneratedSources.Any(g => IsGeneratedFor(g.HintName, ns)) && source.Contains("[Network", StringComparison.Ordinal))
                problems.Add($"Silently ignored (no code, no diagnostic):\n{source}");
            else
                ok++;
        }
        return (ok, no, problems);
    }

    /// <summary>Whether a generated file's path or hint name belongs to the declaration in namespace <paramref name="ns"/>.</summary>
    private static bool IsGeneratedFor(string path, string ns)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith(ns + ".", StringComparison.Ordinal);
    }
}

/// <summary>
/// Writes one random declaration: mostly plausible networks, each piece now and then replaced by
/// something hostile (sizes at the edges of int, names the generated code uses, bad enum values,
/// broken tables, names that need escaping, unsupported class shapes, user types beside it).
/// </summary>
internal static class DeclarationFuzzer
{
    /// <summary>Contextual keywords the generated code could use (nuint, var, _...) and names C# reserves for types.</summary>
    public static readonly string[] ContextualKeywords =
        ["nuint", "nint", "var", "dynamic", "record", "_", "value", "async", "await", "file", "scoped", "required"];

    /// <summary>The contextual keywords C# forbids as type names: a user type beside the network so named is an error without any generator.</summary>
    public static readonly string[] ForbiddenTypeNames = ["file", "scoped", "required"];

    private static readonly string[] ClassNames =
    [
        "Net", "Net", "Net", "Tiny", "Ünïcödé", "@event", "Net_2", "Description", "Forward", "ForwardSample", "NetworkName",
        "OutputSize", "ParameterCount", "ScratchSize", "SgdStep", "ForwardC1", "BackwardF2", "Guard", "KernelPath", "Unsafe",
        "MemoryMarshal", "Vector512", "MathF", "Maps", "C1", "Output", "LeNet", "System", "INetwork",
        .. ContextualKeywords.Select(name => "@" + name),
    ];

    private static readonly string[] ClassShapes =
    [
        "public partial class {0}", "public partial class {0}", "public partial class {0}", "partial class {0}",
        "internal sealed partial class {0}", "public abstract partial class {0}", "public partial record {0}",
        "file partial class {0}", "public static partial class {0}", "public class {0}", "public partial class {0}<T>",
        "public sealed partial class {0} : global::System.IDisposable {{ public void Dispose() {{ }} }}",
    ];

    private static readonly string[] Neighbours =
    [
        "internal static class Guard { }", "internal static class KernelPath { }", "class VectorMath { }", "class Unsafe { }",
        "class MemoryMarshal { }", "class MethodImplOptions { }", "class MethodImpl { }", "class Vector256 { }", "class Vector512 { }",
        "class Vector128 { }", "class Span<T> { }", "class ReadOnlySpan<T> { }", "class MathF { }", "class System { }",
        "class DigitCodes { }", "class NetworkDescription { }", "class Shape { }", "class INetwork { }",
        "public sealed class BatchNormAttribute : LayerAttribute;",
        .. ContextualKeywords.Except(ForbiddenTypeNames).Select(name => $"class @{name} {{ }}"),
    ];

    private static readonly string[] Labels =
    [
        "C1", "S2", "C3", "F6", "OUTPUT", "Hidden", "A", "B", "ForwardA", "BackwardA", "CurvatureA", "ASources", "AFirstPair",
        "AConsumers", "AOwner", "Maps", "Height", "Width", "Size", "Output", "ParameterOffset", "ParameterCount", "Weights",
        "Biases", "Coefficients", "Centres", "Description", "Forward", "Sample", "Block", "NetworkName", "KernelPath",
        "MethodImplOptions", "Guard", "Unsafe", "Vector512", "Activation", "Pooling", "RbfCentres", "ToString", "GetHashCode",
        "Equals", "GetType", "_", "nuint", "file", "record", "conv", "class", "C\\u00AD1", "F-6", "", " ", "1C", "@C1",
        "Ünï", "Ⅻ", "ǅx", "C1\\u0300", "Net", "Tiny", "Finalize", "MemberwiseClone", "Value", "Item", "Length",
    ];

    private static readonly string[] NetworkNames =
    [
        "tiny", "a\\u2028b", "a\\u2029b", "a\\u0085b", "a\\0b", "a\\uD800b", "\\uDFFF", "x<y&z>", "quote\\\"d", "back\\\\slash",
        "line\\nbreak\\r", "// */ /*", "\\u202Eevil", "", " ", "\\uFFFF", "tab\\there", "😀",
    ];

    public static (string Namespace, string Source) Next(Random random, string root)
    {
        var text = new StringBuilder();
        string ns = root + Pick(random, [("", 16), (".@event", 1), (".Ünï", 1), (".@class.Inner", 1)]);
        text.Append("namespace ").Append(ns).Append(";\n\n");
        int neighbourAt = text.Length;
        string? neighbour = random.Next(6) == 0 ? Neighbours[random.Next(Neighbours.Length)] : null;

        text.Append(random.Next(8) == 0 ? "[Network(Name = \"" + NetworkNames[random.Next(NetworkNames.Length)] + "\")]\n"
            : random.Next(4) == 0 ? "[Network(Name = \"fuzz-net\")]\n" : "[Network]\n");

        var attributes = new List<string>();
        int channels = Dimension(random, 1, 3), height = 2 * Dimension(random, 2, 6), width = random.Next(3) == 0 ? height : 2 * Dimension(random, 2, 6);
        attributes.Add($"Input({channels}, {height}, {width}{LabelArgument(random, 0.05)})");
        int layers = random.Next(1, 5);
        for (int i = 0; i < layers; i++)
            attributes.Add(Layer(random, i == layers - 1));
        if (random.Next(25) == 0) attributes.RemoveAt(0);
        if (random.Next(25) == 0) attributes.Insert(random.Next(attributes.Count + 1), "Input(1, 4, 4)");
        if (random.Next(30) == 0)
        {
            text.Append("public sealed class BatchNormAttribute : LayerAttribute;\n");
            attributes.Insert(random.Next(attributes.Count + 1), "BatchNorm");
        }
        foreach (string attribute in attributes)
            text.Append('[').Append(attribute).Append("]\n");

        string name = random.Next(3) == 0 ? ClassNames[random.Next(ClassNames.Length)] : "Net";
        string shape = random.Next(4) == 0 ? ClassShapes[random.Next(ClassShapes.Length)] : "public partial class {0}";
        string declaration = string.Format(CultureInfo.InvariantCulture, shape, name);
        // A user type beside the network, unless it has the network's own name (then the user's code is wrong without any generator).
        if (neighbour is not null && Regex.Match(neighbour, @"class (@?\w+)").Groups[1].Value != name)
            text.Insert(neighbourAt, neighbour + "\n");
        text.Append(declaration).Append(declaration.EndsWith('}') ? "\n" : ";\n");
        // Now and then the network replicated along a strip ([Replicate]), at a width that may or may not fit its step.
        if (shape == "public partial class {0}" && random.Next(4) == 0)
        {
            string strip = Pick(random, [($"{width + 4}", 3), ($"{width + 2}", 2), ($"{width + 8}", 2), ($"{width + 200}", 2), ($"{width + 3}", 1), ($"{width}", 1), ("0", 1), ("int.MaxValue", 1)]);
            text.Append($"\n[Replicate(typeof({name}), Width = {strip})]\npublic partial class {name}Strip;\n");
        }
        return (root, text.ToString());
    }

    private static string Layer(Random random, bool last)
    {
        int kind = random.Next(last ? 7 : 5);
        string label = LabelArgument(random, 0.25);
        string Activation() => random.Next(4) == 0
            ? $", Activation = {Pick(random, [("Activation.Identity", 2), ("Activation.ScaledTanh", 2), ("Activation.Tanh", 2), ("Activation.ReLU", 2), ("Activation.Sigmoid", 2), ("(Activation)5", 1), ("(Activation)(-1)", 1)])}"
            : "";
        return kind switch
        {
            0 or 1 => $"Convolution({Count(random)}, {Pick(random, [("1", 4), ("2", 3), ("3", 3), ("5", 1), ("0", 1), ("40", 1)])}{Activation()}{Table(random)}{label})",
            2 => $"Subsampling({Pick(random, [("1", 4), ("2", 3), ("3", 1), ("0", 1), ("7", 1)])}{Activation()}" +
                 (random.Next(4) == 0 ? $", Pooling = {Pick(random, [("Pooling.Max", 3), ("Pooling.Average", 2), ("(Pooling)7", 1)])}" : "") +
                 (random.Next(4) == 0 ? ", Trainable = true" : "") + $"{label})",
            3 or 4 => $"FullyConnected({Count(random)}{Activation()}{label})",
            5 => $"RadialBasis({Pick(random, [("10", 3), ("3", 2), ("84", 1), ("0", 1)])}" +
                 (random.Next(4) != 0 ? $", Centres = {Pick(random, [("RbfCentres.Random", 6), ("RbfCentres.DigitBitmaps", 2), ("(RbfCentres)5", 1)])}" : "") +
                 (random.Next(4) != 0 ? ", Trainable = true" : "") + $"{label})",
            _ => random.Next(2) == 0 ? "Softmax" : $"Softmax({label.TrimStart(',', ' ')})",
        };
    }

    private static string Table(Random random)
    {
        if (random.Next(5) != 0) return "";
        string[] entries = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, [("0", 3), ("0,1", 2), ("1", 2), ("", 1), ("0,0", 1), ("x", 1), ("5", 1), ("-1", 1), (" 0 , 1 ", 1)])).ToArray();
        return random.Next(15) == 0 ? ", Connections = null" : $", Connections = [{string.Join(", ", entries.Select(e => $"\"{e}\""))}]";
    }

    private static string LabelArgument(Random random, double probability) =>
        random.NextDouble() < probability ? $", Label = \"{Labels[random.Next(Labels.Length)]}\""
        : random.NextDouble() < probability ? $", Label = \"L{random.Next(1000)}\"" : "";

    private static string Count(Random random) => random.Next(12) == 0
        ? Pick(random, [("0", 1), ("-3", 1), ("int.MaxValue", 1), ("65536", 1)])
        : Pick(random, [("1", 2), ("2", 4), ("3", 4), ("10", 2), ("84", 1)]);

    private static int Dimension(Random random, int low, int high) => random.Next(40) switch
    {
        0 => 0,
        1 => -1,
        2 => int.MaxValue / 2,
        3 => 16384,
        4 => 32768,
        _ => random.Next(low, high + 1),
    };

    private static string Pick(Random random, (string Value, int Weight)[] choices)
    {
        int roll = random.Next(choices.Sum(c => c.Weight));
        foreach ((string value, int weight) in choices)
            if ((roll -= weight) < 0) return value;
        return choices[^1].Value;
    }
}
