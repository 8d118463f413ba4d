namespace LeNet.Generator.Tests;

/// <summary>
/// Valid network declarations the test classes share, chosen to reach every layer kind, option and
/// code path between them. The two LeNet-5 variants are copies of src/LeNet.Models.
/// </summary>
internal static class TestDeclarations
{
    /// <summary>LeNet-5 as the 1998 paper describes it (src/LeNet.Models/Digits/LeNet5.cs): Table I, trainable subsampling, digit-bitmap RBF.</summary>
    public const string LeNet5Paper = """
        namespace LeNet.Models;

        /// <summary>LeNet-5 as the 1998 paper describes it.</summary>
        [Network(Name = "lenet5-paper")]
        [Input(1, 32, 32)]
        [Convolution(6, 5, Label = "C1")]
        [Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S2")]
        [Convolution(16, 5, Label = "C3", Connections =
        [
            // Table I: the first six maps read three contiguous S2 maps, the next six four contiguous,
            // the next three four non-contiguous, the last all six.
            "0,1,2", "1,2,3", "2,3,4", "3,4,5", "0,4,5", "0,1,5",
            "0,1,2,3", "1,2,3,4", "2,3,4,5", "0,3,4,5", "0,1,4,5", "0,1,2,5",
            "0,1,3,4", "1,2,4,5", "0,2,3,5",
            "0,1,2,3,4,5",
        ])]
        [Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S4")]
        [Convolution(120, 5, Label = "C5")]
        [FullyConnected(84, Label = "F6")]
        [RadialBasis(10, Centres = RbfCentres.DigitBitmaps, Label = "OUTPUT")]
        public partial class LeNet5;
        """;

    /// <summary>The modern tutorial LeNet-5 (src/LeNet.Models/Digits/LeNet5Modern.cs): ReLU, max pooling, softmax.</summary>
    public const string LeNet5Modern = """
        namespace LeNet.Models;

        /// <summary>The simplified modern LeNet-5 most tutorials teach.</summary>
        [Network(Name = "lenet5")]
        [Input(1, 32, 32)]
        [Convolution(6, 5, Activation = Activation.ReLU, Label = "C1")]
        [Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
        [Convolution(16, 5, Activation = Activation.ReLU, Label = "C3")]
        [Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
        [FullyConnected(120, Activation = Activation.ReLU, Label = "C5")]
        [FullyConnected(84, Activation = Activation.ReLU, Label = "F6")]
        [FullyConnected(10, Activation = Activation.Identity, Label = "F7")]
        [Softmax(Label = "OUTPUT")]
        public partial class LeNet5Modern;
        """;

    /// <summary>MNIST's own 28x28 input with 7x7 kernels, max pooling and a softmax; default labels.</summary>
    public const string SevenKernel = """
        using LeNet;

        namespace Samples;

        [Network(Name = "seven-kernel")]
        [Input(1, 28, 28)]
        [Convolution(8, 7, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(10, Activation = Activation.Identity)]
        [Softmax]
        public partial class SevenKernel;
        """;

    /// <summary>
    /// Two odd-sized input maps (13x11) so vectors leave tails, a 4x4 kernel, max pooling, a sparse
    /// connection table with sigmoid, ReLU, and trainable random RBF centres; default labels.
    /// </summary>
    public const string OddShapes = """
        using LeNet;

        namespace Samples.Odd;

        [Network(Name = "odd-shapes")]
        [Input(2, 13, 11)]
        [Convolution(3, 4, Activation = Activation.Tanh)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [Convolution(5, 3, Activation = Activation.Sigmoid, Connections = ["0", "1,2", "0,2", "0,1,2", "1"])]
        [FullyConnected(7, Activation = Activation.ReLU)]
        [FullyConnected(4, Activation = Activation.Sigmoid)]
        [RadialBasis(3, Centres = RbfCentres.Random, Trainable = true)]
        public partial class OddShapes;
        """;

    /// <summary>A tiny network in the global namespace: 3x3 trainable tanh subsampling, softmax, no Name (the class name is used).</summary>
    public const string GlobalNamespace = """
        using LeNet;

        [Network]
        [Input(1, 8, 8)]
        [Convolution(2, 3)]
        [Subsampling(3, Trainable = true, Activation = Activation.Tanh)]
        [FullyConnected(3, Activation = Activation.Identity)]
        [Softmax]
        public partial class TinyGlobal;
        """;

    /// <summary>
    /// A field network and its strip ([Replicate]) along 100 columns: step 2, 43 positions; the
    /// convolution rows (96 and 100 wide) run in tiles, the fully connected layers become a 6x6 and a
    /// 1x1 convolution, the softmax runs at every position.
    /// </summary>
    public const string Strip = """
        using LeNet;

        namespace Samples.Strips;

        [Network(Name = "small-field")]
        [Input(1, 16, 16)]
        [Convolution(4, 5, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(8, Activation = Activation.ReLU)]
        [FullyConnected(5, Activation = Activation.Identity)]
        [Softmax]
        public partial class SmallField;

        /// <summary>SmallField along a strip of 100 columns.</summary>
        [Replicate(typeof(SmallField), Width = 100)]
        public partial class SmallStrip;
        """;

    /// <summary>
    /// A small network of odd shapes in the global namespace (the files' using aliases at the top):
    /// two input maps, a 2x2 kernel over a 7x5 input, max pooling, tanh and sigmoid, a trainable RBF.
    /// </summary>
    public const string SmallOdd = """
        using LeNet;

        [Network(Name = "small-odd")]
        [Input(2, 7, 5)]
        [Convolution(3, 2, Activation = Activation.Tanh)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(4, Activation = Activation.Sigmoid)]
        [RadialBasis(3, Centres = RbfCentres.Random, Trainable = true)]
        public partial class SmallOdd;
        """;

    /// <summary>A small field replicated along a short strip: the strip's files beside the field's.</summary>
    public const string TinyStrip = """
        using LeNet;

        namespace Samples.Strips;

        [Network(Name = "tiny-field")]
        [Input(1, 6, 6)]
        [Convolution(2, 3, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(3, Activation = Activation.Identity)]
        [Softmax]
        public partial class TinyField;

        /// <summary>TinyField along a strip of 10 columns.</summary>
        [Replicate(typeof(TinyField), Width = 10)]
        public partial class TinyStrip;
        """;

    /// <summary>The small field replicated over a short page: 2 rows of 3 positions.</summary>
    public const string TinyPage = """
        using LeNet;

        namespace Samples.Pages;

        [Network(Name = "tiny-field")]
        [Input(1, 6, 6)]
        [Convolution(2, 3, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [FullyConnected(3, Activation = Activation.Identity)]
        [Softmax]
        public partial class TinyField;

        /// <summary>TinyField over a page of 8 rows and 10 columns.</summary>
        [Replicate(typeof(TinyField), Width = 10, Height = 8)]
        public partial class TinyPage;
        """;

    /// <summary>
    /// Padding and strides, floor pooling over odd sizes and dropout: the 3x3 convolution after a 2x2
    /// pooling of an 11x11 map, which without Floor reports LENET008.
    /// </summary>
    public const string WindowsDropout = """
        using LeNet;

        namespace Samples.Windows;

        [Network(Name = "windows")]
        [Input(1, 28, 28)]
        [Convolution(4, 5, Padding = 2, Activation = Activation.ReLU)]
        [Subsampling(2, Pooling = Pooling.Max)]
        [Convolution(8, 3, Stride = 2, Activation = Activation.ReLU)]
        [Dropout(0.25)]
        [Subsampling(2, Floor = true)]
        [FullyConnected(10, Activation = Activation.Identity)]
        [Dropout(0.5)]
        [Softmax]
        public partial class Windows;
        """;

    /// <summary>Every valid declaration, by name, for theories.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [nameof(LeNet5Paper)] = LeNet5Paper,
        [nameof(LeNet5Modern)] = LeNet5Modern,
        [nameof(SevenKernel)] = SevenKernel,
        [nameof(OddShapes)] = OddShapes,
        [nameof(GlobalNamespace)] = GlobalNamespace,
        [nameof(Strip)] = Strip,
        [nameof(WindowsDropout)] = WindowsDropout,
        [nameof(SmallOdd)] = SmallOdd,
        [nameof(TinyStrip)] = TinyStrip,
        [nameof(TinyPage)] = TinyPage,
    };

    /// <summary>The names in <see cref="All"/>, as theory data.</summary>
    public static TheoryData<string> Names => new(All.Keys);
}
