using LeNet;

namespace LeNet.Benchmarks.Layers;

// The classic and the paper's LeNet-5 cut after each layer (src/LeNet.Models declares the whole
// networks): the time a layer takes is the difference between the prefix that ends with it and the
// one before. The last layer of a prefix runs the same kernels it runs inside the whole network.

[Network(Name = "classic-to-c1")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
internal partial class ClassicToC1;

[Network(Name = "classic-to-s2")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
internal partial class ClassicToS2;

[Network(Name = "classic-to-c3")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
[Convolution(16, 5, Activation = Activation.Tanh, Label = "C3")]
internal partial class ClassicToC3;

[Network(Name = "classic-to-s4")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
[Convolution(16, 5, Activation = Activation.Tanh, Label = "C3")]
[Subsampling(2, Label = "S4")]
internal partial class ClassicToS4;

[Network(Name = "classic-to-c5")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
[Convolution(16, 5, Activation = Activation.Tanh, Label = "C3")]
[Subsampling(2, Label = "S4")]
[FullyConnected(120, Activation = Activation.Tanh, Label = "C5")]
internal partial class ClassicToC5;

[Network(Name = "classic-to-f6")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
[Convolution(16, 5, Activation = Activation.Tanh, Label = "C3")]
[Subsampling(2, Label = "S4")]
[FullyConnected(120, Activation = Activation.Tanh, Label = "C5")]
[FullyConnected(84, Activation = Activation.Tanh, Label = "F6")]
internal partial class ClassicToF6;

[Network(Name = "classic-to-f7")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
[Convolution(16, 5, Activation = Activation.Tanh, Label = "C3")]
[Subsampling(2, Label = "S4")]
[FullyConnected(120, Activation = Activation.Tanh, Label = "C5")]
[FullyConnected(84, Activation = Activation.Tanh, Label = "F6")]
[FullyConnected(10, Activation = Activation.Identity, Label = "F7")]
internal partial class ClassicToF7;

[Network(Name = "classic-to-output")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.Tanh, Label = "C1")]
[Subsampling(2, Label = "S2")]
[Convolution(16, 5, Activation = Activation.Tanh, Label = "C3")]
[Subsampling(2, Label = "S4")]
[FullyConnected(120, Activation = Activation.Tanh, Label = "C5")]
[FullyConnected(84, Activation = Activation.Tanh, Label = "F6")]
[FullyConnected(10, Activation = Activation.Identity, Label = "F7")]
[Softmax(Label = "OUTPUT")]
internal partial class ClassicToOutput;

[Network(Name = "paper-to-c1")]
[Input(1, 32, 32)]
[Convolution(6, 5, Label = "C1")]
internal partial class PaperToC1;

[Network(Name = "paper-to-s2")]
[Input(1, 32, 32)]
[Convolution(6, 5, Label = "C1")]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S2")]
internal partial class PaperToS2;

[Network(Name = "paper-to-c3")]
[Input(1, 32, 32)]
[Convolution(6, 5, Label = "C1")]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S2")]
[Convolution(16, 5, Label = "C3", Connections =
[
    "0,1,2", "1,2,3", "2,3,4", "3,4,5", "0,4,5", "0,1,5",
    "0,1,2,3", "1,2,3,4", "2,3,4,5", "0,3,4,5", "0,1,4,5", "0,1,2,5",
    "0,1,3,4", "1,2,4,5", "0,2,3,5",
    "0,1,2,3,4,5",
])]
internal partial class PaperToC3;

[Network(Name = "paper-to-s4")]
[Input(1, 32, 32)]
[Convolution(6, 5, Label = "C1")]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S2")]
[Convolution(16, 5, Label = "C3", Connections =
[
    "0,1,2", "1,2,3", "2,3,4", "3,4,5", "0,4,5", "0,1,5",
    "0,1,2,3", "1,2,3,4", "2,3,4,5", "0,3,4,5", "0,1,4,5", "0,1,2,5",
    "0,1,3,4", "1,2,4,5", "0,2,3,5",
    "0,1,2,3,4,5",
])]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S4")]
internal partial class PaperToS4;

[Network(Name = "paper-to-c5")]
[Input(1, 32, 32)]
[Convolution(6, 5, Label = "C1")]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S2")]
[Convolution(16, 5, Label = "C3", Connections =
[
    "0,1,2", "1,2,3", "2,3,4", "3,4,5", "0,4,5", "0,1,5",
    "0,1,2,3", "1,2,3,4", "2,3,4,5", "0,3,4,5", "0,1,4,5", "0,1,2,5",
    "0,1,3,4", "1,2,4,5", "0,2,3,5",
    "0,1,2,3,4,5",
])]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S4")]
[Convolution(120, 5, Label = "C5")]
internal partial class PaperToC5;

[Network(Name = "paper-to-f6")]
[Input(1, 32, 32)]
[Convolution(6, 5, Label = "C1")]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S2")]
[Convolution(16, 5, Label = "C3", Connections =
[
    "0,1,2", "1,2,3", "2,3,4", "3,4,5", "0,4,5", "0,1,5",
    "0,1,2,3", "1,2,3,4", "2,3,4,5", "0,3,4,5", "0,1,4,5", "0,1,2,5",
    "0,1,3,4", "1,2,4,5", "0,2,3,5",
    "0,1,2,3,4,5",
])]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S4")]
[Convolution(120, 5, Label = "C5")]
[FullyConnected(84, Label = "F6")]
internal partial class PaperToF6;

[Network(Name = "paper-to-output")]
[Input(1, 32, 32)]
[Convolution(6, 5, Label = "C1")]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S2")]
[Convolution(16, 5, Label = "C3", Connections =
[
    "0,1,2", "1,2,3", "2,3,4", "3,4,5", "0,4,5", "0,1,5",
    "0,1,2,3", "1,2,3,4", "2,3,4,5", "0,3,4,5", "0,1,4,5", "0,1,2,5",
    "0,1,3,4", "1,2,4,5", "0,2,3,5",
    "0,1,2,3,4,5",
])]
[Subsampling(2, Trainable = true, Activation = Activation.ScaledTanh, Label = "S4")]
[Convolution(120, 5, Label = "C5")]
[FullyConnected(84, Label = "F6")]
[RadialBasis(10, Centres = RbfCentres.DigitBitmaps, Label = "OUTPUT")]
internal partial class PaperToOutput;
