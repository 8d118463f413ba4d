namespace LeNet.Models;

/// <summary>
/// The default LeNet-5 with an eleventh answer, "no digit here" (label 10): the 32x32 field that a
/// space-displacement network replicates along a strip of handwritten digits. Trained on windows
/// cut from synthetic strips, a digit centred in the window is its digit, anything else is label 10.
/// </summary>
[Network(Name = "lenet5-strings")]
[Input(1, 32, 32)]
[Convolution(6, 5, Activation = Activation.ReLU, Label = "C1")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S2")]
[Convolution(16, 5, Activation = Activation.ReLU, Label = "C3")]
[Subsampling(2, Pooling = Pooling.Max, Label = "S4")]
[FullyConnected(120, Activation = Activation.ReLU, Label = "C5")]
[FullyConnected(84, Activation = Activation.ReLU, Label = "F6")]
[FullyConnected(11, Activation = Activation.Identity, Label = "F7")]
[Softmax(Label = "OUTPUT")]
public partial class LeNet5Strings;
