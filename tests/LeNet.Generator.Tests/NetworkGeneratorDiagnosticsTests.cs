using System.Globalization;
using System.Runtime.CompilerServices;
using LeNet.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace LeNet.Generator.Tests;

/// <summary>
/// One test per diagnostic trigger, named after its descriptor. Each marks where the diagnostic must
/// be (<c>{|LENET007:...|}</c>, see <see cref="DiagnosticMarkup"/>), checks that the message says what
/// to change, snapshots the full text (Snapshots/*.verified.txt), and checks that an invalid
/// declaration emits no code.
/// </summary>
public sealed class NetworkGeneratorDiagnosticsTests
{
    private const string Usings = "using LeNet;\n\nnamespace Samples;\n\n";

    // ---- LENET001 ------------------------------------------------------------------------------

    [Fact]
    public void NotPartial_ReportsLENET001()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public class {|LENET001:Net|};
            """);

        Assert.Contains("'Net' must be declared 'partial'", Message(diagnostic), StringComparison.Ordinal);
    }

    // ---- LENET002 ------------------------------------------------------------------------------

    [Fact]
    public void UnsupportedClass_Generic_ReportsLENET002()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET002:Net|}<T>;
            """);

        Assert.Contains("'Net' is generic; declare it as a non-static, non-generic, top-level class", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedClass_Nested_ReportsLENET002()
    {
        Diagnostic diagnostic = Single(Usings + """
            public partial class Outer
            {
                [Network]
                [Input(1, 8, 8)]
                [FullyConnected(2)]
                public partial class {|LENET002:Net|};
            }
            """);

        Assert.Contains("'Net' is nested in 'Outer'; declare it as a non-static, non-generic, top-level class", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>Found by fuzzing: [Network] on a record used to be ignored without a word.</summary>
    [Fact]
    public void UnsupportedClass_Record_ReportsLENET002()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial record {|LENET002:Net|};
            """);

        Assert.Contains("'Net' is a record; declare it as a non-static", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>Found by fuzzing: a file-local network class got no diagnostic and no members (they live in other files).</summary>
    [Fact]
    public void UnsupportedClass_FileLocal_ReportsLENET002()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            file partial class {|LENET002:Net|};
            """);

        Assert.Contains("'Net' is file-local", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>Found by this suite: a static network class used to get code that implements INetwork and did not compile.</summary>
    [Fact]
    public void UnsupportedClass_Static_ReportsLENET002()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public static partial class {|LENET002:Net|};
            """);

        Assert.Contains("'Net' is static; declare it as a non-static", Message(diagnostic), StringComparison.Ordinal);
    }

    // ---- LENET003 .. LENET005 ------------------------------------------------------------------

    [Fact]
    public void NoInput_ReportsLENET003()
    {
        Diagnostic diagnostic = Single(Usings + """
            [{|LENET003:Network(Name = "no-input")|}]
            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Contains("'no-input' has no [Input(channels, height, width)] attribute; declare the input shape first", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void NoLayers_ReportsLENET004()
    {
        Diagnostic diagnostic = Single(Usings + """
            [{|LENET004:Network|}]
            [Input(1, 8, 8)]
            public partial class Net;
            """);

        Assert.Contains("'Net' has no layers; add layer attributes after [Input]", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InputNotFirst_AfterALayer_ReportsLENET005()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [FullyConnected(2)]
            [{|LENET005:Input(1, 8, 8)|}]
            public partial class Net;
            """);

        Assert.Contains("move it above the first layer", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InputNotFirst_Twice_ReportsLENET005OnTheSecond()
    {
        // [Input] allows one use, so the compiler reports CS0579 as well; the generator still points at the extra one.
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET005:Input(1, 4, 4)|}]
            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Contains("declares it more than once", Message(diagnostic), StringComparison.Ordinal);
    }

    // ---- LENET006 .. LENET008 ------------------------------------------------------------------

    [Fact]
    public void NonPositive_Input_ReportsLENET006PerDimension()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect(Usings + """
            [Network]
            [{|LENET006,LENET006:Input(0, 8, -2)|}]
            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Equal(["Input channels must be positive, but is 0", "Input width must be positive, but is -2"],
            diagnostics.Select(Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NonPositive_LayerSizes_ReportsLENET006()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET006,LENET006:Convolution(0, -5)|}]
            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Equal(["Layer C1: the kernel size must be positive, but is -5", "Layer C1: the number of maps must be positive, but is 0"],
            diagnostics.Select(Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NonPositive_Units_ReportsLENET006()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET006:FullyConnected(-3, Label = "Hidden")|}]
            public partial class Net;
            """);

        Assert.Equal("Layer Hidden: the number of units must be positive, but is -3", Message(diagnostic));
    }

    [Fact]
    public void KernelTooLarge_ReportsLENET007()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 32, 32)]
            [Convolution(6, 5)]
            [Subsampling(2)]
            [{|LENET007:Convolution(16, 15)|}]
            public partial class Net;
            """);

        Assert.Equal("Layer C3: a 15x15 kernel does not fit its 14x14 input; use a kernel of at most 14", Message(diagnostic));
    }

    [Fact]
    public void WindowDoesNotDivide_ReportsLENET008()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 32, 30)]
            [Convolution(6, 5)]
            [{|LENET008:Subsampling(4, Label = "Pool")|}]
            public partial class Net;
            """);

        Assert.Equal("Layer Pool: a 4x4 window does not divide its 28x26 input; use a size that divides both, or Floor = true to leave out the rows and columns that fill no window", Message(diagnostic));
    }

    [Fact]
    public void PaddedKernelTooLarge_ReportsLENET007_CountingThePadding()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 4, 4)]
            [{|LENET007:Convolution(2, 7, Padding = 1)|}]
            [Softmax]
            public partial class Net;
            """, snapshot: false);

        Assert.Equal("Layer C1: a 7x7 kernel does not fit its 6x6 input; use a kernel of at most 6", Message(diagnostic));
    }

    [Theory]
    [InlineData("Convolution(2, 3, Padding = -1)", "Layer C1: the padding must be 0 or more, not -1")]
    [InlineData("Convolution(2, 3, Padding = 3)", "Layer C1: the padding 3 must be less than the kernel 3, or some outputs would read zeros only")]
    [InlineData("Convolution(2, 3, Stride = 0)", "Layer C1: the stride must be 1 or more, not 0")]
    [InlineData("Dropout(1.0)", "Layer D1: the rate must be at least 0 and below 1, not 1")]
    [InlineData("Dropout(-0.5)", "Layer D1: the rate must be at least 0 and below 1, not -0.5")]
    public void WindowOptionOutOfRange_ReportsLENET012(string layer, string message)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(1, 8, 8)]
            [{|LENET012:{{layer}}|}]
            [Softmax]
            public partial class Net;
            """, snapshot: false);

        Assert.Equal(message, Message(diagnostic));
    }

    [Fact]
    public void FloorPooling_AcceptsTheSizeLENET008Refuses()
    {
        GeneratorRun run = GeneratorHarness.Run(Usings + """
            [Network]
            [Input(1, 32, 30)]
            [Convolution(6, 5)]
            [Subsampling(4, Floor = true)]
            [Softmax]
            public partial class Net;
            """);

        run.AssertNoGeneratorDiagnostics();
        run.AssertOutputCompiles();
    }

    // ---- LENET009, LENET010 --------------------------------------------------------------------

    [Fact]
    public void TableWrongSize_ReportsLENET009()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(2, 8, 8)]
            [{|LENET009:Convolution(3, 3, Connections = ["0", "1"])|}]
            public partial class Net;
            """);

        Assert.Equal("Layer C1: the connection table has 2 entries, but the layer has 3 maps; give one entry per output map", Message(diagnostic));
    }

    [Fact]
    public void TableBadEntry_UnknownMap_ReportsLENET010()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(2, 8, 8)]
            [{|LENET010:Convolution(2, 3, Connections = ["0,1", "1,2"])|}]
            public partial class Net;
            """);

        Assert.Equal("Layer C1: connection table entry 1 (\"1,2\") names input map 2, but the input has maps 0..1", Message(diagnostic));
    }

    [Fact]
    public void TableBadEntry_Malformed_ReportsLENET010()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(2, 8, 8)]
            [{|LENET010:Convolution(2, 3, Connections = ["0; 1", "1"])|}]
            public partial class Net;
            """);

        Assert.Equal("Layer C1: connection table entry 0 (\"0; 1\") has '0; 1', which is not a map index", Message(diagnostic));
    }

    [Fact]
    public void TableBadEntry_Duplicate_ReportsLENET010()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(2, 8, 8)]
            [{|LENET010:Convolution(2, 3, Connections = ["0", "1, 1"])|}]
            public partial class Net;
            """);

        Assert.Equal("Layer C1: connection table entry 1 (\"1, 1\") names input map 1 twice", Message(diagnostic));
    }

    /// <summary>Found by this suite: an empty entry used to be reported as "has '', which is not a map index".</summary>
    [Fact]
    public void TableBadEntry_Empty_ReportsLENET010()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(2, 8, 8)]
            [{|LENET010:Convolution(2, 3, Connections = ["0", " "])|}]
            public partial class Net;
            """);

        Assert.Equal("Layer C1: connection table entry 1 (\" \") is empty; every output map must read at least one input map", Message(diagnostic));
    }

    [Fact]
    public void TableBadEntry_SeveralBadEntries_ReportsEach()
    {
        IReadOnlyList<Diagnostic> diagnostics = Expect(Usings + """
            [Network]
            [Input(2, 8, 8)]
            [{|LENET010,LENET010:Convolution(3, 3, Connections = ["7", "0", "x"])|}]
            public partial class Net;
            """);

        Assert.Collection(diagnostics.Select(Message).Order(StringComparer.Ordinal),
            message => Assert.Contains("entry 0 (\"7\") names input map 7", message, StringComparison.Ordinal),
            message => Assert.Contains("entry 2 (\"x\") has 'x'", message, StringComparison.Ordinal));
    }

    // ---- LENET011 .. LENET014 ------------------------------------------------------------------

    [Fact]
    public void OutputNotLast_Softmax_ReportsLENET011()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(4)]
            [{|LENET011:Softmax|}]
            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Equal("Layer Softmax2 (softmax) is an output layer and must be the last layer; move it to the end", Message(diagnostic));
    }

    [Fact]
    public void OutputNotLast_RadialBasis_ReportsLENET011()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET011:RadialBasis(4, Centres = RbfCentres.Random, Trainable = true, Label = "Rbf")|}]
            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Equal("Layer Rbf (radial basis) is an output layer and must be the last layer; move it to the end", Message(diagnostic));
    }

    [Fact]
    public void InvalidOption_TrainableMaxPooling_ReportsLENET012()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET012:Subsampling(2, Pooling = Pooling.Max, Trainable = true)|}]
            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Contains("remove Trainable or use Pooling.Average", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOption_DigitBitmapsWithoutEightyFourInputs_ReportsLENET012()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(80)]
            [{|LENET012:RadialBasis(10)|}]
            public partial class Net;
            """);

        Assert.Contains("not 10 units fed by 80; put an 84-unit layer before it", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOption_DigitBitmapsForMoreThanTenUnits_ReportsLENET012()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(84)]
            [{|LENET012:RadialBasis(12, Centres = RbfCentres.DigitBitmaps)|}]
            public partial class Net;
            """);

        Assert.Contains("at most 10 units fed by 84 inputs (7x12 bitmaps), not 12 units fed by 84", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOption_FixedRandomCentres_ReportsLENET012()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(6)]
            [{|LENET012:RadialBasis(3, Centres = RbfCentres.Random)|}]
            public partial class Net;
            """);

        Assert.Contains("random centres must be trainable; set Trainable = true", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>Found by fuzzing: an integer cast to an option enum used to be emitted as global::LeNet.Activation.5.</summary>
    [Theory]
    [InlineData("FullyConnected(3, Activation = (Activation)5)", "Layer F1: Activation = (Activation)5 is not a defined value; use one of Identity, ScaledTanh, Tanh, ReLU, Sigmoid")]
    [InlineData("Subsampling(2, Pooling = (Pooling)7)", "Layer S1: Pooling = (Pooling)7 is not a defined value; use one of Average, Max")]
    [InlineData("Convolution(2, 3, Activation = (Activation)(-1))", "Layer C1: Activation = (Activation)-1 is not a defined value; use one of Identity, ScaledTanh, Tanh, ReLU, Sigmoid")]
    public void InvalidOption_UndefinedEnumValue_ReportsLENET012(string layer, string message)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(1, 8, 8)]
            [{|LENET012:{{layer}}|}]
            public partial class Net;
            """, test: nameof(InvalidOption_UndefinedEnumValue_ReportsLENET012), snapshot: false);

        Assert.Equal(message, Message(diagnostic));
    }

    [Fact]
    public void InvalidOption_UndefinedCentres_ReportsLENET012()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 84, 1)]
            [{|LENET012:RadialBasis(10, Centres = (RbfCentres)5, Trainable = true)|}]
            public partial class Net;
            """);

        Assert.Equal("Layer Rbf1: Centres = (RbfCentres)5 is not a defined value; use one of DigitBitmaps, Random", Message(diagnostic));
    }

    [Fact]
    public void InvalidLabel_NotAnIdentifier_ReportsLENET013()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(2, Label = "F-6")|}]
            public partial class Net;
            """);

        Assert.Equal("Layer label 'F-6' is not a C# identifier; use a distinct C# identifier such as C1 or F6", Message(diagnostic));
    }

    [Fact]
    public void InvalidLabel_Keyword_ReportsLENET013()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(2, Label = "class")|}]
            public partial class Net;
            """);

        Assert.Contains("'class' is not a C# identifier", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidLabel_Duplicate_ReportsLENET013OnTheSecond()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(4, Label = "Hidden")]
            [{|LENET013:FullyConnected(2, Label = "Hidden")|}]
            public partial class Net;
            """);

        Assert.Contains("'Hidden' is used by another layer", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidLabel_ClassName_ReportsLENET013()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(2, Label = "Net")|}]
            public partial class Net;
            """);

        Assert.Contains("'Net' clashes with a member the generator adds", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>
    /// Labels become nested classes and Forward{label} methods. The first group clashes with the
    /// generated members; the rest (found by this suite) used to pass and break the generated code,
    /// by duplicating a member or hiding a type it names unqualified.
    /// </summary>
    [Theory]
    [InlineData("Forward")]
    [InlineData("ParameterCount")]
    [InlineData("Description")]
    [InlineData("NetworkName")]
    [InlineData("ForwardSample")]
    [InlineData("SgdStep")]
    [InlineData("Maps")]
    [InlineData("Height")]
    [InlineData("Output")]
    [InlineData("ParameterOffset")]
    [InlineData("Weights")]
    [InlineData("Biases")]
    [InlineData("Coefficients")]
    [InlineData("Centres")]
    public void InvalidLabel_Reserved_ReportsLENET013(string label)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(4, Label = "{{label}}")|}]
            [Softmax]
            public partial class Net;
            """, test: $"{nameof(InvalidLabel_Reserved_ReportsLENET013)}_{label}", snapshot: false);

        Assert.Equal($"Layer label '{label}' clashes with a member the generator adds; use a distinct C# identifier such as C1 or F6", Message(diagnostic));
    }

    /// <summary>Found by fuzzing: a label whose Forward{label} (or table) name is another generated member or layer.</summary>
    [Theory]
    [InlineData("Sample", "makes the generator add ForwardSample, which is already one of its members")]
    [InlineData("ForwardA", "clashes with a member the generator adds for layer A")]
    [InlineData("BackwardA", "clashes with a member the generator adds for layer A")]
    [InlineData("CurvatureA", "clashes with a member the generator adds for layer A")]
    [InlineData("ASources", "clashes with a member the generator adds for layer A")]
    [InlineData("AFirstPair", "clashes with a member the generator adds for layer A")]
    [InlineData("AOwner", "clashes with a member the generator adds for layer A")]
    public void InvalidLabel_GeneratedNameClash_ReportsLENET013(string label, string problem)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(2, 8, 8)]
            [Convolution(2, 3, Label = "A", Connections = ["0", "0,1"])]
            [{|LENET013:FullyConnected(3, Label = "{{label}}")|}]
            public partial class Net;
            """, test: $"{nameof(InvalidLabel_GeneratedNameClash_ReportsLENET013)}_{label}", snapshot: false);

        Assert.Equal($"Layer label '{label}' {problem}; use a distinct C# identifier such as C1 or F6", Message(diagnostic));
    }

    /// <summary>The second layer's derived names clash with the first layer's label.</summary>
    [Fact]
    public void InvalidLabel_DerivedNameTakenByEarlierLayer_ReportsLENET013()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(4, Label = "ForwardB")]
            [{|LENET013:FullyConnected(3, Label = "B")|}]
            public partial class Net;
            """);

        Assert.Contains("'B' makes the generator add ForwardB, which clashes with layer ForwardB", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>Found by fuzzing: C# ignores format characters in names, so C\u00AD1 is C1.</summary>
    [Fact]
    public void InvalidLabel_FormatCharacter_ReportsLENET013()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(4, Label = "C\u00AD1")|}]
            [FullyConnected(3)]
            public partial class Net;
            """);

        Assert.Contains("contains the invisible format character U+00AD", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>
    /// Found by fuzzing: lower-case labels hide C#'s contextual keywords (nuint, file, record, var),
    /// the discard _ and the generated code's locals, and all-lower-case type names warn (CS8981).
    /// </summary>
    [Theory]
    [InlineData("conv")]
    [InlineData("nuint")]
    [InlineData("record")]
    [InlineData("_")]
    [InlineData("centres")]
    [InlineData("c1")]
    public void InvalidLabel_NotUpperCase_ReportsLENET013(string label)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(4, Label = "{{label}}")|}]
            public partial class Net;
            """, test: $"{nameof(InvalidLabel_NotUpperCase_ReportsLENET013)}_{label}", snapshot: false);

        Assert.Equal($"Layer label '{label}' does not start with an upper-case letter; use a distinct C# identifier such as C1 or F6", Message(diagnostic));
    }

    [Fact]
    public void SplitDeclaration_ReportsLENET014()
    {
        Diagnostic diagnostic = Single(Usings + """
            [{|LENET014:Network|}]
            [Input(1, 8, 8)]
            [FullyConnected(4)]
            public partial class Net;

            [FullyConnected(2)]
            public partial class Net;
            """);

        Assert.Contains("more than one partial declaration; keep them on one so their order is defined", Message(diagnostic), StringComparison.Ordinal);
    }

    // ---- LENET015 ------------------------------------------------------------------------------

    /// <summary>Found by fuzzing: a class named like a generated member got CS0542 in the generated code.</summary>
    [Theory]
    [InlineData("Description")]
    [InlineData("Forward")]
    [InlineData("ForwardSample")]
    [InlineData("NetworkName")]
    [InlineData("OutputSize")]
    [InlineData("ParameterCount")]
    [InlineData("ScratchSize")]
    [InlineData("SgdStep")]
    public void ClassNameClash_Member_ReportsLENET015(string name)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET015:{{name}}|};
            """, test: $"{nameof(ClassNameClash_Member_ReportsLENET015)}_{name}", snapshot: false);

        Assert.Equal($"Network class name '{name}' is also the name of a member the generator adds; rename the class", Message(diagnostic));
    }

    /// <summary>A class named like a layer's kernel: the default label's names clash with the class name.</summary>
    [Fact]
    public void ClassNameClash_LayerKernel_ReportsLENET015()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET015:ForwardF1|};
            """);

        Assert.Contains("'ForwardF1' is also the name of a member the generator adds for layer F1", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>Found by fuzzing: C# forbids these type names even escaped, and every generated file repeated the error.</summary>
    [Theory]
    [InlineData("file")]
    [InlineData("scoped")]
    [InlineData("required")]
    public void ClassNameClash_ForbiddenTypeName_ReportsLENET015(string name)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET015:@{{name}}|};
            """, test: nameof(ClassNameClash_ForbiddenTypeName_ReportsLENET015), snapshot: false);

        Assert.Equal($"Network class name '{name}' is also the name of a contextual keyword C# does not allow as a type name; rename the class", Message(diagnostic));
    }

    // ---- LENET016 ------------------------------------------------------------------------------

    /// <summary>Found by this suite: parameters beyond int used to wrap, then to be an internal error.</summary>
    [Fact]
    public void TooLarge_Parameters_ReportsLENET016()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 256, 256)]
            [{|LENET016:FullyConnected(40000)|}]
            public partial class Huge;
            """);

        Assert.Equal("Layer F1 is too large for the generated code: the network's parameters would hold more than 134,217,727 floats (int.MaxValue / 16, so that a block of 16 samples is indexed with an int); use smaller shapes", Message(diagnostic));
    }

    /// <summary>A shape whose size does not fit an int (65536 x 65536 used to become InputSize = 0).</summary>
    [Theory]
    [InlineData("1, 65536, 65536")]
    [InlineData("1, int.MaxValue, 8")]
    [InlineData("2, 32768, 32768")]
    public void TooLarge_Input_ReportsLENET016(string shape)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [{|LENET016:Input({{shape}})|}]
            [Subsampling(2)]
            public partial class Huge;
            """, test: nameof(TooLarge_Input_ReportsLENET016), snapshot: false);

        Assert.Equal("The input is too large for the generated code: it holds more than 134,217,727 floats (int.MaxValue / 16, so that a block of 16 samples is indexed with an int); use smaller shapes", Message(diagnostic));
    }

    /// <summary>
    /// Found by fuzzing: a 200x200 window fits an int, but its unrolled kernel exhausted memory; a
    /// 17x17 kernel unrolls 289 taps over every column of a row tile.
    /// </summary>
    [Theory]
    [InlineData("[Input(1, 20, 80)] [{|LENET016:Convolution(1, 17)|}]", "Layer C1 is too large for the generated code: its kernel is unrolled, and 17x17 taps over rows of 64 columns (a wider row runs in tiles of 64) make more than 16,384 terms; use smaller shapes")]
    [InlineData("[Input(1, 200, 200)] [{|LENET016:Subsampling(200)|}]", "Layer S1 is too large for the generated code: its window is unrolled, and 200x200 cells make more than 16,384 terms; use smaller shapes")]
    public void TooLarge_Unrolled_ReportsLENET016(string layers, string message)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            {{layers}}
            public partial class Huge;
            """, test: nameof(TooLarge_Unrolled_ReportsLENET016), snapshot: false);

        Assert.Equal(message, Message(diagnostic));
    }

    /// <summary>
    /// Found by fuzzing: sizes that fit one sample but not a block of 16 (an overflowing constant in
    /// Block.g.cs, a BlockScratchSize that wrapped), and a connection table over a million input maps
    /// (20 MB of generated source).
    /// </summary>
    [Theory]
    [InlineData("[Input(1, 1, 1)] [{|LENET016:FullyConnected(1000000000)|}] [Softmax]", "Layer F1 is too large for the generated code: the network's parameters would hold more than 134,217,727 floats (int.MaxValue / 16, so that a block of 16 samples is indexed with an int); use smaller shapes")]
    [InlineData("[{|LENET016:Input(int.MaxValue, 1, 1)|}] [Softmax]", "The input is too large for the generated code: it holds more than 134,217,727 floats (int.MaxValue / 16, so that a block of 16 samples is indexed with an int); use smaller shapes")]
    [InlineData("[Input(1, 8192, 8192)] [{|LENET016:Subsampling(1)|}]", "Layer S1 is too large for the generated code: a sample's input, activations and backward scratch would hold more than 134,217,727 floats (int.MaxValue / 16, so that a block of 16 samples is indexed with an int); use smaller shapes")]
    [InlineData("[Input(1, 1, 1)] [FullyConnected(1 << 20)] [{|LENET016:Convolution(1, 1, Connections = [\"0\"])|}]", "Layer C2 is too large for the generated code: its connection table is written out in full, and 1 output maps x 1048576 input maps make more than 16,384 entries; use smaller shapes")]
    public void TooLarge_Block_ReportsLENET016(string layers, string message)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            {{layers}}
            public partial class Huge;
            """, test: nameof(TooLarge_Block_ReportsLENET016), snapshot: false);

        Assert.Equal(message, Message(diagnostic));
    }

    [Fact]
    public void TooLarge_Units_ReportsLENET016()
    {
        Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET016:FullyConnected(int.MaxValue)|}]
            public partial class Huge;
            """);
    }

    // ---- LENET017 ------------------------------------------------------------------------------

    /// <summary>
    /// LayerAttribute is public and unsealed: a user-defined layer attribute used to be an internal
    /// error (in the LeNet namespace) or silently dropped (anywhere else).
    /// </summary>
    [Theory]
    [InlineData("LeNet")]
    [InlineData("Samples")]
    public void UnknownLayer_UserSubclass_ReportsLENET017(string ns)
    {
        Diagnostic diagnostic = Single($$"""
            using LeNet;

            namespace {{ns}};

            public sealed class BatchNormAttribute : LayerAttribute;

            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(4)]
            [{|LENET017:BatchNorm|}]
            public partial class Net;
            """, test: $"{nameof(UnknownLayer_UserSubclass_ReportsLENET017)}_{ns}", snapshot: false);

        Assert.Equal("'BatchNormAttribute' is not a layer the generator knows; use Input, Convolution, Subsampling, FullyConnected, RadialBasis, Softmax or Dropout", Message(diagnostic));
    }

    // ---- Replicated networks (LENET018 - LENET021, LENET023) -----------------------------------------------

    /// <summary>A 32x32 field with step 4 (two 2x2 subsamplings) that can be replicated.</summary>
    private const string Field = """
        [Network(Name = "field")]
        [Input(1, 32, 32)]
        [Convolution(2, 5, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [Convolution(3, 5, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(4, Activation = Activation.Identity)]
        [Softmax]
        public partial class Window;

        """;

    [Theory]
    [InlineData("Width = 130", "the width 130 is not the field's width 32 plus a multiple of its step 4 (the product of its subsampling windows); use 128 or 132")]
    [InlineData("Width = 16", "the width 16 is not the field's width 32 plus a multiple of its step 4 (the product of its subsampling windows); use 32 or 36")]
    public void StripWidth_NotTheFieldPlusSteps_ReportsLENET018(string width, string problem)
    {
        Diagnostic diagnostic = Assert.Single(ExpectOnStrip(Usings + Field + $$"""
            [Replicate(typeof(Window), {|LENET018:{{width}}|})]
            public partial class Strip;
            """));

        Assert.Equal($"Replicated network 'Strip': {problem}", Message(diagnostic));
    }

    [Fact]
    public void StripWidth_Missing_ReportsLENET018OnTheAttribute()
    {
        Diagnostic diagnostic = Assert.Single(ExpectOnStrip(Usings + Field + """
            [{|LENET018:Replicate(typeof(Window))|}]
            public partial class Strip;
            """));

        Assert.Contains("the width 0 is not the field's width 32 plus a multiple of its step 4", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Height = 34", "the height 34 is not the field's height 32 plus a multiple of its step 4 (the product of its subsampling windows); use 32 or 36")]
    [InlineData("Height = 16", "the height 16 is not the field's height 32 plus a multiple of its step 4 (the product of its subsampling windows); use 32 or 36")]
    [InlineData("Height = -4", "the height -4 is not the field's height 32 plus a multiple of its step 4 (the product of its subsampling windows); use 32 or 36")]
    public void PageHeight_NotTheFieldPlusSteps_ReportsLENET023(string height, string problem)
    {
        Diagnostic diagnostic = Assert.Single(ExpectOnStrip(Usings + Field + $$"""
            [Replicate(typeof(Window), Width = 40, {|LENET023:{{height}}|})]
            public partial class Strip;
            """));

        Assert.Equal($"Replicated network 'Strip': {problem}", Message(diagnostic));
    }

    [Fact]
    public void PageWidthAndHeight_BothWrong_ReportEach()
    {
        IReadOnlyList<Diagnostic> diagnostics = ExpectOnStrip(Usings + Field + """
            [Replicate(typeof(Window), {|LENET018:Width = 38|}, {|LENET023:Height = 70|})]
            public partial class Strip;
            """);

        Assert.Equal(
            ["Replicated network 'Strip': the width 38 is not the field's width 32 plus a multiple of its step 4 (the product of its subsampling windows); use 36 or 40",
             "Replicated network 'Strip': the height 70 is not the field's height 32 plus a multiple of its step 4 (the product of its subsampling windows); use 68 or 72"],
            diagnostics.Select(Message).ToArray());
    }

    [Fact]
    public void PageHeight_TooLarge_ReportsLENET016AtTheHeight()
    {
        Diagnostic diagnostic = Assert.Single(ExpectOnStrip(Usings + Field + """
            [Replicate(typeof(Window), Width = 36, {|LENET016:Height = 40000032|})]
            public partial class Strip;
            """));

        Assert.StartsWith("The replicated network's input is too large for the generated code: it holds more than", Message(diagnostic), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("typeof(string)", "'string' is not a [Network] class; replicate a class declared with [Network] and its layer attributes")]
    [InlineData("typeof(Other)", "'Samples.Other' is not a [Network] class; replicate a class declared with [Network] and its layer attributes")]
    public void NotANetwork_ReportsLENET019(string type, string message)
    {
        Diagnostic diagnostic = Assert.Single(ExpectOnStrip(Usings + Field + $$"""
            [Replicate(typeof(Window), Width = 36)]
            public partial class Other;

            [Replicate({|LENET019:{{type}}|}, Width = 40)]
            public partial class Strip;
            """));

        Assert.Equal(message, Message(diagnostic));
    }

    [Theory]
    [InlineData("[Input(1, 8, 12)] [Convolution(2, 3)] [FullyConnected(4)]",
        "its fully connected layer F2 reads a 6x10 input, which is not square (replicated, it becomes a square convolution over that input); make the field's maps square before it")]
    [InlineData("[Input(1, 8, 8)] [Convolution(2, 3)] [Softmax]",
        "its output layer Softmax2 reads 6x6 maps, not one vector (replicated, it reads one vector per position); put a fully connected layer before it")]
    [InlineData("[Input(1, 8, 8)] [Convolution(2, 3)]",
        "its output is 6x6 maps, not one vector per window; end it with a fully connected layer or a convolution whose kernel covers its input")]
    [InlineData("[Input(1, 8, 8)] [Convolution(2, 3, Padding = 1, Label = \"C1\")] [FullyConnected(4)]",
        "its layer C1 has padding, a stride or floor pooling, which a strip does not replicate; declare the field without them")]
    public void NotReplicable_ReportsLENET020(string layers, string problem)
    {
        Diagnostic diagnostic = Assert.Single(ExpectOnStrip(Usings + $$"""
            [Network]
            {{layers}}
            public partial class Small;

            [Replicate({|LENET020:typeof(Small)|}, Width = 16)]
            public partial class Strip;
            """));

        Assert.Equal($"Network 'Small' cannot be replicated: {problem}", Message(diagnostic));
    }

    [Fact]
    public void NotReplicable_FieldWithErrors_ReportsLENET020BesideTheFieldsOwn()
    {
        IReadOnlyList<Diagnostic> diagnostics = ExpectOnStrip(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET007:Convolution(2, 9)|}]
            public partial class Broken;

            [Replicate({|LENET020:typeof(Broken)|}, Width = 16)]
            public partial class Strip;
            """);

        Assert.Equal("Network 'Broken' cannot be replicated: its declaration has errors; fix them first", Message(diagnostics.Single(d => d.Id == "LENET020")));
    }

    [Fact]
    public void ReplicaWithLayers_ReportsLENET021OnEachOwnAttribute()
    {
        IReadOnlyList<Diagnostic> diagnostics = ExpectOnStrip(Usings + Field + """
            [Replicate(typeof(Window), Width = 40)]
            [{|LENET021:Network|}]
            [{|LENET021:Input(1, 8, 8)|}]
            public partial class Strip;
            """);

        Assert.Equal(
            ["Replicated network 'Strip' declares its own [Network]; a replicated network takes its layers from the field, remove it",
             "Replicated network 'Strip' declares its own layer [Input]; a replicated network takes its layers from the field, remove it"],
            diagnostics.Select(Message).ToArray());
    }

    [Fact]
    public void NotPartial_Strip_ReportsLENET001()
    {
        Diagnostic diagnostic = Assert.Single(ExpectOnStrip(Usings + Field + """
            [Replicate(typeof(Window), Width = 40)]
            public class {|LENET001:Strip|};
            """));

        Assert.Contains("'Strip' must be declared 'partial'", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the generator on marked source holding valid field networks beside the strip; asserts the
    /// marked diagnostics and that nothing is generated for the class Strip.
    /// </summary>
    private static IReadOnlyList<Diagnostic> ExpectOnStrip(string marked)
    {
        (string source, IReadOnlyList<DiagnosticMarkup.Expected> expected) = DiagnosticMarkup.Parse(marked);
        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticMarkup.AssertMatches(source, expected, run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.Sources, s => s.HintName.StartsWith("Samples.Strip.", StringComparison.Ordinal));
        return run.GeneratorDiagnostics;
    }

    // ---- LENET022 ------------------------------------------------------------------------------

    /// <summary>A member of the class named like a short name of the generated code would bind in its place.</summary>
    [Fact]
    public void ShortNameTaken_Member_ReportsLENET022()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET022:Net|}
            {
                public static int Unsafe => 0;
            }
            """, snapshot: false);

        Assert.Equal("'Unsafe' is a member of the class, which would capture the short name the generated code of 'Net' uses for "
            + "System.Runtime.CompilerServices.Unsafe; rename it", Message(diagnostic));
    }

    [Fact]
    public void ShortNameTaken_BaseClassMember_ReportsLENET022()
    {
        Diagnostic diagnostic = Single(Usings + """
            public class Base { protected static void Guard() { } }

            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET022:Net|} : Base;
            """, snapshot: false);

        Assert.Contains("'Guard' is a member of its base class 'Base'", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>A type of the class's own namespace wins over the aliases declared inside the namespace (CS0576).</summary>
    [Theory]
    [InlineData("class V512 { }")]
    [InlineData("struct KernelPath { }")]
    [InlineData("namespace MemoryMarshal { class X { } }")]
    public void ShortNameTaken_TypeInTheNamespace_ReportsLENET022(string declaration)
    {
        Diagnostic diagnostic = Single(Usings + declaration + """


            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET022:Net|};
            """, test: nameof(ShortNameTaken_TypeInTheNamespace_ReportsLENET022), snapshot: false);

        Assert.Contains("in namespace 'Samples', which would capture the short name", Message(diagnostic), StringComparison.Ordinal);
    }

    [Fact]
    public void ShortNameTaken_ClassName_ReportsLENET022()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET022:Vector512|};
            """, snapshot: false);

        Assert.StartsWith("'Vector512' is the network class, which would capture", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>In the global namespace the aliases are the compilation unit's: a global using alias of the same name is CS1537.</summary>
    [Fact]
    public void ShortNameTaken_GlobalUsingAlias_ReportsLENET022()
    {
        Diagnostic diagnostic = Single("""
            global using Math = System.Math;
            using LeNet;

            [Network]
            [Input(1, 8, 8)]
            [FullyConnected(2)]
            public partial class {|LENET022:Net|};
            """, snapshot: false);

        Assert.StartsWith("'Math' is a global using alias, which would capture", Message(diagnostic), StringComparison.Ordinal);
    }

    /// <summary>Outside the class's namespace a name is shadowed by the aliases: types of an enclosing namespace, global usings and private base members are harmless.</summary>
    [Fact]
    public void ShortNames_OutsideTheScope_Compile()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            global using Math = System.Math;
            using LeNet;

            namespace Outer
            {
                internal class Guard { }
                internal class Unsafe { }
            }

            namespace Outer.Inner
            {
                /// <summary>A base class with a private member named like a short name.</summary>
                public class Base { private static int V512 => 0; }

                [Network]
                [Input(1, 8, 8)]
                [Convolution(2, 3)]
                [Subsampling(2)]
                [FullyConnected(2)]
                public partial class Net : Base;
            }
            """);

        run.AssertNoGeneratorDiagnostics();
        run.AssertOutputCompiles();
    }

    [Fact]
    public void InvalidLabel_ShortName_ReportsLENET013()
    {
        Diagnostic diagnostic = Single(Usings + """
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(2, Label = "Unsafe")|}]
            public partial class Net;
            """, snapshot: false);

        Assert.Equal("Layer label 'Unsafe' is a short name the generated code uses for a type; use a distinct C# identifier such as C1 or F6", Message(diagnostic));
    }

    [Theory]
    [InlineData("Vector512Path")]
    [InlineData("Vector256Path")]
    [InlineData("ScalarPath")]
    public void InvalidLabel_KernelLocalFunction_ReportsLENET013(string label)
    {
        Diagnostic diagnostic = Single(Usings + $$"""
            [Network]
            [Input(1, 8, 8)]
            [{|LENET013:FullyConnected(2, Label = "{{label}}")|}]
            public partial class Net;
            """, snapshot: false);

        Assert.Equal($"Layer label '{label}' is the name of a code path's local function in every kernel; use a distinct C# identifier such as C1 or F6", Message(diagnostic));
    }

    // ---- Valid declarations --------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(TestDeclarations.Names), MemberType = typeof(TestDeclarations))]
    public void ValidDeclaration_ReportsNothing_AndCompiles(string name)
    {
        GeneratorRun run = GeneratorHarness.RunShared(TestDeclarations.All[name]);

        run.AssertNoGeneratorDiagnostics();
        // Five files per network class ([Network] or [Replicate]).
        Assert.Equal(5 * TestDeclarations.All[name].Split('\n').Count(line => line.Contains("partial class", StringComparison.Ordinal)), run.Sources.Length);
        run.AssertOutputCompiles();
    }

    [Fact]
    public void EveryDescriptor_HasATest()
    {
        var ids = typeof(NetworkGenerator).Assembly.GetType("LeNet.Generator.Diagnostics.DiagnosticDescriptors")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(field => ((DiagnosticDescriptor)field.GetValue(null)!).Id);
        var tested = typeof(NetworkGeneratorDiagnosticsTests).GetMethods().Select(method => method.Name);

        // LENET099 reports the generator's own bugs: no declaration may trigger it (GeneratorFuzzTests asserts so).
        Assert.All(ids.Where(id => id != "LENET099"), id => Assert.Contains(tested, name => name.Contains("_Reports" + id, StringComparison.Ordinal)));
    }

    // ---- Helpers -------------------------------------------------------------------------------

    /// <summary>Runs the generator on marked source; asserts the marked diagnostics, no generated code, and the messages snapshot.</summary>
    private static IReadOnlyList<Diagnostic> Expect(string marked, [CallerFilePath] string file = "", [CallerMemberName] string test = "", bool snapshot = true)
    {
        (string source, IReadOnlyList<DiagnosticMarkup.Expected> expected) = DiagnosticMarkup.Parse(marked);
        GeneratorRun run = GeneratorHarness.Run(source);

        DiagnosticMarkup.AssertMatches(source, expected, run.GeneratorDiagnostics);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Empty(run.Sources);
        if (snapshot)
            Snapshot.VerifyDiagnostics(run.GeneratorDiagnostics, file, test);
        return run.GeneratorDiagnostics;
    }

    private static Diagnostic Single(string marked, [CallerFilePath] string file = "", [CallerMemberName] string test = "", bool snapshot = true) =>
        Assert.Single(Expect(marked, file, test, snapshot));

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);
}
