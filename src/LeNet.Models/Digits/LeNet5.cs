namespace LeNet.Models;

/// <summary>
/// LeNet-5 as the 1998 paper describes it (LeCun, Bottou, Bengio, Haffner, section II.B): a 32x32
/// input, C1 six 5x5 maps, S2 trainable 2x2 subsampling, C3 sixteen 5x5 maps wired by Table I,
/// S4 as S2, C5 120 5x5 maps, F6 84 units, every layer squashed by 1.7159 tanh(2a/3), and ten
/// Euclidean RBF outputs with fixed +-1 centres drawn from 7x12 digit bitmaps. 60,000 parameters.
/// </summary>
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
